"""Collecting data at random: how fast new categories, and so new information, arrive.

The chapter's model: every day we collect one sample; it belongs to one of ``k``
categories (category ``i`` turns up with frequency ``p_i``). The complete signal
holds ``log2(k)`` bits and, as in the chapter, each category is an equal share of
it (16 categories: ¼ bit each). A sample of a category we already hold is a
duplicate and adds nothing.

Everywhere below, ``freqs`` is either a whole number ``k`` (k equally likely
categories) or a list of frequencies that sum to 1.

What is exact
-------------
* Expected values per day (new information, information, categories and mass seen,
  duplicates, holes) are closed formulas, for any frequencies.
* Expected days until every category is seen: ``k·H_k`` for equal frequencies;
  for unequal ones the Poissonisation integral ``∫ 1 - Π(1 - exp(-p_i t)) dt``,
  which is exact (it is evaluated numerically, to about 1e-9).
* The distribution of that day, ``P(T <= n)``: for equal frequencies a Markov
  chain over the number of categories seen; for unequal ones (up to 64 categories)
  the counts of a multinomial are independent Poisson counts conditioned on their
  sum, so ``P(T <= n)`` is a product of ``P(count_i >= 1)`` times one
  convolution. Both use sums of positive terms only, so they stay accurate.
* :func:`simulate_coverage` is a Monte Carlo whose trajectories have exactly the
  right distribution (see its docstring); averages over trials carry sampling noise.
"""

import math

import numpy as np

from . import _validate as check
from .seeding import as_rng

MAX_CATEGORIES = 64     # limit of the exact distribution and of the Monte Carlo
_BLOCK = 2_000_000      # Monte Carlo cells per memory block (keeps memory ~ 15 MB, cache-friendly)


# ---------------------------------------------------------------- frequencies

def frequencies(freqs=16):
    """Category frequencies as an array: ``k`` gives k equal ones, a list is checked.

    A list must hold non-negative numbers that sum to 1 (see :func:`zipf_frequencies`
    for a long tail).
    """
    if isinstance(freqs, (int, np.integer)) and not isinstance(freqs, bool):
        k = check.whole_number(freqs, "number of categories", minimum=1, maximum=100_000)
        return np.full(k, 1.0 / k)
    return check.probabilities(freqs, "freqs")


def zipf_frequencies(categories=16, exponent=1.0):
    """Long-tailed frequencies: category ``i`` (1, 2, …) is ∝ ``1 / i**exponent``.

    Exponent 0 gives equal frequencies; the larger it is, the more the first
    categories dominate and the rarer the tail becomes.
    """
    k = check.whole_number(categories, "categories", minimum=1, maximum=100_000)
    s = check.number_in(exponent, "exponent", 0, 10)
    w = np.arange(1, k + 1, dtype=float) ** -s
    return w / w.sum()


def is_uniform(freqs):
    """True if every category is equally likely."""
    p = frequencies(freqs)
    return bool(np.all(np.abs(p - p[0]) <= 1e-12))


def bits_per_category(freqs=16):
    """Information one category adds when first seen: ``log2(k) / k`` bits (¼ bit for 16)."""
    k = frequencies(freqs).size
    return math.log2(k) / k


def _days(days, name="days", minimum=0, maximum=None):
    """Validate a day count or a list of them (whole numbers >= ``minimum``, at most ``maximum``)."""
    arr = np.asarray(days) if isinstance(days, (list, tuple, range, np.ndarray)) else None
    if arr is None or arr.ndim == 0:
        return check.whole_number(days, name, minimum, maximum, None if maximum is None else check.WHY_STEPS)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one number or a flat list of them, got shape {arr.shape}")
    if arr.size == 0 or arr.dtype.kind not in "iuf" or np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must be whole numbers, got {days!r}")
    if np.any(arr < minimum):
        raise ValueError(f"{name} must be at least {minimum}, got {arr.min():g}")
    if maximum is not None and np.any(arr > maximum):
        raise ValueError(f"{name} must be at most {maximum:,} ({check.WHY_STEPS}), got {arr.max():g}")
    return arr.astype(np.int64)


