"""Self-checks for the exercises at the end of each notebook.

``check("information.die_entropy", answer)`` prints whether ``answer`` is right and,
when it is not, says why — never the answer itself. In a notebook it also keeps the
verdicts of the exercise's tries in its output's metadata, for the teacher's class report. Expected answers are computed by
the package's own functions, in one submodule per topic (``exercises.information`` …)
whose ``ANSWERS`` dict maps a short name to an :class:`Answer`.

The matching rule (CONTRIBUTING.md, "How answers are judged", says the same):

* **Numbers.** A Python or numpy number, a 0-d array and a one-element list, tuple or
  array are all one number; ``True``/``False`` are not numbers. A whole number matches
  ``6.0``.
* **Precision.** Every numeric answer states the precision it expects, and the question
  says it: ``decimals=2`` ("to 2 decimals"), ``sig=3`` ("to 3 significant figures") or
  neither (an exact whole number, "in whole days"). An answer is accepted when it lies
  within half a unit of the last digit asked for (to 3 significant figures, 2.58, 2.585
  and the full 2.5849… are all right for log2 6; 2.59 is not). An answer that is right
  only at a coarser precision than asked (2.6) is told "too few digits".
  An answer rounded twice (a printed 2.585 rounded again to 2.59 for 2.58496…) is told so.
* **Sets.** A set matches any iterable with the same members (a list, a tuple, an
  array; order and repeats do not matter). A set typed in quotes (``"{7, 11, 13, 14}"``)
  is read like a numeric string: accepted with a note if right, the hint if wrong.
* **Text.** A string that reads as a number (``"0.8"``, ``"49,766,400"``) where a number
  is expected is judged as that number: a right one is accepted with a note to drop the
  quotes, a wrong one gets the hint. Other text gets a "this needs a number" message.
* **Names** (a strategy, a filter) match whatever their case, spaces, hyphens or
  underscores (``"k-center"`` is ``"kcenter"``).
* **Percentages.** Where a fraction is expected, ``90``, ``"90%"`` or ``"90 %"`` for 0.9
  get a percentage message (and a fraction where a percentage is expected the reverse).

* **Almost.** "Too few digits" is said only when the answer has at least two significant
  figures and agrees with the right value as far as they go (2.6 for 2.585); 3 for 2.585,
  or 0.100 for 0.125, is a wrong value and gets the content feedback.
* **Slips.** An :class:`Answer` may list :class:`Slip` s: the wrong value a predictable
  mistake produces (ln instead of log2, bytes instead of bits, floor instead of ceiling…),
  computed by the package from the mistake itself, with a message that names the slip. A
  slip is matched with the same tolerance as the right answer, and never equals it.
* **Direction.** A wrong number that is no slip gets the hint and, where that does not give
  the answer away, whether it is too high or too low (or more than ten times off).

Each verdict is a :class:`Feedback` with its own message; the content hint is shown only
when the value itself is wrong.
"""

import copy
import importlib
import json
import math
import numbers
import os
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import numpy as np

PLACEHOLDER = "placeholder"
CORRECT = "correct"
CORRECT_TEXT = "correct_text"
TEXT = "text"
PERCENT = "percent"
FRACTION = "fraction"
TOO_FEW_DIGITS = "too_few_digits"
ROUNDED_TWICE = "rounded_twice"
TRUNCATED = "truncated"
SET_AS_TEXT = "set_as_text"
LIST = "list"
NUMBER_FOR_SET = "number_for_set"
SLIP = "slip"
WRONG = "wrong"

#: every kind of feedback, and whether it counts as right
ACCEPTED = {CORRECT: True, CORRECT_TEXT: True, PLACEHOLDER: False, TEXT: False,
            PERCENT: False, FRACTION: False, TOO_FEW_DIGITS: False, ROUNDED_TWICE: False, TRUNCATED: False,
            LIST: False, NUMBER_FOR_SET: False, SET_AS_TEXT: False, SLIP: False, WRONG: False}

