"""The feature coverage map: score samples by the information they add before paying for them.

A *feature vector* summarises a sample (here: a PCA projection of the pixels, or the
penultimate layer of a small network from :mod:`flywheel_lab.models`). In feature
space, a candidate's *novelty* is its distance to the nearest sample we already
hold: a duplicate scores 0, a sample from an uncovered region scores high.

*Selection strategies* decide which pool samples to label next:

``random``            the baseline: any unlabelled sample, equally likely
``least_confidence``  the model's top probability is lowest
``margin``            the top two probabilities are closest
``entropy``           the predicted distribution has the most bits of uncertainty
``kcenter``           greedy farthest-first: cover the feature space (no model needed)
``hybrid``            the most uncertain candidates, spread out by k-center
``cluster_margin``    the candidates whose neighbourhoods are most uncertain, sorted into
                      look-alike groups: the first of each group

:func:`learning_curve` runs the active-learning loop (label a seed set, fit,
select a batch, label it, refit, ...) and returns test accuracy per number of labels.
"""

import math
from dataclasses import dataclass

import numpy as np
import sklearn.linear_model  # noqa: F401  (every learning curve refits it: load it with the module)

from . import _validate as check
from .seeding import as_rng, check_seed

STRATEGIES = ("random", "least_confidence", "margin", "entropy", "kcenter", "hybrid", "cluster_margin")
UNCERTAINTY = ("least_confidence", "margin", "entropy")
NEEDS_MODEL = UNCERTAINTY + ("hybrid", "cluster_margin")

DEFAULT_INITIAL = 20    # random labels bought before any strategy can use a model
DEFAULT_BATCH = 5       # labels bought per round (small batches adapt faster)
HYBRID_POOL = 2         # hybrid spreads its batch over the HYBRID_POOL × n most uncertain (chosen on split 0)
CLUSTER_POOL = 5        # cluster_margin groups the CLUSTER_POOL × n most uncertain ...
NEIGHBOURS = 10         # ... scored over each candidate's NEIGHBOURS nearest pool images (both tuned on
                        # splits 0, 1, 2, 6, 7, 8: benchmarks/bench_coverage.py)
_CHUNK = 2 ** 22        # distances computed at once by nearest_neighbours (32 MiB of float64)


# ---------------------------------------------------------------- feature space

def _matrix(X, name):
    """``X`` as a 2-D float array (one row per sample), or a ValueError."""
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a table of numbers (samples × features)") from None
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D (samples × features), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} must contain only finite numbers")
    return X


def _pair(X_candidates, X_held):
    """Both arrays checked, non-empty and with the same number of features.

    One sample may come on its own: as a flat vector or as an image of the right size (an 8 × 8
    digit against rows of 64 pixels)."""
    B = _matrix(X_held, "X_held")
    if np.size(X_candidates) == B.shape[1] > 1 and np.shape(X_candidates) != (1, B.shape[1]):
        X_candidates = np.reshape(X_candidates, (1, -1))    # one sample: a flat vector or an 8 × 8 image
    if np.ndim(X_candidates) == 1 and B.shape[1] > 1:
        raise ValueError(f"X_candidates holds {np.size(X_candidates)} numbers; one sample needs "
                         f"{B.shape[1]} (one per feature, like each row of X_held)")
    A = _matrix(X_candidates, "X_candidates")
    if len(B) == 0:
        raise ValueError("X_held is empty: novelty needs at least one held sample to compare with")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"X_candidates has {A.shape[1]} features but X_held has {B.shape[1]}; "
                         "both must live in the same feature space")
    return A, B


def squared_distances(A, B):
    """Matrix of squared Euclidean distances between the rows of ``A`` and ``B``.

    ``A`` and ``B`` are finite tables of numbers with as many columns each (a NaN would
    only give rows of NaN distances back).
    """
    A = check.matrix(A, "A")
    B = check.matrix(B, "B", columns=A.shape[1])
    return _squared_distances(A, B)


