"""Self-checks judge the way a teacher would.

Every right answer is accepted in the forms students type (rounded to the stated precision,
the array a suggested function returns, numpy scalars, a numeric string); every usual
misconception is rejected, each with the feedback that fits it; no message reveals the answer.
The student-style answer tables themselves are in tests/exercise_answer_tables.py.
"""

import importlib
import pkgutil

import numpy as np
import pytest
from exercise_answer_tables import WRONG_FORMS, right_forms

from flywheel_lab import exercises
from flywheel_lab.exercises import (
    CORRECT,
    CORRECT_TEXT,
    FRACTION,
    LIST,
    NUMBER_FOR_SET,
    PERCENT,
    ROUNDED_TWICE,
    SET_AS_TEXT,
    SLIP,
    TEXT,
    TOO_FEW_DIGITS,
    WRONG,
    Answer,
)

KEYS = sorted(
    f"{info.name}.{name}"
    for info in pkgutil.iter_modules(exercises.__path__)
    for name in importlib.import_module(f"flywheel_lab.exercises.{info.name}").ANSWERS)

RIGHT_CASES = [(key, label, form) for key in KEYS for label, form in right_forms(key)]
WRONG_CASES = [(key, form, kind) for key in KEYS for form, kind in WRONG_FORMS[key]]


def test_there_are_exercises():
    assert len(KEYS) >= 3


def test_every_exercise_has_a_table_of_wrong_answers():
    assert sorted(WRONG_FORMS) == KEYS
    for key in KEYS:
        assert len(WRONG_FORMS[key]) >= 2, f"{key}: add at least two usual misconceptions"


@pytest.mark.parametrize("key, label, form", RIGHT_CASES,
                         ids=[f"{k}-{label}" for k, label, _ in RIGHT_CASES])
def test_right_answer_forms_are_accepted(key, label, form):
    feedback = exercises.judge(key, form)
    assert feedback.accepted, f"{key}: right answer {form!r} ({label}) got {feedback.message!r}"
    assert exercises.is_correct(key, form) is True
    assert feedback.kind == (CORRECT_TEXT if label.startswith("text") else CORRECT)


@pytest.mark.parametrize("key, form, kind", WRONG_CASES,
                         ids=[f"{k}-{form!r}" for k, form, _ in WRONG_CASES])
def test_wrong_answers_are_rejected_with_the_right_feedback(key, form, kind):
    feedback = exercises.judge(key, form)
    assert exercises.is_correct(key, form) is False
    got = WRONG if feedback.kind == SLIP else feedback.kind     # a named slip is a wrong value too
    assert got == kind, f"{key}: {form!r} got {feedback.message!r}, expected {kind}"
    hint = exercises.lookup(key).hint
    assert (hint in feedback.message) == (feedback.kind == WRONG), "the content hint only for a wrong value"


# hints that quote the question's own data, which happens to equal the answer
QUESTION_DATA_IN_HINT = {"accuracy.exotic_needed"}   # 0.9 is the target and the answer


def shown(value):
    """Ways the expected answer could leak into a message."""
    if isinstance(value, (set, frozenset)):
        return {str(sorted(value)), str(value)}
    if isinstance(value, str):
        return {value}
    if isinstance(value, (int, np.integer)) or float(value).is_integer():
        return {str(int(value))} if abs(value) > 9 else set()
    return {f"{value:.{d}f}" for d in (1, 2, 3)} - {"0.0", "1.0"}


@pytest.mark.parametrize("key", KEYS)
def test_no_message_reveals_the_answer(key, capsys):
    expected = exercises.lookup(key).value()
    tried = [form for form, _ in WRONG_FORMS[key]] + ["not a number", [1, 2, 3], 12345.678]
    for form in tried:
        exercises.check(key, form)
    hint = exercises.lookup(key).hint
    out = capsys.readouterr().out.replace(hint, "")
    for leak in shown(expected):
        assert leak not in out, f"{key}: a message shows {leak!r}"
        if key not in QUESTION_DATA_IN_HINT:
            assert leak not in hint, f"{key}: the hint shows {leak!r}"


def test_placeholder_is_not_judged(capsys):
    exercises.check(KEYS[0], None)
    assert "Not answered yet" in capsys.readouterr().out
    assert exercises.is_correct(KEYS[0], None) is False


def test_placeholder_does_not_compute_the_answer():
    calls = []
    entry = Answer(lambda: calls.append(1) or 1.0, "hint", decimals=1)
    assert not entry.judge(None).accepted and not calls


def test_unknown_keys():
    with pytest.raises(ValueError, match="no exercises for topic"):
        exercises.check("nope.x", 1)
    with pytest.raises(ValueError, match="unknown exercise"):
        exercises.check("information.nope", 1)