_MESSAGES = {
    PLACEHOLDER: "Not answered yet: replace the placeholder with your answer and run the cell.",
    CORRECT: "✅ Correct!",
    CORRECT_TEXT: ("✅ Correct! (You typed it as text, in quotes: next time write it "
                   "without quotes.)"),
    TEXT: ("❌ Not yet: this question needs a number, and you gave text. Write the number "
           "without quotes, with a decimal point (not a comma) and no units."),
    PERCENT: ("❌ Almost: that looks like a percentage. This question wants a fraction "
              "between 0 and 1 (50 % is written 0.5)."),
    FRACTION: ("❌ Almost: that looks like a fraction. This question wants a percentage "
               "(a fraction of 0.5 is written 50)."),
    TOO_FEW_DIGITS: "❌ Almost: right as far as it goes, but with too few digits. Give it {precision}.",
    ROUNDED_TWICE: ("❌ Almost: the last digit was rounded from a number that was already rounded "
                    "(like 1.449 → 1.45 → 1.5, when the full value rounds to 1.4). Round the full value, "
                    "printed with more digits, {precision}."),
    TRUNCATED: ("❌ Almost: the digits after the last one asked were cut off, not rounded. Round "
                "the full value {precision}: when the next digit is 5 or more, the last digit goes up."),
    LIST: ("❌ Not yet: this question needs one number, and you gave {count} values (a set, a "
           "list or an array). If it asks how many, count them (len(...)); otherwise pick out the "
           "one it asks about."),
    NUMBER_FOR_SET: ("❌ Not yet: this question needs a set of numbers, such as {{1, 2}}, "
                     "and you gave a single number."),
    SET_AS_TEXT: ("❌ Not yet: this question needs a set of numbers, and you gave text that does "
                  "not read as one. Write the numbers between braces, without quotes: {{1, 2}}."),
    SLIP: "❌ Not yet: {slip}",
    WRONG: "❌ Not yet.{direction} Hint: {hint}",
}

#: the direction note of a wrong number (empty where it would give the answer away)
_DIRECTIONS = {"high": " Your answer is too high.", "low": " Your answer is too low.",
               "far high": " Your answer is more than ten times too high.",
               "far low": " Your answer is more than ten times too low.",
               "scale": (" That looks like the number in thousands or millions: write it out in "
                         "full (2.5 million is 2500000, or 2.5e6 in Python)."),
               "percent": (" That looks like a percentage, and this question wants a fraction between "
                           "0 and 1 (50 % is written 0.5); written as a fraction, it is not right "
                           "either.")}


_COMPUTED = {}   # expected answers computed so far, by function


@dataclass(frozen=True)
class Feedback:
    """A verdict on one answer: its ``kind`` (one of the constants above) and the message."""

    kind: str
    message: str
    slip: str = None     #: the name of the slip recognised (kind SLIP), else None

    @property
    def accepted(self):
        """True if the answer counts as right."""
        return ACCEPTED[self.kind]


@dataclass(frozen=True)
class Slip:
    """A predictable wrong answer: what a named mistake gives, and what to tell the student.

    ``name`` is a short label for the teacher's class report ("ln instead of log2");
    ``value`` is the wrong answer or, better, a function computing it from the mistake
    itself (the same formula with ``np.log``); ``message`` names the slip for a first-year
    and points to the notebook section that explains it, without the answer.
    """

    name: str
    value: Any
    message: str

    def __post_init__(self):
        for field in ("name", "message"):
            text = getattr(self, field)
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"a slip's {field} must be non-empty text, not {text!r}")
        if not callable(self.value):
            try:
                values = np.asarray(self.value, dtype=float)
            except (TypeError, ValueError):
                return                     # a name or a set of names
            if np.isnan(values).any():
                raise ValueError(f"a slip's value must be a number, not {self.value!r}")

    def wrong_value(self):
        """The wrong answer this slip produces (computed once, like an expected answer)."""
        return Answer(self.value, "").value()


