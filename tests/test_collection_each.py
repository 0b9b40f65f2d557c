"""collection.expected_samples_each: the wait until every category has m samples."""

import itertools
import math

import numpy as np
import pytest

from flywheel_lab import collection as col


def exact_by_chain(p, m):
    """E[N] = Σ_n P(N > n) from the distribution of counts capped at m (a Markov chain)."""
    p = np.asarray(p, dtype=float)
    states = {tuple([0] * p.size): 1.0}
    mean, n = 0.0, 0
    while True:
        not_done = sum(prob for s, prob in states.items() if min(s) < m)
        if not_done < 1e-15:
            return mean
        mean += not_done
        nxt = {}
        for s, prob in states.items():
            for i, pi in enumerate(p):
                t = list(s)
                t[i] = min(m, t[i] + 1)
                nxt[tuple(t)] = nxt.get(tuple(t), 0.0) + prob * pi
        states, n = nxt, n + 1


def simulate(p, m, trials, seed, chunk=100):
    """Monte Carlo of the discrete process: draw until every category has m samples."""
    rng = np.random.default_rng(seed)
    length = int(4 * m / min(p)) + 50
    out = []
    for start in range(0, trials, chunk):
        draws = rng.choice(len(p), size=(min(chunk, trials - start), length), p=p).astype(np.int8)
        last = np.zeros(draws.shape[0], dtype=np.int64)
        for i in range(len(p)):
            count = np.cumsum(draws == i, axis=1, dtype=np.int32)
            assert np.all(count[:, -1] >= m), "simulated sequences too short"
            last = np.maximum(last, np.argmax(count >= m, axis=1) + 1)
        out.append(last)
    return np.concatenate(out)


def test_one_each_is_the_coupon_collector():
    for freqs in (16, col.zipf_frequencies(10, 1.2), [0.7, 0.2, 0.1]):
        assert col.expected_samples_each(freqs, 1) == pytest.approx(col.expected_days_all(freqs), rel=1e-9)


@pytest.mark.parametrize("p, m", [([0.5, 0.5], 2), ([0.6, 0.3, 0.1], 3), ([0.25] * 4, 2), ([1.0], 5)])
def test_matches_the_exact_markov_chain(p, m):
    assert col.expected_samples_each(p, m) == pytest.approx(exact_by_chain(p, m), rel=1e-8)


def test_two_equal_categories_two_each_by_hand():
    # N > n unless both counts >= 2: P(N > n) = P(one of them has 0 or 1 of n) for n >= 2
    by_hand = sum(1.0 if n < 4 else 2 * (0.5 ** n) * (1 + n) for n in range(200))
    assert col.expected_samples_each([0.5, 0.5], 2) == pytest.approx(by_hand, rel=1e-9)


def test_matches_a_simulation_and_exceeds_the_rarest_alone():
    p, m = np.array([0.3, 0.25, 0.25, 0.2]), 5
    runs = simulate(p, m, trials=20_000, seed=3)
    se = runs.std(ddof=1) / math.sqrt(runs.size)
    exact = col.expected_samples_each(p, m)
    assert abs(runs.mean() - exact) < 4 * se
    rarest_alone = m / p.min()
    assert exact - rarest_alone > 20 * se        # the rarest-only wait is clearly too low


def test_cat_types_rarest_almost_decides():
    from flywheel_lab.exercises.collection import _cat_shares
    p = _cat_shares()
    exact = col.expected_samples_each(p, 20)
    runs = simulate(p, 20, trials=600, seed=0)
    se = runs.std(ddof=1) / math.sqrt(runs.size)
    assert abs(runs.mean() - exact) < 4 * se
    rarest_alone = col.balanced_collection(p, 20)["collected"]
    assert rarest_alone < exact < 1.01 * rarest_alone


@pytest.mark.parametrize("freqs, m, match", [([1.0, 0.0], 2, "above 0"), (4, 0, "per_category"),
                                             (4, 2.5, "whole number"), (4, 1001, "per_category")])
def test_bad_input(freqs, m, match):
    with pytest.raises(ValueError, match=match):
        col.expected_samples_each(freqs, m)


def test_grows_with_m():
    values = [col.expected_samples_each([0.5, 0.3, 0.2], m) for m in (1, 2, 5, 10)]
    assert all(b > a for a, b in itertools.pairwise(values))