def _squared_distances(A, B):
    """:func:`squared_distances` of arrays already checked (the package's own inner loops)."""
    d2 = (A * A).sum(1)[:, None] + (B * B).sum(1)[None, :] - 2.0 * A @ B.T
    return np.maximum(d2, 0.0)


def nearest(X_candidates, X_held):
    """Index of each candidate's nearest held sample and the exact distance to it.

    The fast matrix formula finds the few held samples that could be nearest
    (it is only accurate up to rounding); their distances are then recomputed
    exactly, so a duplicate always scores exactly 0.
    """
    A, B = _pair(X_candidates, X_held)
    d2 = _squared_distances(A, B)
    if d2.size == 0:
        return np.zeros(len(A), dtype=np.int64), np.zeros(len(A))
    slack = 1e-9 * ((A * A).sum(1) + (B * B).sum(1).max()) + 1e-300
    rows, cols = np.nonzero(d2 <= d2.min(1, keepdims=True) + slack[:, None])
    exact = np.sqrt(((A[rows] - B[cols]) ** 2).sum(1))
    order = np.lexsort((exact, rows))                        # per row, the smallest exact first
    first = order[np.r_[True, rows[order][1:] != rows[order][:-1]]]
    return cols[first], exact[first]


def novelty(X_candidates, X_held):
    """Distance of each candidate to its nearest held sample (0 for a duplicate).

    The higher the score, the less the held set already knows about the
    candidate's neighbourhood: the coverage map's "information value" of a sample.
    """
    return nearest(X_candidates, X_held)[1]


def knn_density(X_candidates, X_held, k=5):
    """How crowded each candidate's neighbourhood is: 1 / mean distance to its k nearest held samples.

    A high density means the held set already covers that region well; a
    duplicate of several held samples gives ``inf``.
    """
    A, B = _pair(X_candidates, X_held)
    k = check.whole_number(k, "k", minimum=1, maximum=len(B))
    d = np.sqrt(np.sort(_squared_distances(A, B), axis=1)[:, :k])
    with np.errstate(divide="ignore"):
        return 1.0 / d.mean(axis=1)


def pca_features(X, n_components=2, seed=0):
    """Project samples onto their top ``n_components`` principal components.

    An unsupervised feature vector: no labels are needed. The projection is
    fitted on ``X`` itself (use :func:`fit_pca` to project new samples the same
    way). Each component's sign is fixed so that results are reproducible;
    ``seed`` is accepted for interface symmetry (the exact SVD uses no randomness).
    """
    return fit_pca(X, n_components, seed).transform(X)


@dataclass(frozen=True)
class Projection:
    """A fitted PCA: ``transform(X)`` maps samples onto the principal components."""

    mean: np.ndarray
    components: np.ndarray
    explained_variance_ratio: np.ndarray

    def transform(self, X):
        """Feature vectors of ``X`` (samples × n_components)."""
        X = _matrix(X, "X")
        if X.shape[1] != self.mean.size:
            raise ValueError(f"X has {X.shape[1]} features; this projection was fitted on {self.mean.size}")
        return (X - self.mean) @ self.components.T


def fit_pca(X, n_components=2, seed=0):
    """Fit a PCA projection (exact SVD, signs fixed) and return a :class:`Projection`."""
    X = _matrix(X, "X")
    check_seed(seed)
    n_components = check.whole_number(n_components, "n_components", 1, min(X.shape))
    mean = X.mean(axis=0)
    _, s, vt = np.linalg.svd(X - mean, full_matrices=False)
    vt = vt[:n_components]
    signs = np.sign(vt[np.arange(n_components), np.abs(vt).argmax(1)])  # biggest entry positive
    var = s ** 2
    if var.sum() == 0:
        raise ValueError("X has no variance (every row is the same): there are no directions to project on")
    return Projection(mean, vt * signs[:, None], var[:n_components] / var.sum())


# ---------------------------------------------------------------- scores

