"""Predictable slips: each named, computed from the mistake, never the right answer (issue 25).

Every :class:`~flywheel_lab.exercises.Slip` of every exercise is judged as the slip it names,
as computed and as a student rounds it at the stated precision; its value never counts as
right; its message names no answer. "Almost" only when the answer agrees to two significant
figures; a wrong number that is no slip is told its direction where that gives nothing away.
"""

import importlib
import pkgutil

import numpy as np
import pytest

from flywheel_lab import exercises
from flywheel_lab.exercises import CORRECT, CORRECT_TEXT, SLIP, TOO_FEW_DIGITS, WRONG, Answer, Slip, _judge

KEYS = sorted(
    f"{info.name}.{name}"
    for info in pkgutil.iter_modules(exercises.__path__)
    for name in importlib.import_module(f"flywheel_lab.exercises.{info.name}").ANSWERS)
SLIPS = [(key, slip) for key in KEYS for slip in exercises.lookup(key).slips]

#: exercises with slips so far, and how many each must have at least
MINIMUM = {"start": 2, "information": 3, "examples": 2, "collection": 2,
           "accuracy": 3, "pixels": 3, "coverage": 3, "funnel": 3, "flywheel": 3}


def _typed(entry, value):
    """``value`` as a student types it, rounded at the exercise's precision."""
    if isinstance(value, (set, frozenset, str)):
        return value
    if entry.decimals is not None:
        return round(float(value), entry.decimals)
    if entry.sig is not None or not float(value).is_integer():
        return float(f"{float(value):.{entry.sig or 3}g}")
    return value


@pytest.mark.parametrize("key, slip", SLIPS, ids=[f"{k}-{s.name}" for k, s in SLIPS])
def test_every_slip_is_recognised_and_never_right(key, slip):
    entry = exercises.lookup(key)
    wrong = slip.wrong_value()
    others = [s.wrong_value() for s in entry.slips if s is not slip]
    for typed in (wrong, _typed(entry, wrong)):
        if typed is not wrong and any(np.isscalar(o) and o == typed for o in others):
            continue       # rounded, it is exactly another slip's value (145 days: the day before)
        feedback = entry.judge(typed)
        assert feedback.kind == SLIP and feedback.slip == slip.name, (key, typed, feedback)
        assert not feedback.accepted and not exercises.is_correct(key, typed)
        assert entry.hint not in feedback.message
    # never collides with the right answer at the stated precision
    assert exercises._judge(entry, wrong, entry.value()) not in (CORRECT, CORRECT_TEXT)
    assert exercises._judge(entry, entry.value(), wrong) not in (CORRECT, CORRECT_TEXT)


@pytest.mark.parametrize("key, slip", SLIPS, ids=[f"{k}-{s.name}" for k, s in SLIPS])
def test_slip_messages_never_show_the_answer(key, slip):
    value = exercises.lookup(key).value()
    if isinstance(value, (set, frozenset, str)):
        return
    leaks = {f"{value:.{d}f}" for d in (1, 2, 3)} - {"0.0", "1.0"}
    if float(value).is_integer() and abs(value) > 9:
        leaks.add(str(int(value)))
    for leak in leaks:
        assert leak not in slip.message, (key, slip.name, leak)


def test_slip_names_are_unique_per_exercise():
    for key in KEYS:
        names = [s.name for s in exercises.lookup(key).slips]
        assert len(names) == len(set(names)), key


@pytest.mark.parametrize("topic, least", sorted(MINIMUM.items()))
def test_numeric_exercises_have_their_predictable_slips(topic, least):
    for key in KEYS:
        if key.startswith(topic + "."):
            assert len(exercises.lookup(key).slips) >= least, key


def test_slips_of_issue_25():
    judge = exercises.judge
    assert judge("information.die_entropy", 1.79).slip == "ln instead of log2"
    assert judge("start.number_1_to_8", 2.079).slip == "ln instead of log2"
    assert judge("information.hd_frame_bits", 1920 * 1080 * 3).slip == "bytes instead of bits"
    assert judge("information.questions_for_100", 6).slip == "rounded down"
    assert judge("collection.last_hole_95", 46).slip == "the day before"


def test_almost_only_when_two_significant_figures_agree():
    share = exercises.lookup("accuracy.rare_share_for_80")          # 0.125, to 3 decimals
    # 0.100 is a wrong value (now the named slip "the drop alone"), never "almost"
    assert share.judge(0.100).kind in (WRONG, SLIP) and "Almost" not in share.judge(0.100).message
    assert share.judge(0.100).kind != TOO_FEW_DIGITS
    assert share.judge(0.13).kind == TOO_FEW_DIGITS
    die = exercises.lookup("information.die_entropy")               # 2.585, to 3 sig. figures
    assert die.judge(3).kind in (WRONG, SLIP) and "Almost" not in die.judge(3).message
    assert die.judge(2.6).kind == TOO_FEW_DIGITS


