"""Measured vs real accuracy, the two-customer experiment, and what a new example adds."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flywheel_lab import accuracy as A
from flywheel_lab.exercises import is_correct, lookup

accs = st.lists(st.floats(0, 1), min_size=1, max_size=12)


def test_chapter_numbers():
    counts = A.daily_counts(1000, 0.01)
    assert counts.tolist() == [990, 10]
    assert A.measured_accuracy(counts, [0.9, 0.1]) == pytest.approx(0.892, abs=1e-12)
    assert A.balanced_accuracy([0.9, 0.1]) == pytest.approx(0.5, abs=1e-12)
    assert A.measured_accuracy(counts, [0.9, 1.0]) == pytest.approx(0.901, abs=1e-12)
    view = A.customer_view(0.01, 0.9, 0.1)
    assert view["measured"] == pytest.approx(0.892) and view["gap"] == pytest.approx(0.392)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_measured_lies_between_worst_and_best_class(data):
    acc = data.draw(accs)
    counts = data.draw(st.lists(st.integers(0, 10_000), min_size=len(acc), max_size=len(acc))
                       .filter(lambda c: sum(c) > 0))
    m = A.measured_accuracy(counts, acc)
    assert min(acc) - 1e-12 <= m <= max(acc) + 1e-12


@settings(max_examples=100, deadline=None)
@given(accs)
def test_uniform_mix_gives_balanced_accuracy(acc):
    n = len(acc)
    assert A.accuracy_under_mix([1 / n] * n, acc) == pytest.approx(A.balanced_accuracy(acc), abs=1e-9)
    assert A.measured_accuracy([7] * n, acc) == pytest.approx(A.balanced_accuracy(acc), abs=1e-9)


def test_required_class_accuracy_inverts_measured():
    need = A.required_class_accuracy(0.9, [990, 10], [0.9, 0.1], which=1)
    assert A.measured_accuracy([990, 10], [0.9, need]) == pytest.approx(0.9)
    assert A.required_class_accuracy(0.95, [990, 10], [0.9, 0.1], which=1) > 1  # out of reach


@pytest.mark.parametrize("call, match", [
    (lambda: A.accuracy_under_mix([0.5, 0.6], [0.9, 0.1]), "sum to 1"),
    (lambda: A.measured_accuracy([990, 10], [90, 10]), "from 0 to 1"),
    (lambda: A.measured_accuracy([990, 10], [0.9, -0.1]), "from 0 to 1"),
    (lambda: A.measured_accuracy([], []), "empty"),
    (lambda: A.measured_accuracy([0, 0], [0.9, 0.1]), "all zero"),
    (lambda: A.measured_accuracy([990, 10], [0.9]), "one accuracy per class"),
    (lambda: A.measured_accuracy([990, -10], [0.9, 0.1]), "negative"),
    (lambda: A.balanced_accuracy("high"), "list of numbers"),
    (lambda: A.daily_counts(0, 0.01), "total images"),
    (lambda: A.customer_view(1.5, 0.9, 0.1), "rare_share"),
    (lambda: A.required_class_accuracy(0.9, [990, 0], [0.9, 0.1], which=1), "no images"),
    (lambda: A.skewed_mix(range(10)), "at most nine"),
    (lambda: A.skewed_mix([11]), "digit"),
    (lambda: A.rank_correlation([1, 2], [1]), "same length"),
    (lambda: A.rank_correlation([1, 1, 1], [1, 2, 3]), "undefined"),
    (lambda: A.narrow_training_set(np.zeros((3, 2)), [0, 0, 1], per_class=2), "at most"),
])
def test_bad_input_is_explained(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_skewed_mix():
    mix = A.skewed_mix(range(5), 0.95)
    assert mix.sum() == pytest.approx(1.0)
    assert mix[:5] == pytest.approx([0.19] * 5) and mix[5:] == pytest.approx([0.01] * 5)


def test_rank_correlation_matches_scipy():
    scipy_stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(0)
    x, y = rng.integers(0, 5, 40), rng.normal(size=40)
    assert A.rank_correlation(x, y) == pytest.approx(scipy_stats.spearmanr(x, y).statistic)
    assert A.rank_correlation([1, 2, 3], [5, 6, 100]) == pytest.approx(1.0)


def test_images_and_distinct():
    noise, scribble = A.noise_images(3, seed=1), A.scribble_images(3, seed=1)
    assert noise.shape == scribble.shape == (3, 64)
    assert set(np.unique(scribble)) <= {0.0, 1.0} and scribble.sum(1).min() >= 1
    X, y = A.distinct([[0, 1], [0, 1], [2, 2]], [3, 3, 4])
    assert X.tolist() == [[0, 1], [2, 2]] and y.tolist() == [3, 4]


@pytest.fixture(scope="module")
def experiment():
    return A.example_value_experiment(seeds=range(3))


def test_duplicate_adds_exactly_nothing(experiment):
    dup = experiment["kind"] == "exact duplicate"
    assert np.all(experiment["gain"][dup] == 0) and np.all(experiment["pixel_novelty"][dup] == 0)


def test_novelty_predicts_gain_and_noise_stops_helping(experiment):
    m = A.realistic(experiment)
    assert A.rank_correlation(experiment["pixel_novelty"][m], experiment["gain"][m]) > 0.5
    summary = A.summary_by_kind(experiment)
    assert summary["ordinary variation"][2] > summary["near-duplicate"][2] > 0
    for kind in A.UNREALISTIC:
        assert summary[kind][0] > summary["far outlier"][0]        # the most novel in pixels…
        assert summary[kind][2] < summary["ordinary variation"][2]  # …but they teach less


def test_narrow_set_is_narrow():
    from flywheel_lab import digits
    X_pool, _, y_pool, _ = digits.train_test_split(seed=0)
    held = A.narrow_training_set(X_pool, y_pool, per_class=5, seed=0)
    assert len(held) == 50 and np.bincount(y_pool[held]).tolist() == [5] * 10


def test_two_customers_gap_and_catch_up():
    mix_a, mix_b = A.skewed_mix(range(5)), A.skewed_mix(range(5, 10))
    rec = A.two_customers(mix_a, mix_b, n_from_b=(0, 40), seeds=(0,))
    before, after = (A.accuracy_report(r, {"A": mix_a, "B": mix_b}) for r in rec)
    assert before["A"] > before["balanced"] > before["B"]
    assert after["B"] > before["B"] + 0.1


@pytest.mark.parametrize("key", ["accuracy.small_customer", "accuracy.three_class_balanced",
                                 "accuracy.exotic_needed", "examples.rare_digit_bits",
                                 "examples.bits_ratio", "examples.ranks_example",
                                 "examples.blank_novelty"])
def test_exercise_answers_accept_the_solution(key):
    solutions = {"accuracy.small_customer": (450 * 0.95 + 50 * 0.2) / 500,
                 "accuracy.three_class_balanced": 0.6, "accuracy.exotic_needed": 0.9,
                 "examples.rare_digit_bits": 6, "examples.bits_ratio": 3,
                 "examples.ranks_example": 0.8}
    expected = solutions.get(key, lookup(key).value())
    assert is_correct(key, expected)
    assert not is_correct(key, expected + 0.5)


def test_blank_image_novelty_is_its_distance_to_the_faintest_held_image():
    from flywheel_lab import digits
    X_pool, _, y_pool, _ = digits.train_test_split(seed=0)
    held = A.narrow_training_set(X_pool, y_pool, per_class=5, seed=0)
    assert is_correct("examples.blank_novelty", float(np.sqrt((X_pool[held] ** 2).sum(1)).min()))


def test_widget_redraws_at_every_extreme():
    from flywheel_lab.widgets import accuracy as WA
    from flywheel_lab.widgets import sweep_values
    w = WA.measured_vs_balanced()
    for control in w.controls.values():
        for value in sweep_values(control):
            changed = control.value != value
            before = w.redraws
            control.value = value
            assert w.redraws == before + changed
            assert w.output.outputs[0]["output_type"] == "display_data"  # a figure, not an error