def _missed(n, p):
    """Chance that a category of frequency ``p`` has not turned up in ``n`` days."""
    return (1 - p) ** n


def _per_day(days, terms):
    """Sum ``terms(n)`` over categories for every day in ``days`` (scalar in, float out)."""
    n = np.asarray(days, dtype=float)
    out = terms(n[..., None]).sum(axis=-1)
    return float(out) if out.ndim == 0 else out


# ------------------------------------------------------- expected values per day

def prob_seen(days, p=1 / 16):
    """Chance that one missing category of frequency ``p`` turns up within ``days`` days.

    ``1 - (1 - p)**days``: the chapter's last hole (p = 1/16) after 72 days: 99.04 %.
    """
    days = _days(days)
    p = check.number_in(p, "p", 0, 1, low_open=True)
    out = 1 - _missed(np.asarray(days, dtype=float), p)
    return float(out) if np.ndim(out) == 0 else out


def days_for_confidence(confidence=0.99, p=1 / 16):
    """Fewest days that give at least ``confidence`` of closing a hole of frequency ``p``.

    With p = 1/16 and 99 % this is 72 days (70 days give only 98.91 %).
    """
    c = check.number_in(confidence, "confidence", 0, 1, low_open=True, high_open=True)
    p = check.number_in(p, "p", 0, 1, low_open=True)
    if p == 1:
        return 1
    n = max(1, math.ceil(math.log1p(-c) / math.log1p(-p)))
    while n > 1 and prob_seen(n - 1, p) >= c:   # guard against rounding in the logs
        n -= 1
    while prob_seen(n, p) < c:
        n += 1
    return n


def expected_seen(days, freqs=16):
    """Expected number of different categories seen after ``days`` days: ``Σ 1 - (1-p_i)^n``."""
    days, p = _days(days), frequencies(freqs)
    return _per_day(days, lambda n: 1 - _missed(n, p))


def expected_mass_seen(days, freqs=16):
    """Expected share of all samples (probability mass) whose category is already held."""
    days, p = _days(days), frequencies(freqs)
    return _per_day(days, lambda n: p * (1 - _missed(n, p)))


def expected_information(days, freqs=16):
    """Expected bits held after ``days`` days (16 categories: ``4·(1 - (15/16)^n)``)."""
    return bits_per_category(freqs) * expected_seen(days, freqs)


def expected_new_information(day, freqs=16):
    """Expected bits the sample of day ``day`` (1, 2, …) adds: ``Σ b·p_i·(1-p_i)^(day-1)``.

    16 equal categories: 0.25 bits on day 1, 0.234375 bits on day 2.
    """
    day, p = _days(day, "day", minimum=1), frequencies(freqs)
    b = bits_per_category(p)
    return _per_day(day, lambda n: b * p * _missed(n - 1, p))


def redundancy_and_holes(days, freqs=16):
    """Expected duplicates (samples that added nothing) and holes (categories missing).

    Returns ``(duplicates, holes)``; ``duplicates + seen = days`` and ``holes + seen = k``.
    """
    seen = expected_seen(days, freqs)
    return np.asarray(days) - seen, frequencies(freqs).size - seen


# ----------------------------------------------------- days until all are seen

def expected_days_all(freqs=16):
    """Expected days until every category has been seen (the coupon collector).

    Equal frequencies: ``k·H_k`` (16 categories: 54.09 days). Otherwise the exact
    Poissonisation integral, evaluated numerically (to about 1e-12).
    """
    p = frequencies(freqs)
    p = p[p > 0]
    k = p.size
    if is_uniform(p):
        return k * math.fsum(1.0 / j for j in range(1, k + 1))
    end = math.log(k * 1e17) / p.min()     # beyond this the integrand is < 1e-17

    def integrand(t):       # chance that some category is still missing at time t
        with np.errstate(divide="ignore"):
            return -np.expm1(np.log1p(-np.exp(-p * t[..., None])).sum(axis=-1))

    # panels a fixed share wide, from well before the commonest category to the end
    edges = np.r_[0.0, np.geomspace(0.01 / p.max(), end, 400)]
    return _gauss_legendre(integrand, edges)


