"""Self-checks accept the right answer, hint on a wrong one, and never print the answer."""

import importlib
import pkgutil

import pytest

from flywheel_lab import exercises

KEYS = sorted(
    f"{info.name}.{name}"
    for info in pkgutil.iter_modules(exercises.__path__)
    for name in importlib.import_module(f"flywheel_lab.exercises.{info.name}").ANSWERS)


def wrong(value):
    """Something that is not the expected answer."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value * 3 + 7
    if isinstance(value, str):
        return value + " not"
    return None if value else [999]


def test_there_are_exercises():
    assert len(KEYS) >= 3


@pytest.mark.parametrize("key", KEYS)
def test_right_answer_is_accepted(key, capsys):
    expected = exercises.lookup(key).value()
    assert exercises.is_correct(key, expected)
    exercises.check(key, expected)
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize("key", KEYS)
def test_wrong_answer_gets_a_hint_without_the_answer(key, capsys):
    expected = exercises.lookup(key).value()
    exercises.check(key, wrong(expected))
    out = capsys.readouterr().out
    assert "Hint" in out or "Not answered" in out
    if isinstance(expected, float):
        assert f"{expected:.3f}" not in out and f"{expected:.2f}" not in out
    elif isinstance(expected, int) and not isinstance(expected, bool) and abs(expected) > 9:
        assert str(expected) not in out


def test_placeholder_is_not_judged(capsys):
    exercises.check(KEYS[0], None)
    assert "Not answered yet" in capsys.readouterr().out


def test_unknown_keys():
    with pytest.raises(ValueError, match="no exercises for topic"):
        exercises.check("nope.x", 1)
    with pytest.raises(ValueError, match="unknown exercise"):
        exercises.check("information.nope", 1)


def test_tolerance_and_types():
    assert exercises.is_correct("information.die_entropy", 2.585)
    assert not exercises.is_correct("information.die_entropy", "2.585")
    assert not exercises.is_correct("information.die_entropy", True)
