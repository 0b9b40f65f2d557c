"""The shared argument checks, and cached results that callers cannot corrupt."""

import math

import numpy as np
import pytest

from flywheel_lab import _validate as check


@pytest.mark.parametrize("bad", [True, False, np.bool_(True), 2.5, math.nan, math.inf, "3", None])
def test_whole_number_refuses_non_counts(bad):
    with pytest.raises(ValueError, match="whole number"):
        check.whole_number(bad, "n")


def test_whole_number_accepts_whole_floats_and_numpy_ints():
    assert check.whole_number(3.0, "n") == 3
    assert check.whole_number(np.int64(7), "n") == 7


def test_a_size_cap_names_the_cap_and_why():
    with pytest.raises(ValueError, match=r"at most 1,000,000 \(more samples would need more memory"):
        check.size(10**12, "n")
    with pytest.raises(ValueError, match="at most 100,000"):
        check.steps(10**6, "epochs")


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, True, "0.5"])
def test_number_in_wants_a_finite_number(bad):
    with pytest.raises(ValueError, match="number"):
        check.number_in(bad, "x", 0, math.inf)


def test_labels_refuse_fractions_and_out_of_range():
    assert check.labels([0.0, 2.0], "y").tolist() == [0, 2]
    with pytest.raises(ValueError, match="whole class numbers"):
        check.labels([0, 1.5], "y")
    with pytest.raises(ValueError, match="0 to 2"):
        check.labels([0, 3], "y", n_classes=3)
    with pytest.raises(ValueError, match="numbers"):
        check.labels([True, False], "y")


def test_samples_check_shape_finiteness_and_lengths():
    X, y = check.samples([[0.0, 1.0], [1.0, 0.0]], [0, 1])
    assert X.shape == (2, 2) and y.tolist() == [0, 1]
    with pytest.raises(ValueError, match="2-D"):
        check.samples([0.0, 1.0], [0, 1])
    with pytest.raises(ValueError, match="finite"):
        check.samples([[math.nan, 1.0]], [0])
    with pytest.raises(ValueError, match="rows"):
        check.samples([[0.0], [1.0]], [0])


def test_mappings_categories_and_lists():
    assert check.mapping({"label": 1.0}, "costs", ("label",)) == {"label": 1.0}
    with pytest.raises(ValueError, match="dict"):
        check.mapping("abc", "costs")
    with pytest.raises(ValueError, match="must be one of"):
        check.mapping({"lable": 1.0}, "costs", ("label",))
    assert check.categories(4, "holes", 16) == (4,)
    assert check.categories([5, 4, 4], "holes", 16) == (4, 5)
    with pytest.raises(ValueError, match="list of categories"):
        check.categories(2.5, "holes", 16)
    with pytest.raises(ValueError, match="list"):
        check.iterable("abc", "seeds")


def test_pixel_experiment_result_cannot_change_the_next_call():
    from flywheel_lab import models
    kw = dict(n_train=200, n_test=100, holes=[4], epochs=30)
    first = models.pixel_experiment(**kw)
    accuracy = first.accuracy
    first.outputs[:] = 0
    first.predicted[:] = 0
    with __import__("torch").no_grad():
        first.trained.model.out.weight.zero_()
    again = models.pixel_experiment(**kw)
    assert again.accuracy == accuracy
    assert again.outputs.any()


def test_funnel_world_is_read_only():
    from flywheel_lab import funnel
    w = funnel.world()
    with pytest.raises(ValueError, match="read-only"):
        w.X_pool[:] = 0
    assert funnel.world() is w and w.X_pool.any()


def test_flywheel_history_is_read_only():
    from flywheel_lab import flywheel
    h = flywheel.simulate("random", weekly_budget=5, weeks=1, images_per_week=20, n_customers=1)
    for array in (h.real, h.customers[0].mix):
        with pytest.raises(ValueError, match="read-only"):
            array[:] = 0


def test_generator_arguments_are_checked_when_called():
    from flywheel_lab import coverage
    X = np.random.default_rng(0).random((30, 2))
    with pytest.raises(ValueError, match="strategy"):
        coverage.acquire("no-such-strategy", X, np.arange(30) % 2, [10])


def test_library_errors_are_said_in_the_package_words():
    from flywheel_lab import digits
    X = np.zeros((4, 0))        # no features: scikit-learn refuses, the package says so
    with pytest.raises(ValueError, match="could not be fitted") as err:
        digits.fit_classifier(X, [0, 0, 1, 1])
    assert err.traceback[-1].path.name == "digits.py"