@dataclass(frozen=True)
class Answer:
    """What an exercise expects.

    ``expected`` is the value or a function computing it; ``hint`` is shown when the
    value is wrong. For a numeric answer, ``decimals`` or ``sig`` (significant figures)
    is the precision the question asks for; with neither the number must be exact
    (whole numbers). ``kind="fraction"`` or ``"percent"`` turns on the percentage /
    fraction slip message. ``slips`` lists the predictable wrong answers (:class:`Slip`);
    ``direction=False`` keeps a wrong number from being told "too high/too low" (for a
    label such as a category or a sample index, where a direction would give it away).
    """

    expected: Any
    hint: str
    decimals: int = None
    sig: int = None
    kind: str = None
    slips: tuple = ()
    direction: bool = True

    def __post_init__(self):
        if self.decimals is not None and self.sig is not None:
            raise ValueError("give decimals or sig, not both")
        if self.kind not in (None, "fraction", "percent"):
            raise ValueError(f"kind must be None, 'fraction' or 'percent', not {self.kind!r}")

    def value(self):
        """The expected answer (computed on first use if it was given as a function).

        Expected answers are deterministic (every random thing is seeded), so a computed
        one is kept for the session: a self-check that trains a network runs it once.
        """
        if not callable(self.expected):
            return self.expected
        if self.expected not in _COMPUTED:
            _COMPUTED[self.expected] = self.expected()
        return copy.copy(_COMPUTED[self.expected])

    def precision(self):
        """The precision in words, as the question states it."""
        if self.decimals is not None:
            return f"to {self.decimals} decimal{'s' if self.decimals != 1 else ''}"
        if self.sig is not None:
            return f"to {self.sig} significant figure{'s' if self.sig != 1 else ''}"
        return "exactly"

    def judge(self, answer):
        """The :class:`Feedback` for ``answer``."""
        placeholder = answer is None or answer is ...
        if placeholder:
            return Feedback(PLACEHOLDER, _MESSAGES[PLACEHOLDER])
        expected = self.value()
        kind = _judge(self, answer, expected)
        slip = None if ACCEPTED[kind] else self.slip_for(answer)
        if slip is not None:
            return Feedback(SLIP, _MESSAGES[SLIP].format(slip=slip.message), slip.name)
        direction = _DIRECTIONS.get(self._direction(answer, expected), "") if kind == WRONG else ""
        return Feedback(kind, _MESSAGES[kind].format(hint=self.hint, precision=self.precision(),
                                                     count=_count(answer), direction=direction))

    def slip_for(self, answer):
        """The first :class:`Slip` whose wrong value ``answer`` matches (same tolerance), or None."""
        for slip in self.slips:
            wrong = slip.wrong_value()
            spec = self
            if (self.decimals is None and self.sig is None and _is_number(wrong)
                    and not float(wrong).is_integer()):
                spec = _COPIED            # a whole-number question: the slip's value as printed
            if _judge(spec, answer, wrong) in (CORRECT, CORRECT_TEXT):
                return slip
        return None

    def _direction(self, answer, expected):
        """"high", "low", "far high", "far low", or None where a direction would give it away."""
        if not self.direction or not _is_number(expected) or isinstance(expected, (bool, np.bool_)):
            return None
        x = float(expected)
        exact_small = self.decimals is None and self.sig is None and abs(x) < 10
        if x == 0 or not math.isfinite(x) or exact_small:
            return None                # a direction would leave one or two candidates
        a = _single(answer)
        if isinstance(a, str):
            parsed = _parse_text(a)
            if parsed is None or parsed[1]:
                return None
            a = parsed[0].number
        if not _is_number(a) or not math.isfinite(float(a)):
            return None
        a = float(a)
        if self.kind == "fraction" and 1 < a <= 100:
            return "percent"           # a percentage, and not of the right value either
        if abs(x) >= 1000 and any(_close(a * 1000 ** k, x, max(_unit(self, x), 0.5)) for k in (1, 2, 3)):
            return "scale"             # 49.8 for 49.8 million
        if a > 0 < x and a > 10 * x:
            return "far high"
        if a > 0 < x and a < x / 10:
            return "far low"
        return "high" if a > x else "low"

    def accepts(self, answer):
        """True if ``answer`` is right (in any accepted form)."""
        return self.judge(answer).accepted


#: the precision at which a fractional slip is recognised where a whole number is asked for
_COPIED = Answer(0.0, "", sig=3)


# ------------------------------------------------------------------ reading answers

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}([,_ ]\d{3})+(\.\d*)?")


def _is_number(x):
    return (isinstance(x, (numbers.Real, np.number)) and not isinstance(x, (bool, np.bool_))
            and not isinstance(x, (complex, np.complexfloating)))


def _is_container(x):
    return isinstance(x, (list, tuple, set, frozenset)) or hasattr(x, "__array__")


