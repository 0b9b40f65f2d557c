"""Self-checks for the exercises at the end of each notebook.

``check("information.die_entropy", answer)`` prints whether ``answer`` is right and,
when it is not, a hint — never the answer itself. Expected answers are computed by
the package's own functions, in one submodule per topic (``exercises.information`` …)
whose ``ANSWERS`` dict maps a short name to an :class:`Answer`.
"""

import importlib
import math
import numbers
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Answer:
    """What an exercise expects: a value (or a function computing it), a hint, a tolerance."""

    expected: Any
    hint: str
    rel_tol: float = 1e-3
    abs_tol: float = 1e-9

    def value(self):
        """The expected answer (computed now if it was given as a function)."""
        return self.expected() if callable(self.expected) else self.expected

    def accepts(self, answer):
        """True if ``answer`` matches the expected value."""
        return _matches(answer, self.value(), self.rel_tol, self.abs_tol)


def _matches(answer, expected, rel_tol, abs_tol):
    if isinstance(expected, bool) or expected is None:
        return answer is expected or answer == expected
    if isinstance(expected, numbers.Real):
        return (isinstance(answer, numbers.Real) and not isinstance(answer, bool)
                and math.isclose(float(answer), float(expected), rel_tol=rel_tol, abs_tol=abs_tol))
    if isinstance(expected, str):
        return isinstance(answer, str) and answer.strip().lower() == expected.strip().lower()
    if isinstance(expected, (set, frozenset)):
        try:
            return set(answer) == set(expected)
        except TypeError:
            return False
    if isinstance(expected, (list, tuple)):
        try:
            answer = list(answer)
        except TypeError:
            return False
        return len(answer) == len(expected) and all(
            _matches(a, e, rel_tol, abs_tol) for a, e in zip(answer, expected))
    return answer == expected


def lookup(key):
    """The :class:`Answer` registered under ``"topic.name"``."""
    if not isinstance(key, str):
        raise ValueError(f'the exercise key must be text such as "information.die_entropy", got {key!r}')
    topic, _, name = key.partition(".")
    try:
        answers = importlib.import_module(f"{__name__}.{topic}").ANSWERS
    except ModuleNotFoundError:
        raise ValueError(f"no exercises for topic {topic!r} (key {key!r})") from None
    if name not in answers:
        raise ValueError(f"unknown exercise {key!r}; {topic} has {sorted(answers)}")
    return answers[name]


def is_correct(key, answer):
    """True if ``answer`` is right for exercise ``key``."""
    return lookup(key).accepts(answer)


def check(key, answer):
    """Print whether ``answer`` solves exercise ``key``, with a hint if it does not."""
    entry = lookup(key)
    if answer is None or answer is ...:
        print("Not answered yet: replace the placeholder with your answer and run the cell.")
    elif entry.accepts(answer):
        print("✅ Correct!")
    else:
        print(f"❌ Not yet. Hint: {entry.hint}")