def test_the_rule_on_log2_6_to_3_significant_figures():
    # the example of CONTRIBUTING.md, "How answers are judged"
    judge = exercises.lookup("information.die_entropy").judge
    assert judge(2.58).kind == judge(2.585).kind == judge(np.log2(6)).kind == CORRECT
    assert judge(2.6).kind == TOO_FEW_DIGITS
    assert judge(3).kind != TOO_FEW_DIGITS          # one significant figure: not "almost" …
    assert judge(3).slip == "whole questions, not bits"   # … but a slip with its own name
    assert judge(2.57).kind == judge(2.5).kind == WRONG
    assert judge(2.59).kind == ROUNDED_TWICE       # the printed 2.585 rounded again
    assert judge(True).kind == WRONG


def test_rounding_twice_is_told_apart_only_where_it_explains_the_digits():
    to_2_decimals = Answer(0.8, "hint", decimals=2)
    assert to_2_decimals.judge(0.79).kind == WRONG          # 0.8 rounds to 0.80 however often
    days = Answer(4.7914, "hint", decimals=1)
    assert days.judge(4.8).kind == CORRECT
    assert Answer(1.4449, "hint", decimals=2).judge(1.45).kind == ROUNDED_TWICE   # 1.445 → 1.45
    message = exercises.judge("information.die_entropy", 2.59).message
    assert "2.58" not in message and "2.585" not in message      # never the answer


def test_a_set_typed_in_quotes_is_read_like_a_numeric_string():
    judge = exercises.lookup("pixels.neighbours_15").judge
    for typed in ("{7, 11, 13, 14}", "7, 11, 13, 14", "[14, 13, 11, 7]", " 7 11 13 14 "):
        assert judge(typed).kind == CORRECT_TEXT, typed
    assert judge("{7, 11, 13}").kind == WRONG
    assert judge("the four neighbours").kind == SET_AS_TEXT


def test_percent_and_fraction_slips_both_ways():
    as_fraction = Answer(0.9, "hint", decimals=2, kind="fraction")
    assert [as_fraction.judge(a).kind for a in (90, "90%", "90 %", 90.0)] == [PERCENT] * 4
    assert as_fraction.judge(0.9).kind == CORRECT
    assert as_fraction.judge(80).kind == WRONG
    as_percent = Answer(90, "hint", decimals=0, kind="percent")
    assert as_percent.judge(0.9).kind == FRACTION
    assert as_percent.judge(90).kind == CORRECT
    assert as_percent.judge("90 %").kind == CORRECT_TEXT


def test_format_slips():
    number = Answer(3.0, "hint", decimals=2)
    assert number.judge("three").kind == TEXT
    assert number.judge("3,0").kind == TEXT          # a decimal comma is not read as a number
    assert number.judge([3.0, 4.0]).kind == LIST
    assert number.judge(np.array([[3.0]])).kind == CORRECT
    assert number.judge([]).kind == LIST
    assert number.judge(["3"]).kind == CORRECT_TEXT  # a numeric string in a list
    assert number.judge({3}).kind == CORRECT
    assert number.judge(float("nan")).kind == number.judge(float("inf")).kind == WRONG
    assert number.judge({"a": 3}).kind == WRONG
    members = Answer({1, 2}, "hint")
    assert members.judge(1).kind == NUMBER_FOR_SET
    assert members.judge(np.int64(1)).kind == NUMBER_FOR_SET
    assert members.judge("{1, 2}").kind == CORRECT_TEXT   # read like a numeric string
    assert members.judge("one and two").kind == SET_AS_TEXT
    assert members.judge([[1, 2]]).kind == CORRECT     # a 2-D array of the members
    assert members.judge([1, 2, 3]).kind == WRONG


def test_whole_numbers_and_thousands():
    whole = Answer(49_766_400, "hint")
    assert all(whole.judge(a).accepted for a in (49_766_400, 49_766_400.0, np.int32(49_766_400)))
    assert whole.judge("49,766,400").kind == whole.judge("49 766 400").kind == CORRECT_TEXT
    assert whole.judge(49_766_401).kind == WRONG
    assert whole.judge(4.98e7).kind == WRONG          # exact means exact


def test_trailing_zeros_the_float_dropped_are_not_too_few_digits():
    assert Answer(0.7, "hint", decimals=3).judge(0.7).kind == CORRECT
    assert Answer(6708.5, "hint", sig=3).judge(6710).kind == CORRECT
    assert Answer(6708.5, "hint", sig=3).judge(6700).kind == TOO_FEW_DIGITS


def test_precision_is_stated_once():
    with pytest.raises(ValueError, match="not both"):
        Answer(1.0, "hint", decimals=2, sig=3)
    with pytest.raises(ValueError, match="kind must be"):
        Answer(1.0, "hint", kind="percentage")
    assert Answer(1.0, "h", decimals=1).precision() == "to 1 decimal"
    assert Answer(1.0, "h", sig=3).precision() == "to 3 significant figures"


def test_every_numeric_answer_states_its_precision_or_is_whole():
    for key in KEYS:
        entry = exercises.lookup(key)
        value = entry.value()
        if isinstance(value, (float, np.floating)) and not float(value).is_integer():
            assert entry.decimals is not None or entry.sig is not None, f"{key}: state the precision"
