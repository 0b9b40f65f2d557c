"""Feature coverage map: novelty, PCA features, selection strategies, the active-learning loop."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from flywheel_lab import coverage as cv
from flywheel_lab import digits
from flywheel_lab.exercises import coverage as ex

# ---------------------------------------------------------------- novelty


def test_duplicate_has_novelty_zero():
    held = np.array([[0.3, 0.7], [1.1, -2.0]])
    cand = np.array([[1.1, -2.0], [4.0, 2.0]])
    assert cv.novelty(cand, held)[0] == 0.0
    assert cv.novelty(cand, held)[1] == pytest.approx(np.hypot(3.7, 1.3))


@settings(max_examples=40, deadline=None)
@given(arrays(float, (6, 3), elements=st.floats(-50, 50)), arrays(float, (4, 3), elements=st.floats(-50, 50)))
def test_novelty_is_the_brute_force_minimum(cand, held):
    brute = np.sqrt(((cand[:, None] - held[None]) ** 2).sum(-1)).min(1)
    assert np.allclose(cv.novelty(cand, held), brute, atol=1e-6)
    assert np.all(cv.novelty(held, held) == 0.0)


def test_knn_density_is_higher_in_a_crowd():
    held = np.array([[0.0], [0.1], [0.2], [5.0]])
    crowd, alone = cv.knn_density([[0.1], [9.0]], held, k=2)
    assert crowd > alone > 0


def test_pca_features_shape_variance_and_signs():
    X, _ = digits.load()
    proj = cv.fit_pca(X, 5)
    Z = cv.pca_features(X, 5)
    assert Z.shape == (len(X), 5)
    assert np.allclose(Z.mean(0), 0, atol=1e-9)
    assert np.all(np.diff(Z.var(0)) < 0)            # components ordered by variance
    assert 0 < proj.explained_variance_ratio.sum() < 1
    assert np.allclose(proj.transform(X[:3]), Z[:3])


# ---------------------------------------------------------------- selection


def test_kcenter_picks_the_farthest_point():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 9.0], [3.0, 3.0], [0.5, 0.5]])
    assert cv.select("kcenter", X, [0], 1).tolist() == [2]
    # the second pick is farthest from {0, 2}: (3, 3), not the near-duplicate (0.5, 0.5)
    assert cv.select("kcenter", X, [0], 2).tolist() == [2, 3]


def test_uncertainty_picks_the_sample_nearest_the_boundary():
    # a 1-D pool and a logistic model with its boundary at x = 0
    x = np.array([-3.0, -0.2, 0.05, 1.0, 4.0])
    p1 = 1 / (1 + np.exp(-2 * x))
    proba = np.column_stack([1 - p1, p1])
    for strategy in cv.UNCERTAINTY:
        assert cv.select(strategy, x[:, None], [0], 1, proba=proba).tolist() == [2], strategy
    assert cv.select("margin", x[:, None], [2], 1, proba=proba).tolist() == [1]


def _two_puzzles():
    """Pool: two crowds of 12 look-alikes the model is unsure about, a confident crowd, and a
    lone image it is even less sure about, sitting in the confident crowd."""
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0], [5.0, 5.0], [10.0, 0.0]])
    X = np.vstack([c + 0.1 * rng.standard_normal((12, 2)) for c in centres])
    top = np.r_[np.full(12, 0.52), np.full(12, 0.55), np.full(12, 0.95)]
    top[30] = 0.50                               # the lone puzzle in the confident crowd
    return X, np.column_stack([top, 1 - top])


def test_neighbourhood_uncertainty_prefers_puzzling_regions():
    X, proba = _two_puzzles()
    nb = cv.nearest_neighbours(X, 5)
    assert all(i in row for i, row in enumerate(nb))                  # each image is its own neighbour
    assert set(nb[0]) <= set(range(12))                               # look-alikes of the same crowd
    own, region = cv.uncertainty(proba, "margin"), cv.neighbourhood_uncertainty(proba, nb)
    assert own.argmax() == 30 and region[30] < region[:24].min()      # alone, it is not a puzzling region
    chunked = cv._CHUNK
    try:                                                              # chunked rows give the same neighbours
        cv._CHUNK = 40
        assert np.array_equal(np.sort(cv.nearest_neighbours(X, 5), 1), np.sort(nb, 1))
    finally:
        cv._CHUNK = chunked


def test_cluster_margin_takes_one_per_puzzling_group():
    # margin takes the lone puzzle first; cluster_margin shortlists the puzzling crowds and
    # spreads its picks over their look-alike groups, so both crowds get one
    X, proba = _two_puzzles()
    assert cv.select("margin", X, [], 1, proba=proba).tolist() == [30]
    picks = cv.select("cluster_margin", X, [], 3, proba=proba)
    assert 30 not in picks and {p // 12 for p in picks} == {0, 1}
    given = cv.select("cluster_margin", X, [], 3, proba=proba,
                      neighbours=cv.nearest_neighbours(X, cv.NEIGHBOURS))
    assert given.tolist() == picks.tolist()
    with pytest.raises(ValueError, match="one row per pool sample"):
        cv.select("cluster_margin", X, [], 2, proba=proba, neighbours=np.zeros((3, 2), int))
    groups = cv.look_alike_groups(X[[0, 1, 12, 13]], 2)
    assert groups[0] == groups[1] != groups[2] == groups[3]


def test_uncertainty_scores_agree_on_extremes():
    sure, unsure = [1.0, 0.0, 0.0], [1 / 3] * 3
    for kind in cv.UNCERTAINTY:
        lo, hi = cv.uncertainty([sure, unsure], kind)
        assert lo == pytest.approx(0) and hi > lo
    assert cv.uncertainty([unsure], "entropy")[0] == pytest.approx(np.log2(3))


@pytest.mark.parametrize("strategy", cv.STRATEGIES)
def test_every_strategy_returns_new_distinct_pool_samples(strategy):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 3))
    proba = rng.random((40, 4))
    proba /= proba.sum(1, keepdims=True)
    labeled = [0, 5, 7]
    picks = cv.select(strategy, X, labeled, 10, proba=proba, rng=np.random.default_rng(0), exclude=[1, 2])
    assert len(picks) == len(set(picks.tolist())) == 10
    assert not set(picks.tolist()) & {0, 5, 7, 1, 2}
    again = cv.select(strategy, X, labeled, 10, proba=proba, rng=np.random.default_rng(0), exclude=[1, 2])
    assert picks.tolist() == again.tolist()


def test_bad_input_is_explained():
    X = np.zeros((5, 2))
    with pytest.raises(ValueError, match="'random', 'least_confidence'.*'hybrid'"):
        cv.select("smartest", X, [], 1)
    with pytest.raises(ValueError, match="pool is empty"):
        cv.select("random", np.zeros((0, 2)), [], 1)
    with pytest.raises(ValueError, match="from 0 to 3"):
        cv.select("random", X, [0, 1], 4)
    with pytest.raises(ValueError, match="needs proba"):
        cv.select("margin", X, [], 1)
    with pytest.raises(ValueError, match="one row per pool sample"):
        cv.select("entropy", X, [], 1, proba=np.full((3, 2), 0.5))
    with pytest.raises(ValueError, match="positions in the pool"):
        cv.select("random", X, [7], 1)
    with pytest.raises(ValueError, match="X_held is empty"):
        cv.novelty(X, np.zeros((0, 2)))
    with pytest.raises(ValueError, match="same feature space"):
        cv.novelty(X, np.zeros((2, 3)))
    with pytest.raises(ValueError, match="budgets must increase"):
        cv.learning_curve("random", X, [0, 1] * 2 + [0], X, [0] * 5, [4, 3])
    with pytest.raises(ValueError, match="no samples in y_pool"):
        cv.hole_first_batch("random", X, [0, 1, 0, 1, 0], hole_class=7, reveal_at=3)


# ---------------------------------------------------------------- the loop on real digits


@pytest.fixture(scope="module")
def split():
    return digits.train_test_split(0.3, seed=0)


def test_learning_curve_is_seeded_and_learns(split):
    X_pool, X_test, y_pool, y_test = split
    a = cv.learning_curve("margin", X_pool, y_pool, X_test, y_test, [20, 60, 120], seed=3, batch=20)
    b = cv.learning_curve("margin", X_pool, y_pool, X_test, y_test, [20, 60, 120], seed=3, batch=20)
    assert a.tolist() == b.tolist()
    assert a.shape == (3,) and a[-1] > a[0] and a[-1] > 0.85


def test_acquire_buys_exactly_the_budgets(split):
    X_pool, _, y_pool, _ = split
    sizes = [len(lab) for lab, _ in cv.acquire("kcenter", X_pool, y_pool, [10, 23, 30], batch=7)]
    assert sizes == [10, 23, 30]


def test_labels_to_reach_interpolates():
    assert cv.labels_to_reach([10, 20, 30], [0.5, 0.7, 0.9], 0.8) == pytest.approx(25)
    assert cv.labels_to_reach([10, 20], [0.9, 0.95], 0.5) == 10
    assert np.isnan(cv.labels_to_reach([10, 20], [0.5, 0.6], 0.9))


def test_label_ratios_and_compare(split):
    X_pool, X_test, y_pool, y_test = split
    budgets = [20, 40, 60]
    curves = cv.compare(["random", "hybrid"], X_pool, y_pool, X_test, y_test, budgets, [0, 1], batch=20)
    assert curves["random"].shape == (2, 3)
    target, ratios = cv.label_ratios(curves, budgets, at=60)
    assert 0.5 < target < 1 and ratios["random"] <= 1
    with pytest.raises(ValueError, match="budget of exactly"):
        cv.label_ratios(curves, budgets, at=300)


def test_hole_is_noticed_by_coverage_more_than_random(split):
    X_pool, _, y_pool, _ = split
    found = {s: cv.hole_first_batch(s, X_pool, y_pool, hole_class=3, reveal_at=60, batch=20, seed=0)
             for s in ("random", "kcenter")}
    assert 0 <= found["random"] <= 20 and found["kcenter"] > found["random"]


# ---------------------------------------------------------------- exercises


def test_exercise_answers_are_computed_by_the_package():
    assert ex.ANSWERS["duplicate_novelty"].value() == 0.0
    assert ex.ANSWERS["margin_uncertainty"].value() == pytest.approx(0.7)
    assert ex.ANSWERS["kcenter_pick"].value() == 3
    assert ex.ANSWERS["hole_kcenter"].value() == ex.hole_count("kcenter")
    assert ex.hole_count("kcenter") > ex.hole_count("random")


def test_coverage_widget_colour_scale_spans_its_distances():
    from flywheel_lab.widgets import coverage as coverage_widgets
    scale = coverage_widgets._pool()["vmax"]
    for labels in (20, 200):
        _, dist = coverage_widgets._bought("kcenter", labels, 0)
        assert dist.max() <= scale * 1.05
    assert coverage_widgets._bought("random", 20, 0)[1].max() > 0.9 * scale
    live = coverage_widgets.coverage_map_explorer()
    assert live.result[0].axes[0].collections[0].get_clim() == (0, scale)   # the dots use that scale


def test_novelty_of_one_image_as_a_student_passes_it():
    """One sample as a flat vector, a row, or an image (2 × 2 here, 8 × 8 for a digit) is one sample."""
    held = np.eye(4)
    forms = (np.zeros(4), np.zeros((1, 4)), np.zeros((2, 2)), np.zeros((1, 2, 2)))
    assert [cv.novelty(f, held).tolist() for f in forms] == [[1.0]] * 4
    with pytest.raises(ValueError, match="3 numbers; one sample needs 4"):
        cv.novelty(np.zeros(3), held)


def test_uncertainty_of_one_probability_row():
    assert cv.uncertainty([0.7, 0.2, 0.1]).tolist() == pytest.approx([0.5])
    assert cv.uncertainty([0.5, 0.5], "entropy").tolist() == pytest.approx([1.0])
    with pytest.raises(ValueError, match="summing to 1"):
        cv.uncertainty([0.7, 0.2])


def test_nearest_neighbours_break_ties_by_position_on_every_cpu():
    """Equal distances are ordered by position, not by whatever a SIMD partition does (numpy's
    argpartition ordered ties differently with and without AVX-512 and changed notebook 08)."""
    import numpy as np
    features = np.array([[0.0], [1.0], [1.0], [1.0], [-1.0], [5.0]])
    out = cv.nearest_neighbours(features, 4)
    assert out[0].tolist() == [0, 1, 2, 3]          # 1, 2, 3 and 4 tie at distance 1: lowest first
    assert out[2].tolist() == [2, 1, 3, 0]


def test_squared_distances_refuses_nan_instead_of_returning_nan_rows():
    with pytest.raises(ValueError, match="A"):
        cv.squared_distances([[np.nan, 1.0]], [[0.0, 0.0]])
    with pytest.raises(ValueError, match="B must have 2 columns"):
        cv.squared_distances([[1.0, 1.0]], [[0.0, 0.0, 0.0]])
    assert cv.squared_distances([[3.0, 4.0]], [[0.0, 0.0]]).tolist() == [[25.0]]


def test_ratio_spread_summarises_each_strategy_over_the_splits():
    ratios = {"a": {"3": 0.3, "4": 0.5, "5": 0.4}, "b": {"3": 0.4, "4": 0.45, "5": 0.6}}
    stats, wins = cv.ratio_spread(ratios, [3, 4, 5])
    mean, sd, low, high, worst = stats["a"]
    assert (round(mean, 3), round(sd, 3), low, high, worst) == (0.4, 0.1, 0.3, 0.5, "4")
    assert stats["b"][4] == "5" and wins == {"a": 2, "b": 1}
    with pytest.raises(ValueError, match="at least 2 splits"):
        cv.ratio_spread(ratios, [3])