def _gauss_legendre(f, edges, order=20):
    """``∫ f`` from ``edges[0]`` to ``edges[-1]``: Gauss–Legendre, ``order`` points per panel.

    Numpy only (scipy's ``quad`` would cost a notebook its 0.3–1.4 s import); exact for
    polynomials of degree < 2·order on each panel, about 1e-12 here.
    """
    x, w = np.polynomial.legendre.leggauss(order)
    a, b = edges[:-1, None], edges[1:, None]
    half = (b - a) / 2
    return float((half * w * f(half * x + (a + b) / 2)).sum())


def _all_seen_chain(n_max, k):
    """``P(T <= n)`` for n = 0…n_max, k equal categories: Markov chain on the number seen."""
    state = np.zeros(k + 1)
    state[0] = 1.0
    new = (k - np.arange(k)) / k          # chance that today's sample is new, by number seen
    cdf = np.empty(n_max + 1)
    cdf[0] = float(k == 0)
    for n in range(1, n_max + 1):
        moved = state[:-1] * new
        state[:-1] -= moved
        state[1:] += moved
        cdf[n] = state[-1]
    return cdf


def _log_factorials(n):
    """``log(m!)`` for m = 0…n."""
    return np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1)))])


def _all_seen_poisson(n, p):
    """``P(T <= n)`` for any frequencies ``p``: multinomial = Poissons given their sum."""
    k = p.size
    if n < k:
        return 0.0
    mu = n * p                                             # Poisson means, summing to n
    m = np.arange(n + 1)
    logf = _log_factorials(n)
    log_pmf = m * np.log(mu[:, None]) - mu[:, None] - logf
    pmf = np.exp(log_pmf - np.log(-np.expm1(-mu))[:, None])  # zero-truncated Poisson
    pmf[:, 0] = 0.0
    size = 1 << int(2 * (n + 1) - 1).bit_length()
    total = pmf[0]
    for row in pmf[1:]:                                    # convolve, dropping sums > n
        total = np.fft.irfft(np.fft.rfft(total, size) * np.fft.rfft(row, size), size)[:n + 1]
        total = np.maximum(total, 0.0)
    log_poisson_n = n * math.log(n) - n - logf[n]
    log_all = np.log(-np.expm1(-mu)).sum()
    return float(min(1.0, total[n] * math.exp(log_all - log_poisson_n)))


def prob_all_seen(days, freqs=16):
    """Exact chance that every category has been seen within ``days`` days, ``P(T <= n)``.

    Equal frequencies: any number of categories; unequal: up to 64 categories.
    """
    days, p = _days(days, maximum=check.MAX_STEPS), frequencies(freqs)
    p = p[p > 0]
    n = np.atleast_1d(days)
    if is_uniform(p):
        out = _all_seen_chain(int(n.max()), p.size)[n]
    else:
        check.whole_number(p.size, "number of categories with unequal frequencies",
                           minimum=1, maximum=MAX_CATEGORIES)
        out = np.array([_all_seen_poisson(int(d), p) for d in n])
    return float(out[0]) if np.ndim(days) == 0 else out


def _upper_day(p, q):
    """A day by which ``P(T <= day) >= q`` for sure (union bound ``Σ (1-p_i)^n <= 1-q``)."""
    n = max(1, p.size)
    while np.sum((1 - p) ** n) > 1 - q:
        n *= 2
    return n


def days_all_quantile(q=0.5, freqs=16):
    """The ``q``-quantile of the day when the last category is first seen (exact).

    The smallest ``n`` with ``P(T <= n) >= q``; 16 equal categories: median 51,
    90th percentile 79.
    """
    q = check.number_in(q, "q", 0, 1, low_open=True, high_open=True)
    p = frequencies(freqs)
    p = p[p > 0]
    hi = _upper_day(p, q)
    if is_uniform(p):
        return int(np.searchsorted(_all_seen_chain(hi, p.size), q))
    return _first_day(lambda n: prob_all_seen(n, p), q, p.size - 1, hi)