def uncertainty(proba, kind="margin"):
    """How unsure a model is about each sample, from its class probabilities (higher = less sure).

    ``least_confidence``: 1 − top probability; ``margin``: 1 − (top − second);
    ``entropy``: entropy of the probabilities in bits. ``proba`` holds one row per sample; a single
    row (one sample's probabilities) gives an array of one score.
    """
    check.one_of(kind, "kind", UNCERTAINTY)
    P = _matrix(proba, "proba")
    if np.ndim(proba) == 1 and len(P) > 1:
        P = P.T                                               # one sample's row, given on its own
    if np.any(P < 0) or np.any(np.abs(P.sum(1) - 1) > 1e-6):
        raise ValueError("proba must hold one probability row per sample, each row summing to 1")
    top = -np.sort(-P, axis=1)
    if kind == "least_confidence":
        return 1.0 - top[:, 0]
    if kind == "margin":
        second = top[:, 1] if P.shape[1] > 1 else 0.0
        return 1.0 - (top[:, 0] - second)
    logs = np.log2(np.where(P > 0, P, 1.0))               # 0 log 0 = 0, as in information.entropy
    return np.maximum(0.0, -(P * logs).sum(1)) + 0.0          # + 0.0: no "-0.0" for a sure row


def _top(scores, n):
    """Positions of the ``n`` highest scores (ties broken by position: deterministic)."""
    return np.argsort(-scores, kind="stable")[:n]


def kcenter(features, labeled_idx, candidates, n, rng=None):
    """Greedy k-center: repeatedly take the candidate farthest from everything chosen so far.

    ``labeled_idx`` (may be empty) count as already chosen; with nothing chosen,
    the first pick is a random candidate. Returns ``n`` indices into ``features``.
    """
    F = _matrix(features, "features")
    labeled_idx = check.labels(labeled_idx, "labeled_idx", len(F), min_len=0)
    candidates = check.labels(candidates, "candidates", len(F))
    n = check.whole_number(n, "n", 0, len(candidates))
    rng = as_rng(rng)
    C = F[candidates]               # gathered once: the loop only adds one column at a time
    dist = (np.full(len(candidates), np.inf) if len(labeled_idx) == 0
            else novelty(C, F[labeled_idx]))
    norms = (C * C).sum(1)
    picks = []
    for _ in range(n):
        pos = int(as_rng(rng).integers(len(candidates))) if np.isinf(dist).all() else int(np.argmax(dist))
        picks.append(candidates[pos])
        b = C[[pos]]                       # the same sums as _squared_distances(C, b), norms kept
        d2 = np.maximum(norms[:, None] + (b * b).sum(1)[None, :] - 2.0 * C @ b.T, 0.0)
        dist = np.minimum(dist, np.sqrt(d2[:, 0]))
        dist[pos] = -1.0   # never pick the same sample twice
    return np.array(picks, dtype=np.int64)


def look_alike_groups(features, n_groups, iterations=10):
    """Sort samples into ``n_groups`` groups of look-alikes (k-means); returns each row's group number.

    Deterministic: the group centres start at row 0 and then, one by one, at the row
    farthest from every centre so far (k-center); ``iterations`` rounds of k-means
    (each row joins its nearest centre; each centre moves to its group's mean) follow.
    """
    F = _matrix(features, "features")
    n_groups = check.whole_number(n_groups, "n_groups", 1, len(F))
    iterations = check.steps(iterations, "iterations", minimum=0)
    first = [0]
    d = _squared_distances(F, F[[0]])[:, 0]
    for _ in range(n_groups - 1):
        first.append(int(np.argmax(d)))
        d = np.minimum(d, _squared_distances(F, F[[first[-1]]])[:, 0])
    centres = F[first]
    for _ in range(iterations):
        group = _squared_distances(F, centres).argmin(1)
        centres = np.array([F[group == g].mean(0) if np.any(group == g) else centres[g]
                            for g in range(n_groups)])
    return _squared_distances(F, centres).argmin(1)