def _single(answer):
    """The one item of a one-item list, tuple, set or array (0-d too); else ``answer``.

    A float64 array gives a Python float, a float32 one its numpy scalar (so the digits
    the student saw are the ones judged), a string array its ``str``.
    """
    if not _is_container(answer) or _is_number(answer):
        return answer
    try:
        arr = np.asarray(list(answer) if isinstance(answer, (set, frozenset)) else answer)
    except ValueError:            # ragged nested lists
        return answer
    if arr.size != 1:
        return answer
    item = arr.reshape(())[()]
    if arr.dtype.kind in "US":
        return str(item)
    if arr.dtype.kind in "iuf":
        return item.item() if arr.dtype.itemsize == 8 else item
    return answer


def _parse_text(text):
    """A numeric string as ``(number, percent_sign)``, or None if it is not one."""
    s = text.strip()
    percent = s.endswith("%")
    s = s.rstrip("%").strip()
    if _THOUSANDS.fullmatch(s):
        s = re.sub(r"[,_ ]", "", s)
    if not _NUMBER.fullmatch(s):
        return None
    number = float(s)
    if "." not in s and "e" not in s.lower():
        number = int(s)
    return _Typed(number, s), percent


@dataclass(frozen=True)
class _Typed:
    """A number read from text, with the digits the student wrote."""

    number: float
    text: str


def _name(text):
    """A name as compared: case, spaces, hyphens, underscores and quotes do not matter."""
    return re.sub(r"[\s\-_'\"`]", "", text).lower()


def _count(answer):
    try:
        return len(answer) if hasattr(answer, "__len__") else int(np.asarray(answer, dtype=object).size)
    except Exception:  # noqa: BLE001 — only used for a message
        return "several"


# ------------------------------------------------------------------ precision

def _written(a):
    """The digits of ``a`` as written: the shortest text that gives back the same number."""
    if isinstance(a, _Typed):
        return a.text
    if isinstance(a, (numbers.Integral, np.integer)):
        return str(int(a))
    if isinstance(a, Fraction):
        return None                  # exact: as precise as can be
    if not isinstance(a, np.floating):
        a = float(a)
    return np.format_float_positional(a, unique=True, trim="0")   # 1.0 keeps its decimal


def _digits(a):
    """``(decimals, significant figures)`` the student wrote (None if exact)."""
    text = _written(a)
    if text is None:
        return None, None
    mantissa, _, exponent = text.lower().lstrip("+-").partition("e")
    whole, _, frac = mantissa.partition(".")
    decimals = len(frac) - (int(exponent) if exponent else 0)
    if frac.strip("0") == "":
        # a whole number (7000, 5e7, 1.0): its trailing zeros are not significant
        digits = whole.lstrip("0").rstrip("0")
    else:
        digits = (whole + frac).lstrip("0")
    return decimals, max(len(digits), 1)


def _unit(answer_spec, x):
    """Half-width of the accepted band around ``x`` (the half unit of the last digit asked)."""
    if answer_spec.decimals is not None:
        return 0.5 * 10.0 ** -answer_spec.decimals
    if answer_spec.sig is not None:
        if x == 0:
            return 0.5 * 10.0 ** -answer_spec.sig
        return 0.5 * 10.0 ** (math.floor(math.log10(abs(x))) - answer_spec.sig + 1)
    return 0.0


def _close(a, x, half):
    return abs(a - x) <= half * (1 + 1e-9) + 1e-9 * max(abs(x), 1e-300) + 1e-12


def _judge_number(spec, a, x):
    """CORRECT, TOO_FEW_DIGITS or WRONG for a number ``a`` against ``x``."""
    value = float(a.number if isinstance(a, _Typed) else a)
    half = _unit(spec, x)
    if _close(value, x, half) and not _across_a_tie(value, x, half):
        return CORRECT
    if _rounded_twice(spec, value, x):
        return ROUNDED_TWICE
    if _too_few_digits(spec, a, value, x):
        return TOO_FEW_DIGITS
    if half and _to_last_digit(x, half, ROUND_DOWN) == value != _to_last_digit(x, half, ROUND_HALF_UP):
        return TRUNCATED
    return WRONG


def _too_few_digits(spec, a, value, x):
    """True if ``a`` has fewer digits than asked (at least two significant) and agrees with ``x``
    as far as they go."""
    decimals, sig = _digits(a)
    if decimals is None or sig < 2:
        return False                 # one significant figure agrees with too much to be "almost"
    if spec.decimals is not None and decimals < spec.decimals:
        coarse = 0.5 * 10.0 ** -decimals
    elif spec.sig is not None and sig < spec.sig and value != 0:
        coarse = 0.5 * 10.0 ** (math.floor(math.log10(abs(value))) - sig + 1)
    else:
        return False
    return _close(value, x, coarse)