def test_direction_where_it_gives_nothing_away():
    die = exercises.lookup("information.die_entropy")
    assert "too high" in die.judge(2.7).message
    assert "too low" in die.judge(2.4).message
    assert "more than ten times too high" in die.judge(100).message
    assert "more than ten times too low" in die.judge(0.01).message
    # not for a small whole number, an answer of 0, a label, a name or a set
    for key, answer in [("start.number_1_to_8", 5), ("start.certain_coin", 0.3),
                        ("pixels.category_tl_br", 3), ("coverage.smallest_hole_strategy", "random"),
                        ("pixels.neighbours_15", {1, 2})]:
        message = exercises.judge(key, answer).message
        assert "too high" not in message and "too low" not in message, key


def test_a_slip_is_matched_with_the_answers_tolerance():
    entry = Answer(2.0, "hint", decimals=2, slips=(Slip("doubled", lambda: 4.0, "doubled."),))
    assert entry.judge(4.004).kind == SLIP and entry.judge("4.00").kind == SLIP
    assert entry.judge(4.02).kind == WRONG
    with pytest.raises(ValueError, match="non-empty text"):
        Slip("", 1, "message")
    with pytest.raises(ValueError, match="non-empty text"):
        Slip("name", 1, None)


def test_fewer_slips_are_declared_where_few_exist():
    # names, sets and labels: the tables of tests/exercise_answer_tables.py cover them
    assert np.all([isinstance(exercises.lookup(k).slips, tuple) for k in KEYS])


def _matches(entry, slip, value):
    """True if ``value`` is recognised as ``slip`` of ``entry`` (the same tolerance as slip_for)."""
    alone = Answer(entry.expected, entry.hint, decimals=entry.decimals, sig=entry.sig,
                   kind=entry.kind, slips=(slip,))
    return alone.slip_for(value) is slip


#: slips that coincide at the answer's precision, and why that is accepted
OVERLAPS = {
    # 145.07 days, not rounded up, reads 145 at 3 significant figures: the day before the 146th
    ("collection.last_hole_32", "the day before", "not rounded up"),
}


@pytest.mark.parametrize("key", KEYS)
def test_slips_differ_from_each_other_and_from_the_answer(key):
    """At the answer's precision no two slips of an exercise, nor a slip and the answer, coincide."""
    entry = exercises.lookup(key)
    right = entry.value()
    for slip in entry.slips:
        wrong = slip.wrong_value()
        assert _judge(entry, wrong, right) not in (CORRECT, CORRECT_TEXT), (key, slip.name)
        for other in entry.slips:
            if other is not slip and (key, slip.name, other.name) not in OVERLAPS:
                assert not _matches(entry, other, wrong), (key, slip.name, other.name)


@pytest.mark.parametrize("key, slip", [(k, s) for k, s in SLIPS
                                       if isinstance(exercises.lookup(k).value(), str)],
                         ids=lambda x: getattr(x, "name", x))
def test_a_name_slip_never_names_the_answer(key, slip):
    answer = exercises.lookup(key).value()
    spellings = {answer, answer.replace("_", " "), answer.replace("_", "-"), answer.replace("kc", "k-c")}
    assert not any(s.lower() in slip.message.lower() for s in spellings), (key, slip.name)


#: wrong answers of an independent student corpus (corpus25, December 2026), typed as the
#: students typed them: each is recognised with its slip's name
CORPUS = [
    ("start.three_coins", 1, "one flip's bits"),
    ("start.three_coins", 0.9, "log10 instead of log2"),
    ("information.mix_max_bits", 1.88, "the widget's start weights"),
    ("information.hd_frame_bits", 49.8, "in millions"),
    ("information.coin_90", 3.32, "the surprise of tails only"),
    ("information.questions_for_100", 2, "log10 instead of log2"),
    ("examples.rare_digit_bits", 0.09, "weighted by its chance"),
    ("examples.ranks_example", 0.97, "without the factor 6"),
    ("collection.day3_bits", 0.7, "the total held, not day 3's gain"),
    ("collection.last_hole_95", 72, "the 99 % answer"),
    ("collection.bits_100_days_32", 4.0, "the widget left at 16 categories"),
    ("collection.last_hole_32", 72, "the widget left at 16 categories"),
    ("collection.last_hole_32", 144, "twice the days for 16"),
    ("collection.uncommon_100", 0.46, "the exponent-0.75 row"),
    ("collection.balanced_cats", 461, "the default per_category"),
    ("collection.half_cases", 11, "the default freqs"),
    ("collection.flat_tail_uncommon", 0.58, "the widget's starting exponent"),
    ("accuracy.three_class_balanced", 0.85, "the weakest class left out"),
    ("pixels.category_tl_br", 10, "top-right taken for top-left"),
    ("funnel.prelabel_cost", 20.0, "approval for all"),
    ("funnel.prelabel_cost", 10.0, "the relabels only"),
]
#: … and of a second independent corpus (corpus2), after the slips above were added
CORPUS2 = [
    ("start.certain_coin", 1, "a fair coin"),
    ("collection.die_faces", 13.7, "the sum one term short"),
    ("flywheel.random_days_8", 20.7, "the sum one term short"),
    ("accuracy.small_customer", 0.86, "the exotic images' right answers left out"),
    ("information.questions_for_100", 99, "one candidate at a time, last one known"),
]