def nearest_neighbours(features, k):
    """Positions of each row's ``k`` nearest rows of ``features``, nearest first (itself first; ties by position).

    Rows are compared in chunks, so a large pool never needs its whole distance matrix at once.
    """
    F = _matrix(features, "features")
    k = check.whole_number(k, "k", 1, len(F))
    step = max(1, _CHUNK // len(F))
    out = np.empty((len(F), k), dtype=np.int64)
    for start in range(0, len(F), step):
        d2 = _squared_distances(F[start:start + step], F)
        rows = np.arange(len(d2))
        d2[rows, start + rows] = -1.0              # each row is its own nearest, whatever the rounding
        # a stable sort breaks ties by position; argpartition's SIMD code (x86-simd-sort) orders
        # tied distances differently on CPUs with and without AVX-512, and so changed the picks
        out[start:start + step] = np.argsort(d2, axis=1, kind="stable")[:, :k]
    return out


def neighbourhood_uncertainty(proba, neighbours, kind="margin"):
    """Each sample's uncertainty averaged over its neighbourhood (rows of ``neighbours``, positions in ``proba``).

    High when a whole region of look-alikes puzzles the model, not just one odd image: a label
    there teaches about all its neighbours.
    """
    u = uncertainty(proba, kind)
    return u[_check_neighbours(neighbours, len(u))].mean(1)


def _check_neighbours(neighbours, n_pool):
    """``neighbours`` as an int table with one row of pool positions per pool sample."""
    nb = check.labels(neighbours, "neighbours", n_pool, ndim=2)
    if len(nb) != n_pool:
        raise ValueError(f"neighbours must have one row per pool sample ({n_pool}), got {len(nb)} rows")
    return nb


def cluster_margin(features, shortlist, n):
    """``n`` picks from ``shortlist`` (ordered most uncertain first): the first of each look-alike group.

    Groups left empty by k-means are made up for by the next most uncertain candidates.
    """
    F = _matrix(features, "features")
    shortlist = check.labels(shortlist, "shortlist", len(F))
    n = check.whole_number(n, "n", 0, len(shortlist))
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    group = look_alike_groups(F[shortlist], n)
    firsts = np.sort([np.flatnonzero(group == g)[0] for g in np.unique(group)])
    rest = np.setdiff1d(np.arange(len(shortlist)), firsts)
    return shortlist[np.concatenate([firsts, rest])[:n]]


# ---------------------------------------------------------------- selection

def _candidates(n_pool, labeled_idx, exclude):
    """Pool positions that are neither labelled nor excluded."""
    free = np.ones(n_pool, dtype=bool)
    for name, idx in (("labeled_idx", labeled_idx), ("exclude", exclude)):
        idx = check.labels(idx, name, ndim=(0, 1), min_len=0).ravel()
        if idx.size and (idx.min() < 0 or idx.max() >= n_pool):
            raise ValueError(f"{name} must be positions in the pool, from 0 to {n_pool - 1}")
        free[idx] = False
    return np.flatnonzero(free)


def _check_features(features, n_pool):
    if features is not None and len(_matrix(features, "features")) != n_pool:
        raise ValueError(f"features has {len(_matrix(features, 'features'))} rows but the pool has "
                         f"{n_pool}: one row per pool sample")


def _check_proba(proba, n_pool, strategy):
    if proba is None:
        raise ValueError(f"strategy {strategy!r} needs proba: the model's predict_proba on the whole pool")
    P = _matrix(proba, "proba")
    if len(P) != n_pool:
        raise ValueError(f"proba has {len(P)} rows but the pool has {n_pool} samples: give one row per pool sample")
    return P


def select(strategy, X_pool, labeled_idx, n, *, proba=None, features=None, rng=None, exclude=(),
           neighbours=None):
    """Indices of ``n`` new pool samples to label next, chosen by ``strategy``.

    Parameters
    ----------
    strategy : one of :data:`STRATEGIES`
    X_pool : array (n_pool × d) of pool samples
    labeled_idx : positions in the pool that are already labelled
    n : how many to pick (at most the number of unlabelled samples)
    proba : ``predict_proba`` of the current model on the whole pool (uncertainty and hybrid)
    features : feature vectors of the pool for k-center, hybrid and cluster_margin (default: ``X_pool``)
    rng : numpy Generator (random, and k-center's first pick when nothing is labelled)
    exclude : positions that may not be picked (e.g. not yet arrived)
    neighbours : for cluster_margin, :func:`nearest_neighbours` of ``features`` with ``k =``
        :data:`NEIGHBOURS` (computed here if not given; a loop over rounds computes it once)
    """
    check.one_of(strategy, "strategy", STRATEGIES)
    X_pool = _matrix(X_pool, "X_pool")
    if len(X_pool) == 0:
        raise ValueError("the pool is empty: there is nothing to select from")
    cand = _candidates(len(X_pool), labeled_idx, exclude)
    n = check.whole_number(n, "n", minimum=0, maximum=len(cand))
    rng = as_rng(rng)
    if proba is not None:
        _check_proba(proba, len(X_pool), strategy)
    if neighbours is not None:
        neighbours = _check_neighbours(neighbours, len(X_pool))
    if strategy == "random":
        return np.sort(rng.choice(cand, size=n, replace=False))
    F = X_pool if features is None else _matrix(features, "features")
    if len(F) != len(X_pool):
        raise ValueError(f"features has {len(F)} rows but the pool has {len(X_pool)}: one row per pool sample")
    if strategy == "kcenter":
        return kcenter(F, np.asarray(labeled_idx, dtype=np.int64), cand, n, rng)
    P = _check_proba(proba, len(X_pool), strategy)
    if strategy == "hybrid":
        shortlist = cand[_top(uncertainty(P[cand], "margin"), HYBRID_POOL * n)]
        return kcenter(F, np.asarray(labeled_idx, dtype=np.int64), shortlist, n, rng)
    if strategy == "cluster_margin":
        if neighbours is None:
            neighbours = nearest_neighbours(F, min(NEIGHBOURS, len(F)))
        # rounded: images with the same neighbourhood tie exactly (then the first comes first),
        # whatever the last bits of the floating-point sums on this machine
        score = np.round(neighbourhood_uncertainty(P, neighbours), 12)[cand]
        return cluster_margin(F, cand[_top(score, CLUSTER_POOL * n)], n)
    return cand[_top(uncertainty(P[cand], strategy), n)]


# ---------------------------------------------------------------- the active-learning loop

def _budgets(budgets, n_pool):
    """Budgets as a strictly increasing int array within the pool size."""
    b = np.asarray(budgets)
    if b.ndim != 1 or b.size == 0:
        raise ValueError(f"budgets must be a non-empty list of label counts, got {budgets!r}")
    b = np.array([check.whole_number(v, "each budget", 2, n_pool) for v in b.tolist()])
    if np.any(np.diff(b) <= 0):
        raise ValueError(f"budgets must increase, got {b.tolist()}")
    return b


def _pool(X_pool, y_pool):
    X = _matrix(X_pool, "X_pool")
    y = check.labels(y_pool, "y_pool", ndim=(1, 2), min_len=0).ravel()
    if len(X) == 0:
        raise ValueError("the pool is empty: there is nothing to select from")
    if len(y) != len(X):
        raise ValueError(f"X_pool has {len(X)} samples but y_pool has {len(y)} labels")
    return X, y


def acquire(strategy, X_pool, y_pool, stops, *, seed=0, batch=DEFAULT_BATCH, initial=DEFAULT_INITIAL,
            features=None, hidden=(), reveal_at=None, C=1.0):
    """Run the active-learning loop and yield ``(labeled_idx, model)`` at every stop.

    ``initial`` random samples are labelled first; then each round fits the
    classifier (:func:`flywheel_lab.digits.fit_classifier`; only at stops for
    strategies that need no model) and buys up to ``batch``
    labels chosen by ``strategy``, never overshooting the next of ``stops`` (label
    counts). Pool positions in ``hidden`` cannot be bought until ``reveal_at`` labels
    are held (a class that shows up late).
    """
    X, y = _pool(X_pool, y_pool)
    stops = _budgets(stops, len(X))
    batch = check.whole_number(batch, "batch", minimum=1)
    initial = check.whole_number(initial, "initial", 2, len(X))
    check.one_of(strategy, "strategy", STRATEGIES)
    hidden = check.labels(hidden, "hidden (positions in the pool)", len(X), min_len=0)
    reveal_at = np.inf if reveal_at is None else check.whole_number(reveal_at, "reveal_at")
    rng = as_rng(seed=check_seed(seed))
    _check_features(features, len(X))
    C = check.number_in(C, "C", 0, math.inf, low_open=True)
    return _acquire(strategy, X, y, stops, batch, initial, hidden, reveal_at, rng, features, C)


def _acquire(strategy, X, y, stops, batch, initial, hidden, reveal_at, rng, features, C):
    """The loop behind :func:`acquire`: a generator (so its checks run in acquire, when it is called)."""
    from .digits import blas_controller, fit_classifier
    labeled = select("random", X, [], min(initial, stops[0]), rng=rng, exclude=hidden)
    neighbours = None
    if strategy == "cluster_margin":          # fixed for the whole run: found once
        with blas_controller().limit(limits=1):
            neighbours = nearest_neighbours(X if features is None else features, min(NEIGHBOURS, len(X)))
    while True:
        at_stop = len(labeled) in stops
        model = fit_classifier(X[labeled], y[labeled], C=C) if at_stop or strategy in NEEDS_MODEL else None
        if at_stop:
            yield labeled, model
        if len(labeled) >= stops[-1]:
            return
        goal = min(len(labeled) + batch, stops[stops > len(labeled)][0])
        out = hidden if len(labeled) < reveal_at else ()
        with blas_controller().limit(limits=1):
            proba = model.predict_proba(X) if strategy in NEEDS_MODEL else None
            new = select(strategy, X, labeled, goal - len(labeled), proba=proba, features=features,
                         rng=rng, exclude=out, neighbours=neighbours)
        labeled = np.concatenate([labeled, new])


def learning_curve(strategy, X_pool, y_pool, X_test, y_test, budgets, *, seed=0,
                   batch=DEFAULT_BATCH, initial=DEFAULT_INITIAL, features=None, C=1.0):
    """Test accuracy (0–1) after buying each number of labels in ``budgets`` with ``strategy``."""
    X_test = _matrix(X_test, "X_test")
    y_test = check.labels(y_test, "y_test", ndim=(1, 2), min_len=0).ravel()
    if len(X_test) == 0 or len(X_test) != len(y_test):
        raise ValueError("X_test and y_test must be non-empty and the same length")
    loop = acquire(strategy, X_pool, y_pool, budgets, seed=seed, batch=batch, initial=initial,
                   features=features, C=C)
    return np.array([float(np.mean(model.predict(X_test) == y_test)) for _, model in loop])


def labels_to_reach(budgets, accuracy, target):
    """Fewest labels at which a learning curve reaches ``target`` (linear between budgets; nan if never)."""
    b = check.array(budgets, "budgets", ndim=1)
    a = check.array(accuracy, "accuracy", ndim=1)
    check.same_length("budgets", b, "accuracy", a)
    if np.any(b <= 0) or np.any(np.diff(b) <= 0) or np.any(a < 0) or np.any(a > 1):
        raise ValueError("budgets must be increasing label counts and accuracy fractions from 0 to 1")
    target = check.number_in(target, "target", 0, 1)
    hit = np.flatnonzero(a >= target)
    if hit.size == 0:
        return float("nan")
    i = hit[0]
    if i == 0:
        return float(b[0])
    return float(b[i - 1] + (target - a[i - 1]) / (a[i] - a[i - 1]) * (b[i] - b[i - 1]))


def compare(strategies, X_pool, y_pool, X_test, y_test, budgets, seeds, progress=None, **options):
    """Learning curves of several strategies over several seeds: ``{strategy: array(seeds × budgets)}``.

    ``progress``, if given, is called after each (strategy, seed) run, e.g. the
    ``step`` of :func:`flywheel_lab.widgets.progress_bar`.
    """
    seeds = check.seeds(seeds)
    strategies = [check.one_of(s, "each strategy", STRATEGIES) for s in check.iterable(strategies, "strategies")]
    if progress is not None and not callable(progress):
        raise ValueError(f"progress must be a function to call after each run, or None; got {progress!r}")

    def run(s, k):
        curve = learning_curve(s, X_pool, y_pool, X_test, y_test, budgets, seed=k, **options)
        if progress is not None:
            progress(f"{s}, seed {k}")
        return curve
    return {s: np.array([run(s, k) for k in seeds]) for s in strategies}


def ratio_spread(ratios, splits):
    """Each strategy's label ratios over ``splits`` (``ratios[strategy][split]``, as
    ``benchmarks/bench_coverage.py`` saves them), summarised: ``{strategy: (mean, SD with n − 1,
    lowest, highest, the split where it needed the most)}``, and ``{strategy: splits on which it
    needed the fewest labels}`` (strategies that never did are left out)."""
    try:
        splits = [str(k) for k in splits]
    except TypeError:
        raise ValueError("splits must be a list of split numbers") from None
    if len(splits) < 2:
        raise ValueError(f"a spread needs at least 2 splits, got {len(splits)}")
    try:
        table = {s: np.array([float(per_split[k]) for k in splits]) for s, per_split in ratios.items()}
    except (AttributeError, KeyError, TypeError, ValueError):
        raise ValueError("ratios must map each strategy to {split: ratio} with a number for every split "
                         f"in {splits}") from None
    if not table or not all(np.all(np.isfinite(r)) for r in table.values()):
        raise ValueError("ratios must hold at least one strategy, with finite ratios")
    stats = {s: (r.mean(), r.std(ddof=1), r.min(), r.max(), splits[int(r.argmax())]) for s, r in table.items()}
    fewest = [min(table, key=lambda s: table[s][i]) for i in range(len(splits))]
    wins = {s: fewest.count(s) for s in sorted(dict.fromkeys(fewest), key=fewest.count, reverse=True)}
    return stats, wins


def label_ratios(curves, budgets, reference="random", at=300):
    """Labels each strategy needs to match ``reference``'s mean accuracy at ``at`` labels, as a ratio to ``at``.

    ``curves`` is the output of :func:`compare`; mean curves over seeds are used.
    Returns ``(target_accuracy, {strategy: ratio})``; a ratio is nan if never reached.
    """
    check.mapping(curves, "curves")
    budgets = check.array(budgets, "budgets", ndim=1)
    if not isinstance(reference, str) or reference not in curves or at not in budgets:
        raise ValueError(f"need the {reference!r} curve and a budget of exactly {at} labels")
    target = float(curves[reference].mean(0)[np.flatnonzero(budgets == at)[0]])
    return target, {s: labels_to_reach(budgets, c.mean(0), target) / at for s, c in curves.items()}


def hole_first_batch(strategy, X_pool, y_pool, hole_class, reveal_at, *, seed=0,
                     batch=DEFAULT_BATCH, initial=DEFAULT_INITIAL, features=None):
    """How many samples of ``hole_class`` the first batch bought after that class appears.

    The class is missing from the pool until ``reveal_at`` labels are held (a data
    hole that a new customer fills); the next batch of ``batch`` labels is counted.
    """
    X, y = _pool(X_pool, y_pool)
    batch = check.whole_number(batch, "batch", minimum=1)
    initial = check.whole_number(initial, "initial", minimum=2)
    hole_class = check.whole_number(hole_class, "hole_class")
    hidden = np.flatnonzero(y == hole_class)
    if hidden.size == 0:
        raise ValueError(f"hole_class {hole_class!r} has no samples in y_pool; pick one of {np.unique(y).tolist()}")
    reveal_at = check.whole_number(reveal_at, "reveal_at", 2, len(X) - hidden.size)
    stops = [reveal_at, reveal_at + batch]
    *_, (labeled, _) = acquire(strategy, X, y, stops, seed=seed, batch=batch,
                                initial=min(initial, reveal_at), features=features,
                                hidden=hidden, reveal_at=reveal_at)
    return int(np.sum(y[labeled[reveal_at:]] == hole_class))