def _to_last_digit(x, half, rounding, digits=".12g"):
    """``x`` to the last digit asked (``half`` = half its unit), as written with ``digits``
    (".12g": its float noise removed; "r": as printed; None: its exact binary value)."""
    last = round(math.log10(2 * half))
    exact = Decimal(x) if digits is None else Decimal(format(x, digits) if digits != "r" else repr(x))
    return float(exact.quantize(Decimal(1).scaleb(last), rounding=rounding))


def _across_a_tie(value, x, half):
    """True if ``x`` lies halfway between two answers and ``value`` is the one no rounding gives
    (halves up or to even, of the value as printed, without its float noise, or as Python's
    ``round`` sees it): 0.87 for 0.875, a truncation; 0.57 for 0.575 is ``round``'s answer."""
    if half == 0 or not math.isclose(abs(value - x), half, rel_tol=1e-6):
        return False
    roundings = [(r, d) for r in (ROUND_HALF_UP, ROUND_HALF_EVEN) for d in (".12g", "r")]
    roundings.append((ROUND_HALF_EVEN, None))
    return not any(math.isclose(value, _to_last_digit(x, half, r, d), rel_tol=1e-6, abs_tol=1e-12)
                   for r, d in roundings)


def _rounded_twice(spec, value, x):
    """True if ``value`` is ``x`` rounded first to 1–3 more digits, then (halves up) to the digits asked.

    The slip of rounding a printed 2.585 to 2.59 when log2 6 = 2.58496… (right: 2.58).
    """
    half = _unit(spec, x)
    if half == 0 or not math.isfinite(x):
        return False
    last = round(math.log10(2 * half))                     # exponent of the last digit asked
    exact = Decimal(repr(float(x)))
    for extra in (1, 2, 3):
        finer = exact.quantize(Decimal(1).scaleb(last - extra), rounding=ROUND_HALF_EVEN)
        twice = float(finer.quantize(Decimal(1).scaleb(last), rounding=ROUND_HALF_UP))
        if math.isclose(twice, value, rel_tol=1e-12, abs_tol=1e-12):
            return True
    return False


def _scaled(a, factor):
    if isinstance(a, _Typed):
        return float(a.number) * factor
    return float(a) * factor


# ------------------------------------------------------------------ judging

def _judge(spec, answer, expected):
    if answer is None or answer is ...:
        return PLACEHOLDER
    if isinstance(expected, (bool, np.bool_)) or expected is None:
        return CORRECT if (answer is expected or answer == expected) else WRONG
    if _is_number(expected):
        return _judge_numeric(spec, answer, float(expected))
    if isinstance(expected, str):
        return CORRECT if isinstance(answer, str) and _name(answer) == _name(expected) else WRONG
    if isinstance(expected, (set, frozenset)):
        return _judge_set(answer, expected)
    if isinstance(expected, (list, tuple)):
        try:
            items = list(answer)
        except TypeError:
            return WRONG
        same = len(items) == len(expected) and all(
            _judge(spec, a, e) in (CORRECT, CORRECT_TEXT) for a, e in zip(items, expected))
        return CORRECT if same else WRONG
    return CORRECT if answer == expected else WRONG


def _judge_numeric(spec, answer, x):
    from_text = False
    percent_sign = False
    answer = _single(answer)
    if isinstance(answer, str):
        parsed = _parse_text(answer)
        if parsed is None:
            return TEXT
        answer, percent_sign = parsed
        from_text = True
    elif not _is_number(answer):
        return LIST if _is_container(answer) else WRONG
    elif not math.isfinite(float(answer)):
        return WRONG
    if percent_sign and spec.kind != "percent":
        verdict = _judge_number(spec, _Typed(_scaled(answer, 0.01), ""), x)
        return PERCENT if verdict == CORRECT else WRONG
    verdict = _judge_number(spec, answer, x)
    if verdict == CORRECT:
        return CORRECT_TEXT if from_text else CORRECT
    if spec.kind == "fraction" and _close(_scaled(answer, 0.01), x, _unit(spec, x)):
        return PERCENT
    if spec.kind == "percent" and _close(_scaled(answer, 100), x, _unit(spec, x)):
        return FRACTION
    return verdict