@pytest.mark.parametrize("key, typed, slip", [
    ("accuracy.small_customer", 0.58, "the plain mean"),
    ("accuracy.small_customer", 437.5, "images right, not the share"),
    ("accuracy.three_class_balanced", 1.8, "the sum, not the mean"),
    ("accuracy.exotic_needed", 0.1, "the exotic class as it is"),
    ("accuracy.exotic_needed", 9, "exotic images right, not the share"),
    ("accuracy.rare_share_for_80", 0.100, "the drop alone"),
    ("accuracy.rare_share_for_80", 0.875, "the common share"),
    ("pixels.category_tl_br", 9, "pixels in reading order"),
    ("pixels.category_tl_br", 110, "digits read as a decimal number"),
    ("pixels.neighbours_15", [7, 11, 13, 14, 15], "with 15 itself"),
    ("pixels.two_flips_from_4", 12, "each pair counted twice"),
    ("pixels.two_holes_4_6", {0, 5, 6, 12}, "the other hole kept"),
    ("pixels.hole_9_candidates", {0, 5, 6, 12}, "category 4's neighbours"),
    ("coverage.duplicate_novelty", 1, "a similarity, not a distance"),
    ("coverage.margin_uncertainty", 0.5, "top minus smallest"),
    ("coverage.margin_uncertainty", 0.3, "the margin, not 1 − margin"),
    ("coverage.kcenter_pick", 2, "the nearest sample"),
    ("coverage.smallest_hole_strategy", "Hybrid", "chose hybrid"),
    ("funnel.full_trip", 52.8, "cents, not dollars"),
    ("funnel.full_trip", "0.03", "without the label"),
    ("funnel.prelabel_cost", 100, "all labelled from scratch"),
    ("funnel.bits_per_cell_256", 0.094, "the 64-cell map"),
    ("funnel.bits_per_cell_256", 8, "the whole map"),
    ("funnel.costliest_filter_off", "pre-label", "chose pre_label"),
    ("flywheel.random_days_8", 8, "one day per category"),
    ("flywheel.random_days_8", 2.72, "the sum without the factor n"),
    ("flywheel.pool_4_days", 54.09, "one image a day"),
    ("flywheel.pool_4_days", 16, "the ideal"),
    ("flywheel.measured_small_shop", 0.7, "the plain mean"),
] + CORPUS + CORPUS2)
def test_student_slips_of_notebooks_04_to_10(key, typed, slip):
    feedback = exercises.judge(key, typed)
    assert feedback.kind == SLIP and feedback.slip == slip, (key, typed, feedback)


def test_slow_slips_of_notebooks_06_08_10():
    """Slips whose value trains a network or runs a simulation (each computed once)."""
    def slip_value(key, name):
        return next(s for s in exercises.lookup(key).slips if s.name == name).wrong_value()

    for key, name in [("pixels.hole_predictions", "the hole's test images"),
                      ("pixels.softmax_closing_k", "the sigmoid network"),
                      ("coverage.hole_kcenter", "the default batch"),
                      ("flywheel.random_one_customer", "the widget's starting settings")]:
        assert exercises.judge(key, slip_value(key, name)).slip == name, key


@pytest.mark.parametrize("key, typed, word", [
    ("accuracy.small_customer", 0.9, "too high"),         # no slip: the direction helps
    ("accuracy.three_class_balanced", 0.65, "too high"),
    ("funnel.prelabel_cost", 50, "too high"),
    ("funnel.full_trip", 0.4, "too low"),
    ("flywheel.pool_4_days", 30, "too high"),
    ("flywheel.random_days_8", 20, "too low"),
    ("coverage.margin_uncertainty", 0.9, "too high"),
])
def test_a_wrong_number_no_slip_explains_gets_its_direction(key, typed, word):
    feedback = exercises.judge(key, typed)
    assert feedback.kind == WRONG and word in feedback.message, (key, typed, feedback.message)