def _first_day(f, target, lo, hi):
    """Smallest whole ``n`` in (lo, hi] with ``f(n) >= target``, for increasing ``f``."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if f(mid) >= target else (mid, hi)
    return hi


def days_to_share(share, freqs=16, of="cases"):
    """Days until, on average, ``share`` of the ``"cases"`` (categories) or of the ``"mass"``
    (everything customers see) has been collected.

    A long tail reaches most of the mass quickly but most of the cases slowly.
    """
    share = check.number_in(share, "share", 0, 1, low_open=True, high_open=True)
    of = check.one_of(of, "of", ("cases", "mass"))
    p = frequencies(freqs)
    if of == "cases":
        reachable = np.mean(p > 0)
        if share > reachable:
            raise ValueError(f"share must be at most {reachable:.3g}: the other categories "
                             f"have frequency 0 and are never seen")
        f = lambda n: expected_seen(n, p) / p.size  # noqa: E731
    else:
        f = lambda n: expected_mass_seen(n, p)      # noqa: E731
    hi = 1
    while f(hi) < share:
        hi *= 2
    return _first_day(f, share, 0, hi)


def days_for_accuracy(levels=(0.9, 0.99, 0.999), freqs=16):
    """Days (one labelled sample a day) until an idealised model reaches each accuracy level.

    The idealised model is right on every case (category) it has seen at least once
    and wrong on every other, so its expected accuracy on the customers' stream after
    ``n`` days is :func:`expected_mass_seen`. Returns one whole number of days per
    level (each level strictly between 0 and 1). 16 equal categories: 99 % after
    72 days, 99.9 % after 108.
    """
    levels = np.atleast_1d(np.asarray(levels, dtype=float))
    if levels.ndim != 1 or levels.size == 0:
        raise ValueError(f"levels must be a list of accuracies between 0 and 1, got {levels!r}")
    return np.array([days_to_share(float(a), freqs, of="mass") for a in levels], dtype=np.int64)


# ------------------------------------------------------------------ Monte Carlo

def simulate_coverage(freqs=16, days=100, trials=1000, rng=None, seed=None):
    """Monte Carlo of ``trials`` collections of ``days`` days: categories seen after each day.

    Returns a ``(trials, days)`` uint8 array; column ``d`` is the count after day ``d+1``.
    Vectorised with no loop over trials or days: in each trajectory the order in which
    categories first appear is the order of independent exponential clocks of rates
    ``p_i``, and, with ``m`` of the frequency mass already seen, the wait for the next new
    category is geometric with success chance ``1 - m``. These are exactly the laws of
    day-by-day sampling, so the coverage paths have the right distribution.
    """
    p = frequencies(freqs)
    k = check.whole_number(p.size, "number of categories", minimum=1, maximum=MAX_CATEGORIES)
    days = check.whole_number(days, "days", minimum=1, maximum=100_000)
    trials = check.whole_number(trials, "trials", minimum=1, maximum=10_000_000)
    rng = as_rng(rng, seed)
    out = np.empty((days, trials), dtype=np.uint8)
    block = max(1, _BLOCK // (days + 1))
    for start in range(0, trials, block):              # memory blocks, not single trials
        stop = min(trials, start + block)
        out[:, start:stop] = _coverage_block(p, k, days, stop - start, rng)
    return out.T


def _new_category_days(p, k, trials, rng):
    """Day each trajectory sees its 1st, 2nd, … new category: a (trials, positive k) array.

    Works in float32 (half the memory traffic of float64): the exponential clocks fix
    the order of first appearance, and each geometric wait is drawn by inversion,
    ``ceil(E / -log(1 - q))`` with ``E`` exponential, where ``q`` is the unseen mass.
    """
    positive = int(np.count_nonzero(p))
    if is_uniform(p):
        unseen = np.broadcast_to(np.float32((k - np.arange(1, positive)) / k), (trials, positive - 1))
    else:
        rate = np.float32(np.where(p > 0, p, 1e-30))
        clocks = rng.standard_exponential(size=(trials, k), dtype=np.float32)
        clocks /= rate
        in_order = np.take(rate, np.argsort(clocks, axis=1)[:, :0:-1])   # last to 2nd first
        unseen = np.cumsum(in_order, axis=1)[:, ::-1][:, :positive - 1]  # unseen after 1, 2, … firsts
    waits = rng.standard_exponential(size=(trials, positive), dtype=np.float32)
    waits[:, 1:] /= -np.log1p(-np.minimum(unseen, np.float32(1)))
    np.ceil(waits, out=waits)
    waits[:, 0] = 1
    return np.cumsum(np.fmax(waits, 1, out=waits), axis=1)


def _coverage_block(p, k, days, trials, rng):
    """Coverage counts, shape (days, trials), for one block of trajectories.

    A 1 marks the day a new category arrives; a running sum down the days gives the
    counts. The sum runs on the uint8 counts packed eight to a uint64 word: a count
    never exceeds 64, so no carry crosses from one byte into the next (this is ~8x
    faster than summing byte by byte).
    """
    firsts = _new_category_days(p, k, trials, rng)
    width = -(-trials // 8) * 8                         # whole words per day
    steps = np.zeros((days + 1, width), dtype=np.uint8)
    day = np.minimum(firsts - 1, days).astype(np.intp)  # row `days` collects the late ones
    steps[day, np.arange(trials)[:, None]] = 1
    words = steps.view(np.uint64)[:days]
    np.add.accumulate(words, axis=0, out=words)
    return steps[:days, :trials]


def coverage_band(coverage, low=5, high=95):
    """Per-day mean and ``low``/``high`` percentiles of a (trials, days) coverage array.

    Counts are whole numbers, so a percentile here is the smallest count that at
    least that share of the runs reach or stay below (one histogram per day, which
    is much faster than sorting). Returns ``(mean, lower, upper)``, one value per day.
    """
    cov = np.asarray(coverage)
    if cov.ndim != 2 or cov.size == 0 or cov.dtype.kind not in "iu":
        raise ValueError(f"coverage must be a non-empty (trials, days) array of counts, got "
                         f"shape {cov.shape} and type {cov.dtype}")
    low = check.number_in(low, "low", 0, 100)
    high = check.number_in(high, "high", low, 100)
    trials, days = cov.shape
    top = int(cov.max()) + 1
    cells = cov.astype(np.int64) + top * np.arange(days)
    cdf = np.cumsum(np.bincount(cells.ravel(), minlength=top * days).reshape(days, top), axis=1)
    lower, upper = ((cdf >= q / 100 * trials - 1e-9).argmax(axis=1) for q in (low, high))
    return cov.sum(axis=0, dtype=np.int64) / trials, lower, upper


def new_per_day(coverage):
    """New categories found each day, from a (trials, days) coverage array."""
    coverage = check.array(coverage, "coverage", ndim=2, dtype=None)
    if coverage.dtype.kind not in "iu":
        raise ValueError(f"coverage must be counts (whole numbers), got type {coverage.dtype}")
    coverage = coverage.astype(np.int16)
    return np.diff(coverage, axis=1, prepend=0)


# ------------------------------------------------------------- the long tail

def uncommon_share(freqs, head=0.8):
    """Share of the cases (categories) that are uncommon.

    The *common* cases are the fewest most frequent ones that together make up
    ``head`` of everything seen (default 80 %); the rest are uncommon.
    """
    p = np.sort(frequencies(freqs))[::-1]
    head = check.number_in(head, "head", 0, 1, low_open=True, high_open=True)
    common = int(np.searchsorted(np.cumsum(p), head - 1e-12)) + 1
    return 1 - common / p.size


def balanced_collection(freqs, per_category):
    """What it takes to hold ``per_category`` samples of every category, collecting at random.

    Returns a dict: ``collected`` (expected samples to collect for the rarest category
    alone to reach ``per_category``: it drives the total, which
    :func:`expected_samples_each` gives exactly and which is slightly larger), ``kept`` (the balanced set's size) and ``discarded`` (extra samples of
    the common categories that a balanced set leaves out).
    """
    p = frequencies(freqs)
    m = check.whole_number(per_category, "per_category", minimum=1)
    if np.any(p == 0):
        raise ValueError("every category needs a frequency above 0 to be collected")
    collected = m / p.min()
    kept = m * p.size
    return {"collected": collected, "kept": kept, "discarded": collected - kept}


def expected_samples_each(freqs, per_category=1):
    """Expected samples to collect at random until *every* category has ``per_category``.

    The exact expectation (the "double dixie cup" problem), by Poissonisation:
    ``∫ 1 - Π P(Poisson(p_i t) >= m) dt`` over ``t >= 0``, evaluated numerically (to
    about 1e-9). With ``per_category=1`` it is :func:`expected_days_all`. It is larger
    than ``per_category / min(p)`` (the wait for the rarest category alone, the
    ``collected`` of :func:`balanced_collection`): every category's wait varies, and the
    mean of the latest of several waits is above the latest of their means.
    ``per_category`` goes up to 1000 (64 categories at 1000 take tens of seconds).
    """
    p = frequencies(freqs)
    m = check.whole_number(per_category, "per_category", minimum=1, maximum=1000)
    if np.any(p == 0):
        raise ValueError("every category needs a frequency above 0 to be collected")

    def integrand(t):       # chance that some category still has fewer than m at time t
        lam = p * np.asarray(t, dtype=float)[..., None]
        with np.errstate(divide="ignore"):
            log_lam = np.log(lam)
            log_term = np.zeros_like(lam)            # log(lam**j / j!), j = 0
            log_sum = np.zeros_like(lam)
            for j in range(1, m):                    # log Σ_{j<m} lam**j / j!, stably
                log_term = log_term + log_lam - math.log(j)
                log_sum = np.logaddexp(log_sum, log_term)
            below = np.minimum(np.exp(log_sum - lam), 1.0)   # P(Poisson(lam) < m)
            return -np.expm1(np.log1p(-below).sum(axis=-1))

    end = 2.0 * m / p.min()
    while integrand(np.array([end]))[0] > 1e-18:    # stretch until the tail is negligible
        end *= 1.5
    edges = np.r_[0.0, np.geomspace(0.01 / p.max(), end, 400)]
    return _gauss_legendre(integrand, edges)


def rare_class_experiment(rare=8, keep=5, fix="reweight", seed=0):
    """Train on the digits with one class made rare, with and without a fix.

    ``keep`` training images of digit ``rare`` are kept (all others keep theirs);
    ``fix`` is ``"reweight"`` (weight each class by 1 / its count) or ``"resample"``
    (draw the rare class's images again until it is as big as the others). Returns
    ``{"before": recalls, "after": recalls, "train_counts": counts}``, recalls per
    digit measured on a held-out test set with every digit.
    """
    from . import digits
    rare = check.whole_number(rare, "rare", minimum=0, maximum=digits.N_CLASSES - 1)
    keep = check.whole_number(keep, "keep", minimum=1, maximum=100)
    fix = check.one_of(fix, "fix", ("reweight", "resample"))
    X_train, X_test, y_train, y_test = digits.train_test_split(seed=seed)
    rng = as_rng(seed=seed)
    rare_rows = np.flatnonzero(y_train == rare)
    drop = rng.choice(rare_rows, size=max(0, rare_rows.size - keep), replace=False)
    X, y = np.delete(X_train, drop, axis=0), np.delete(y_train, drop)
    counts = np.bincount(y, minlength=digits.N_CLASSES)
    before = digits.fit_classifier(X, y)
    if fix == "reweight":
        after = digits.fit_classifier(X, y, sample_weight=(counts.max() / counts)[y])
    else:
        extra = rng.choice(np.flatnonzero(y == rare), size=counts.max() - counts[rare])
        after = digits.fit_classifier(np.vstack([X, X[extra]]), np.concatenate([y, y[extra]]))
    recall = lambda model: digits.per_class_recall(y_test, model.predict(X_test))  # noqa: E731
    return {"before": recall(before), "after": recall(after), "train_counts": counts}