def _judge_set(answer, expected):
    if isinstance(answer, str):
        members = _parse_set_text(answer)
        if members is None:
            return SET_AS_TEXT
        return CORRECT_TEXT if members == set(expected) else WRONG
    if _is_number(answer) or (isinstance(answer, np.ndarray) and answer.ndim == 0):
        return NUMBER_FOR_SET
    try:
        return CORRECT if set(answer) == set(expected) else WRONG
    except TypeError:                # an array, or nested lists: compare their members
        try:
            items = np.asarray(answer).ravel().tolist()
        except (TypeError, ValueError):
            return WRONG
        return CORRECT if set(items) == set(expected) else WRONG


def _parse_set_text(text):
    """The numbers of a set typed in quotes (``"{7, 11, 13, 14}"``, ``"7 11 13 14"``), or None."""
    inner = text.strip().strip("{}[]()").strip()
    parts = [p for p in re.split(r"[\s,;]+", inner) if p]
    if not parts or not all(re.fullmatch(r"[+-]?\d+", p) for p in parts):
        return None
    return {int(p) for p in parts}


# ------------------------------------------------------------------ public API

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


def judge(key, answer):
    """The :class:`Feedback` for ``answer`` to exercise ``key`` (``.accepted``, ``.message``)."""
    return lookup(key).judge(answer)


def is_correct(key, answer):
    """True if ``answer`` is right for exercise ``key`` (a plain bool, for autograders)."""
    return bool(judge(key, answer).accepted)


#: the output metadata key under which :func:`check` keeps an exercise's tries
TRIES_KEY = "flywheel_lab/tries"
_TRIES = {}      # exercise key -> its tries in this kernel (with those saved before it started)


def check(key, answer):
    """Print whether ``answer`` solves exercise ``key``, and why not if it does not.

    In a notebook the message is displayed with the exercise's tries so far in the output's
    metadata (``TRIES_KEY``: ``{"key": ..., "tries": [{"kind": ..., "slip": ...}, ...]}``), so a
    handed-in notebook shows whether the answer was right at the first try (the class report
    reads it). A try is every check of an answer (not of the placeholder); the tries saved in
    the notebook before the kernel started count too, so a restart does not forget them.
    """
    feedback = judge(key, answer)
    tries = _tries(key)
    if feedback.kind != PLACEHOLDER:
        tries.append({"kind": feedback.kind, "slip": feedback.slip})
    if not _in_kernel():
        print(feedback.message)
        return
    from IPython.display import display
    display({"text/plain": feedback.message}, raw=True,
            metadata={TRIES_KEY: {"key": key, "tries": list(tries)}})


def _in_kernel():
    """True in a running IPython kernel (a notebook); False in a script, a test, a terminal IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def _tries(key):
    """This kernel's list of tries at ``key``, started from those saved in its notebook."""
    if key not in _TRIES:
        # JupyterLab gives the notebook's full path; a bare API path is relative to the server's
        # root, while the kernel runs in the notebook's folder: try its name there too
        session = os.environ.get("JPY_SESSION_NAME") or ""
        _TRIES[key] = (_saved_tries(session, key) if os.path.isfile(session) else
                       _saved_tries(os.path.basename(session), key))
    return _TRIES[key]


def _saved_tries(path, key):
    """The tries at ``key`` recorded in the saved notebook at ``path`` ([] if none or unreadable)."""
    try:
        with open(path, encoding="utf-8") as file:
            nb = json.load(file)
    except (OSError, TypeError, ValueError):
        return []
    cells = nb.get("cells", []) if isinstance(nb, dict) else []
    outputs = [out for cell in cells if isinstance(cell, dict) for out in cell.get("outputs", [])]
    return _recorded_tries(outputs, key) or []


def _recorded_tries(outputs, key=None):
    """The longest record of tries (at ``key``, or any exercise) among notebook ``outputs``, or
    None if they hold none. Each record holds every try of its kernel up to then, so the
    longest is the latest history (the last of equals: a cell run again after a restart)."""
    found = None
    for out in outputs:
        record = out.get("metadata", {}).get(TRIES_KEY) if isinstance(out, dict) else None
        if (isinstance(record, dict) and isinstance(record.get("tries"), list)
                and (key is None or record.get("key") == key)):
            tries = [t for t in record["tries"] if isinstance(t, dict) and "kind" in t]
            found = tries if found is None or len(tries) >= len(found) else found
    return found
