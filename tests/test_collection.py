"""Tests for flywheel_lab.collection: the chapter's numbers, exact vs Monte Carlo, bad input."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flywheel_lab import collection as col
from flywheel_lab.exercises import collection as answers

# ------------------------------------------------------------- the chapter's numbers

def test_day_one_and_two():
    assert col.expected_new_information(1) == 0.25
    assert col.expected_new_information(2) == 0.234375


def test_new_information_formula():
    days = np.arange(1, 50)
    assert np.allclose(col.expected_new_information(days), 0.25 * (15 / 16) ** (days - 1))


def test_cumulative_information_formula():
    days = np.arange(0, 100)
    assert np.allclose(col.expected_information(days), 4 * (1 - (15 / 16) ** days))
    assert col.expected_information(0) == 0


def test_last_hole_needs_72_days_not_70():
    assert col.days_for_confidence(0.99, 1 / 16) == 72
    assert round(100 * col.prob_seen(72), 2) == 99.04
    assert round(100 * col.prob_seen(70), 2) == 98.91


def test_coupon_collector_16():
    assert col.expected_days_all(16) == pytest.approx(54.0917, abs=1e-4)
    assert col.days_all_quantile(0.5, 16) == 51
    assert col.days_all_quantile(0.9, 16) == 79


def test_bits_per_category():
    assert col.bits_per_category(16) == 0.25
    assert col.bits_per_category(1) == 0


def test_redundancy_and_holes_add_up():
    days = np.arange(0, 60)
    dup, holes = col.redundancy_and_holes(days, 16)
    seen = col.expected_seen(days, 16)
    assert np.allclose(dup + seen, days) and np.allclose(holes + seen, 16)
    assert dup[0] == 0 and holes[0] == 16


# ------------------------------------------------------------ exact methods agree

def _inclusion_exclusion(n, p):
    """P(all seen within n days) by brute force over subsets (small k only)."""
    return sum((-1) ** r * (1 - sum(p[i] for i in s)) ** n
               for r in range(len(p) + 1) for s in itertools.combinations(range(len(p)), r))


def _mean_inclusion_exclusion(p):
    return sum((-1) ** (r + 1) / sum(p[i] for i in s)
               for r in range(1, len(p) + 1) for s in itertools.combinations(range(len(p)), r))


@pytest.mark.parametrize("exponent", [0.4, 1.0, 1.7])
def test_unequal_exact_matches_brute_force(exponent):
    p = col.zipf_frequencies(6, exponent)
    for n in (5, 6, 9, 25, 80):
        assert col.prob_all_seen(n, p) == pytest.approx(_inclusion_exclusion(n, p), abs=1e-12)
    assert col.expected_days_all(p) == pytest.approx(_mean_inclusion_exclusion(p), rel=1e-9)


def test_poisson_route_matches_chain_for_equal_frequencies():
    p = col.frequencies(16)
    chain = col.prob_all_seen(np.arange(0, 120), 16)
    poisson = [col._all_seen_poisson(n, p) for n in range(0, 120)]
    assert np.allclose(chain, poisson, atol=1e-12)


def test_integral_matches_harmonic_for_64():
    p = col.frequencies(64).copy()
    p[0] += 1e-12
    p[1] -= 1e-12     # not uniform any more: takes the integral route
    assert col.expected_days_all(p) == pytest.approx(64 * sum(1 / j for j in range(1, 65)),
                                                     rel=1e-8)


def test_quantiles_are_consistent_with_cdf():
    p = col.zipf_frequencies(20, 1.0)
    for q in (0.1, 0.5, 0.9):
        n = col.days_all_quantile(q, p)
        assert col.prob_all_seen(n, p) >= q > col.prob_all_seen(n - 1, p)


def test_zero_frequency_categories_are_ignored_for_completion():
    assert col.expected_days_all([0.5, 0.5, 0.0]) == pytest.approx(3.0)
    assert col.expected_seen(1000, [0.5, 0.5, 0.0]) == pytest.approx(2.0)


# -------------------------------------------------------------- Monte Carlo vs exact

def test_simulation_shape_and_determinism():
    a = col.simulate_coverage(16, days=30, trials=200, seed=3)
    b = col.simulate_coverage(16, days=30, trials=200, seed=3)
    assert a.shape == (200, 30) and a.dtype == np.uint8
    assert np.array_equal(a, b)
    assert np.all(a[:, 0] == 1) and np.all(np.diff(a.astype(int), axis=1) >= 0)
    assert np.all(a <= 16) and np.all(a <= np.arange(1, 31))


def test_simulation_blocks_are_used(monkeypatch):
    monkeypatch.setattr(col, "_BLOCK", 500)
    cov = col.simulate_coverage(8, days=40, trials=300, seed=1)
    assert cov.shape == (300, 40)
    assert abs(cov[:, -1].mean() - col.expected_seen(40, 8)) < 0.1


def test_simulation_matches_chapter_curve():
    cov = col.simulate_coverage(16, days=120, trials=20_000, seed=0)
    days = np.arange(1, 121)
    info = 0.25 * cov.mean(axis=0)
    sem = 0.25 * cov.std(axis=0) / math.sqrt(20_000) + 1e-9
    assert np.all(np.abs(info - col.expected_information(days)) < 5 * sem + 1e-6)
    new = 0.25 * col.new_per_day(cov).mean(axis=0)
    assert abs(new[1] - 0.234375) < 0.01


def test_coverage_band_matches_percentiles():
    cov = col.simulate_coverage(16, days=60, trials=2001, seed=2)
    mean, lower, upper = col.coverage_band(cov)
    assert np.allclose(mean, cov.mean(axis=0))
    for q, got in ((5, lower), (95, upper)):
        assert np.array_equal(got, np.percentile(cov, q, axis=0, method="inverted_cdf"))
    assert np.all(lower <= mean) and np.all(mean <= upper)


@settings(max_examples=12, deadline=None)
@given(k=st.integers(2, 64), seed=st.integers(0, 2**32 - 1), skew=st.floats(0, 2))
def test_exact_matches_monte_carlo(k, seed, skew):
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.full(k, 1.0 / max(skew, 0.05)))
    p = p / p.sum()
    days = 3 * k
    trials = 4000
    cov = col.simulate_coverage(p, days=days, trials=trials, rng=rng)
    mean = cov.mean(axis=0)
    sem = cov.std(axis=0) / math.sqrt(trials)
    exact = col.expected_seen(np.arange(1, days + 1), p)
    assert np.all(np.abs(mean - exact) <= 5 * sem + 0.02)
    done = cov[:, -1] == k
    exact_done = col.prob_all_seen(days, p)
    assert abs(done.mean() - exact_done) <= 5 * math.sqrt(exact_done * (1 - exact_done) / trials) + 0.01


@settings(max_examples=10, deadline=None)
@given(k=st.integers(2, 64), seed=st.integers(0, 1000))
def test_expected_values_are_sane(k, seed):
    p = np.random.default_rng(seed).dirichlet(np.ones(k))
    seen = col.expected_seen(np.arange(0, 200), p)
    assert seen[0] == 0 and np.all(np.diff(seen) >= -1e-12) and seen[-1] <= k + 1e-9
    mass = col.expected_mass_seen(np.arange(0, 200), p)
    assert np.all(mass <= 1 + 1e-12) and np.all(mass >= seen / k - 1e-12)  # frequent first


def test_quantiles_match_simulation_for_zipf():
    p = col.zipf_frequencies(10, 1.0)
    median = col.days_all_quantile(0.5, p)
    cov = col.simulate_coverage(p, days=median, trials=20_000, seed=5)
    assert abs((cov[:, -1] == 10).mean() - col.prob_all_seen(median, p)) < 0.02


# ------------------------------------------------------------------- the long tail

def test_zipf_and_uncommon_share():
    assert np.allclose(col.zipf_frequencies(5, 0), 0.2)
    p = col.zipf_frequencies(100, 1.0)
    assert p[0] > p[-1] and p.sum() == pytest.approx(1)
    assert col.uncommon_share(16) == pytest.approx(1 - 13 / 16)
    assert 0.5 < col.uncommon_share(p) < 0.8


def test_cases_take_longer_than_mass():
    p = col.zipf_frequencies(50, 1.2)
    assert col.days_to_share(0.5, p, of="cases") > col.days_to_share(0.5, p, of="mass")
    n = col.days_to_share(0.5, p)
    assert col.expected_seen(n, p) / 50 >= 0.5 > col.expected_seen(n - 1, p) / 50


def test_balanced_collection():
    plan = col.balanced_collection([0.95, 0.04, 0.01], 10)
    assert plan["collected"] == pytest.approx(1000)
    assert plan["kept"] == 30 and plan["discarded"] == pytest.approx(970)


def test_cat_table_is_verified_and_sums_to_100():
    from flywheel_lab import data
    cats = data.read_table("cat_types.csv")
    assert cats["share_percent"].sum() == pytest.approx(100)
    assert cats.loc[cats.cat_type == "house cat", "share_percent"].item() == 95


def test_rare_class_experiment_improves_the_rare_class():
    out = col.rare_class_experiment(rare=8, keep=5, fix="reweight", seed=0)
    assert out["train_counts"][8] == 5
    assert out["after"][8] > out["before"][8]
    resampled = col.rare_class_experiment(rare=8, keep=5, fix="resample", seed=0)
    assert resampled["after"][8] > resampled["before"][8]


# --------------------------------------------------------------------- bad input

@pytest.mark.parametrize("call, message", [
    (lambda: col.expected_seen(5, [0.5, 0.6]), "sum to 1"),
    (lambda: col.expected_seen(5, [1.2, -0.2]), "must not be negative"),
    (lambda: col.expected_seen(-1, 16), "at least 0"),
    (lambda: col.expected_seen([1, -2], 16), "at least 0"),
    (lambda: col.expected_seen(2.5, 16), "whole number"),
    (lambda: col.expected_new_information(0), "at least 1"),
    (lambda: col.days_for_confidence(1.0), r"confidence must be in \(0, 1\)"),
    (lambda: col.days_for_confidence(0), r"confidence must be in \(0, 1\)"),
    (lambda: col.prob_seen(3, 0), r"p must be in \(0, 1\]"),
    (lambda: col.frequencies(0), "from 1 to 100000"),
    (lambda: col.simulate_coverage(65), "from 1 to 64"),
    (lambda: col.simulate_coverage(16, days=0), "days must be"),
    (lambda: col.days_all_quantile(1.5), "q must be"),
    (lambda: col.prob_all_seen(10, col.zipf_frequencies(65, 1)), "from 1 to 64"),
    (lambda: col.days_to_share(0.9, [0.5, 0.5, 0, 0]), "at most 0.5"),
    (lambda: col.days_to_share(0.5, 4, of="labels"), "of must be one of"),
    (lambda: col.zipf_frequencies(10, -1), "exponent must be in"),
    (lambda: col.coverage_band(np.zeros(3, dtype=int)), "trials, days"),
    (lambda: col.coverage_band(np.zeros((3, 2))), "array of counts"),
    (lambda: col.rare_class_experiment(rare=10), "rare must be"),
    (lambda: col.balanced_collection([1.0, 0.0], 3), "above 0"),
])
def test_bad_input_raises_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ---------------------------------------------------------------------- exercises

@pytest.mark.parametrize("name", sorted(answers.ANSWERS))
def test_exercise_answers_are_computed_and_accepted(name):
    entry = answers.ANSWERS[name]
    value = entry.value()
    assert value is not None and entry.accepts(value)
    assert str(value) not in entry.hint


def test_monte_carlo_with_unseeable_and_very_rare_categories():
    p = np.array([0.5, 0.0, 0.3, 0.2 - 1e-4, 0.0, 1e-4])     # two can never appear, one almost never
    cov = col.simulate_coverage(p, days=200, trials=20_000, seed=4)
    assert cov.min() >= 1 and cov.max() <= 4
    assert np.all(np.diff(cov.astype(int), axis=1) >= 0)
    exact = col.expected_seen(np.arange(1, 201), p)
    assert np.allclose(cov.mean(axis=0), exact, atol=0.02)


@pytest.mark.parametrize("categories, exponent", [(16, 0.0), (40, 1.0)])
def test_the_diminishing_widget_draws_the_simulation_on_the_exact_curves(categories, exponent):
    from matplotlib.figure import Figure

    from flywheel_lab.widgets.collection import draw_diminishing
    axs = Figure().subplots(1, 2)
    draw_diminishing(axs, categories=categories, days=60, exponent=exponent, trials=4000)
    for ax, tolerance in zip(axs, [0.01, 0.05]):
        lines = {line.get_label(): line.get_ydata() for line in ax.get_lines()}
        assert np.allclose(lines["simulation (mean)"], lines["exact expectation"], atol=tolerance)


def test_the_last_hole_summary_tells_neighbouring_days_apart():
    from matplotlib.figure import Figure

    from flywheel_lab.widgets.collection import draw_last_hole
    text = draw_last_hole(Figure().subplots(), categories=64, confidence=0.999)
    assert text == "439 days give 99.901% (one day less: 99.899%)"
    # day 145 (98.997 %) must not read as reaching 99 % ("99.00%")
    text = draw_last_hole(Figure().subplots(), categories=32, confidence=0.99)
    assert text == "146 days give 99.030% (one day less: 98.998%)"
    assert draw_last_hole(Figure().subplots(), categories=2, confidence=0.5).startswith("1 day gives 50.00%")


@settings(max_examples=15, deadline=None)
@given(k=st.integers(2, 64), seed=st.integers(0, 2**32 - 1), concentration=st.floats(0.2, 10))
def test_expected_days_all_matches_scipy_quad(k, seed, concentration):
    from scipy.integrate import quad
    p = np.random.default_rng(seed).dirichlet(np.full(k, concentration))
    p = p[p > 0]

    def missing(t):
        with np.errstate(divide="ignore"):
            return -np.expm1(np.log1p(-np.exp(-p * t)).sum())
    # a reference of its own kind: adaptive quad on many geometric panels (two knots were
    # not enough when one category is ~1e-11 rare: the reference, not the package, was off)
    end = math.log(p.size * 1e17) / p.min()
    edges = np.r_[0.0, np.geomspace(1e-3 / p.max(), end, 600)]
    expected = math.fsum(quad(missing, a, b, epsabs=0, epsrel=1e-12, limit=200)[0]
                         for a, b in zip(edges[:-1], edges[1:]))
    assert col.expected_days_all(p) == pytest.approx(expected, rel=1e-9)


def test_days_for_accuracy_matches_the_last_hole_for_equal_categories():
    days = col.days_for_accuracy((0.99, 0.999), 16)
    assert days.tolist() == [col.days_for_confidence(0.99, 1 / 16), col.days_for_confidence(0.999, 1 / 16)]
    assert days.tolist() == [72, 108]


def test_days_for_accuracy_grows_with_each_nine_and_with_a_steeper_tail():
    flat, tail = col.days_for_accuracy((0.9, 0.99, 0.999), 100), col.days_for_accuracy(
        (0.9, 0.99, 0.999), col.zipf_frequencies(100, 1.0))
    assert np.all(np.diff(flat) > 0) and np.all(np.diff(tail) > 0)
    assert tail[2] / tail[1] > flat[2] / flat[1]
    for n, level in zip(tail, (0.9, 0.99, 0.999)):       # the first day that reaches the level
        assert col.expected_mass_seen(n, col.zipf_frequencies(100, 1.0)) >= level
        assert col.expected_mass_seen(n - 1, col.zipf_frequencies(100, 1.0)) < level


@pytest.mark.parametrize("bad", [1.0, 0.0, [0.5, 1.2]])
def test_days_for_accuracy_rejects_levels_outside_0_1(bad):
    with pytest.raises(ValueError, match="share must be in"):
        col.days_for_accuracy(bad, 16)


def test_expected_days_all_where_quad_drifts_matches_high_precision():
    """An example hypothesis 6.100 finds (rarest category 8e-13): mpmath agrees to 1e-12."""
    mp = pytest.importorskip("mpmath")
    p = np.random.default_rng(12).dirichlet(np.full(18, 0.2187500000000003))
    assert p.min() < 1e-12
    mp.mp.dps = 30
    probs = [mp.mpf(float(q)) for q in p]
    points = [0] + sorted({float(np.log(p.size) / q) for q in p}) + [mp.inf]
    exact = mp.quad(lambda t: 1 - mp.fprod([1 - mp.exp(-q * t) for q in probs]), points)
    assert col.expected_days_all(p) == pytest.approx(float(exact), rel=1e-12)
