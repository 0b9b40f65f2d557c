"""The real-image world of the series: scikit-learn's bundled 8×8 handwritten digits.

1 797 images of the digits 0–9 (about 180 each), shipped inside scikit-learn, so
nothing is downloaded. Pixels are scaled to [0, 1]. The classifier is a small,
fast logistic regression fitted with single-threaded BLAS (threaded BLAS on a busy
2-core machine made such fits many times slower, and less repeatable).
The images are read from scikit-learn's data file and split without importing
scikit-learn (its import, with scipy's and pandas', costs a kernel about 100 MiB, which
notebook 06 does not otherwise need); it is imported on the first fit.
"""

import math
from functools import lru_cache

import numpy as np

from . import _validate as check
from .data import _sklearn_folder
from .seeding import as_rng, check_seed

N_CLASSES = 10
IMAGE_SHAPE = (8, 8)


@lru_cache(maxsize=1)
def _load():
    # the file scikit-learn's load_digits reads: 64 pixel counts (0-16) and the digit per row
    table = np.loadtxt(_sklearn_folder("datasets", "data", "digits.csv.gz"), delimiter=",")
    X = (table[:, :-1] / 16.0).astype(np.float64)
    y = table[:, -1].astype(np.int64)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def load():
    """All digits as ``(X, y)``: X is (1797, 64) floats in [0, 1], y the digit 0–9."""
    X, y = _load()
    return X.copy(), y.copy()


def train_test_split(test_size=0.3, seed=0):
    """Stratified split of the digits: ``X_train, X_test, y_train, y_test``."""
    test_size = check.number_in(test_size, "test_size", 0, 1, low_open=True, high_open=True)
    X, y = load()
    train, test = _stratified_split(y, test_size, check_seed(seed))
    return X[train], X[test], y[train], y[test]


def _stratified_split(y, test_size, seed):
    """Row indices ``(train, test)``: scikit-learn's stratified ``train_test_split``, in numpy.

    The same draws from the same ``RandomState`` as scikit-learn's ``StratifiedShuffleSplit``
    (so the same split, checked against scikit-learn in the tests), without its import.
    """
    rng = np.random.RandomState(seed)
    n_test = math.ceil(test_size * len(y))
    classes, counts = np.unique(y, return_counts=True)
    members = np.split(np.argsort(np.searchsorted(classes, y), kind="stable"), np.cumsum(counts)[:-1])
    n_train = _spread(counts, len(y) - n_test, rng)
    n_tested = _spread(counts - n_train, n_test, rng)
    train, test = [], []
    for rows, k_train, k_test in zip(members, n_train, n_tested):
        rows = rows[rng.permutation(len(rows))]
        train.extend(rows[:k_train])
        test.extend(rows[k_train:k_train + k_test])
    return rng.permutation(train), rng.permutation(test)


def _spread(counts, n, rng):
    """``n`` draws shared among classes in proportion to ``counts``: floors, then the largest
    remainders (ties broken at random), as scikit-learn's stratified split does."""
    share = counts / counts.sum() * n
    taken = np.floor(share)
    left = int(n - taken.sum())
    remainder = share - taken
    for value in np.sort(np.unique(remainder))[::-1]:
        if left == 0:
            break
        (tied,) = np.where(remainder == value)
        chosen = rng.choice(tied, size=min(len(tied), left), replace=False)
        taken[chosen] += 1
        left -= len(chosen)
    return taken.astype(int)


def sample_with_mix(X, y, mix, n, rng=None, seed=None):
    """Draw ``n`` rows of ``(X, y)`` whose classes follow ``mix`` (10 class weights).

    Sampling is with replacement inside each class, so a rare class may repeat, as
    in a real customer's stream. Returns ``X_sample, y_sample``.
    """
    X, y = check.samples(X, y)
    mix = check.normalise(mix, "mix")
    if mix.size != N_CLASSES:
        raise ValueError(f"mix needs one weight per digit (10), got {mix.size}")
    n = check.size(n, "n", minimum=1)
    rng = as_rng(rng, seed)
    labels = rng.choice(N_CLASSES, size=n, p=mix)
    idx = np.empty(n, dtype=np.int64)
    for digit in range(N_CLASSES):
        where = np.flatnonzero(labels == digit)
        pool = np.flatnonzero(np.asarray(y) == digit)
        if where.size and not pool.size:
            raise ValueError(f"digit {digit} has weight in mix but no examples in y")
        idx[where] = rng.choice(pool, size=where.size) if where.size else idx[where]
    return X[idx], np.asarray(y)[idx]


@lru_cache(maxsize=1)
def blas_controller():
    """The BLAS thread pools, found once: ``with blas_controller().limit(limits=1):`` runs single-threaded.

    (``threadpoolctl.threadpool_limits(1)`` scans every loaded library again on each call:
    measured at 28 ms on a busy 2-core machine, a quarter of a small fit.)
    """
    from threadpoolctl import ThreadpoolController
    return ThreadpoolController()


def fit_classifier(X, y, C=1.0, sample_weight=None, max_iter=500):
    """Fit a multinomial logistic regression, single-threaded and deterministic.

    Returns the fitted scikit-learn estimator (``predict``, ``predict_proba``).
    """
    if len(check.array(X, "X", min_len=0, ndim=(1, 2))) == 0:
        raise ValueError("cannot fit a classifier on an empty training set")
    X, y = check.samples(X, y)
    C = check.number_in(C, "C", 0, math.inf, low_open=True)
    max_iter = check.steps(max_iter, "max_iter")
    if sample_weight is not None:
        sample_weight = check.nonnegative_weights(sample_weight, "sample_weight")
        check.same_length("X", X, "sample_weight", sample_weight)
    if len(np.unique(y)) < 2:
        raise ValueError(f"a classifier needs at least 2 classes, got {np.unique(y).tolist()}")
    from sklearn.linear_model import LogisticRegression
    model = LogisticRegression(C=C, max_iter=max_iter)
    with blas_controller().limit(limits=1):
        try:
            model.fit(X, y, sample_weight=sample_weight)
        except ValueError as err:     # scikit-learn's words, said as the package's ValueError
            raise ValueError(f"the classifier could not be fitted to this data: {err}") from None
    return model


def per_class_recall(y_true, y_pred, classes=range(N_CLASSES)):
    """Fraction of each class's samples predicted correctly (nan for an absent class)."""
    y_true, y_pred = check.labels(y_true, "y_true"), check.labels(y_pred, "y_pred")
    check.same_length("y_true", y_true, "y_pred", y_pred)
    classes = [check.whole_number(c, "each class") for c in check.iterable(classes, "classes")]
    out = []
    for c in classes:
        mask = y_true == c
        out.append(float(np.mean(y_pred[mask] == c)) if mask.any() else float("nan"))
    return np.array(out)
