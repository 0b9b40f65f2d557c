"""Measured vs real accuracy, and how much accuracy a new batch of examples buys.

A customer judges a model on their own stream of images. The accuracy they
*measure* is the per-class accuracy weighted by how often each class shows up in
that stream; the *balanced* accuracy gives every class the same weight. A class
that is rare in the stream hardly moves the measured figure, however badly the
model does on it (notebook 04).

The second half measures what one new example is worth (notebook 02): start from
a narrow training set, add one candidate per digit, and see how the accuracy on
the whole test distribution changes, next to how *novel* the candidates were
(distance to the nearest example already held, :func:`flywheel_lab.coverage.novelty`).
"""

import numpy as np

from . import _validate as check
from . import digits
from .seeding import as_rng, check_seed

# ---------------------------------------------------------------- the customer's view


def class_accuracies(class_accuracy, n_classes=None):
    """``class_accuracy`` as a 1-D array of fractions in [0, 1] (one per class)."""
    try:
        acc = np.asarray(class_accuracy, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"class_accuracy must be a list of numbers, got {class_accuracy!r}") from None
    if acc.ndim != 1 or acc.size == 0:
        raise ValueError(f"class_accuracy must be a flat, non-empty list (one accuracy per class), "
                         f"got shape {acc.shape}")
    if not np.all(np.isfinite(acc)) or np.any(acc < 0) or np.any(acc > 1):
        raise ValueError(f"each per-class accuracy must be a fraction from 0 to 1 "
                         f"(0.9, not 90), got {acc.tolist()}")
    if n_classes is not None and acc.size != n_classes:
        raise ValueError(f"got {n_classes} classes in the counts or shares but {acc.size} "
                         f"per-class accuracies: give one accuracy per class")
    return acc


def measured_accuracy(counts, class_accuracy):
    """Accuracy a customer measures on a stream with ``counts`` images of each class.

    ``counts`` are non-negative numbers per class (e.g. images a day), not all 0;
    ``class_accuracy`` the model's accuracy on each class (fractions from 0 to 1).
    The result is the share of all the stream's images that the model gets right.
    """
    counts = check.nonnegative_weights(counts, "counts")
    acc = class_accuracies(class_accuracy, counts.size)
    return float(counts @ acc / counts.sum())


def accuracy_under_mix(shares, class_accuracy):
    """Accuracy on a stream whose classes arrive with the given ``shares`` (summing to 1)."""
    shares = check.probabilities(shares, "shares")
    acc = class_accuracies(class_accuracy, shares.size)
    return float(np.clip(shares @ acc, 0.0, 1.0))


def balanced_accuracy(class_accuracy):
    """Class-balanced accuracy: the plain mean of the per-class accuracies."""
    return float(class_accuracies(class_accuracy).mean())


def daily_counts(total, rare_share):
    """Split ``total`` images into ``[common, rare]`` counts, the rare ones a ``rare_share`` of them."""
    total = check.whole_number(total, "total images", minimum=1)
    rare_share = check.number_in(rare_share, "rare_share", 0, 1)
    rare = int(round(total * rare_share))
    return np.array([total - rare, rare])


def customer_view(rare_share, common_accuracy, rare_accuracy):
    """Measured and balanced accuracy of a two-class world (common and rare/exotic).

    Returns a dict with ``measured``, ``balanced`` and ``gap`` (measured − balanced).
    """
    rare_share = check.number_in(rare_share, "rare_share", 0, 1)
    acc = [check.number_in(common_accuracy, "common_accuracy", 0, 1),
           check.number_in(rare_accuracy, "rare_accuracy", 0, 1)]
    measured = accuracy_under_mix([1 - rare_share, rare_share], acc)
    balanced = balanced_accuracy(acc)
    return {"measured": measured, "balanced": balanced, "gap": measured - balanced}


def required_class_accuracy(target, counts, class_accuracy, which):
    """Accuracy class ``which`` would need for the measured accuracy to reach ``target``.

    The other classes keep their ``class_accuracy``. A result above 1 means the
    target cannot be reached by improving that class alone; one below 0 means the
    target is met whatever that class does.
    """
    target = check.number_in(target, "target", 0, 1)
    counts = check.nonnegative_weights(counts, "counts")
    acc = class_accuracies(class_accuracy, counts.size)
    which = check.whole_number(which, "which class", 0, counts.size - 1)
    if counts[which] == 0:
        raise ValueError(f"class {which} has no images in counts, so its accuracy cannot change the result")
    others = counts @ acc - counts[which] * acc[which]
    return float((target * counts.sum() - others) / counts[which])


# ---------------------------------------------------------------- a real model, two customers


def skewed_mix(common_digits, common_share=0.95):
    """Class shares for a customer who mostly sees ``common_digits``.

    The common digits share ``common_share`` equally; the other digits share
    the rest equally. Returns 10 shares that sum to 1.
    """
    common_digits = check.iterable(common_digits, "common_digits", empty=True)
    common = sorted({check.whole_number(d, "digit", 0, digits.N_CLASSES - 1) for d in common_digits})
    if not 0 < len(common) < digits.N_CLASSES:
        raise ValueError("common_digits must name at least one and at most nine of the digits 0–9")
    common_share = check.number_in(common_share, "common_share", 0, 1)
    mix = np.full(digits.N_CLASSES, (1 - common_share) / (digits.N_CLASSES - len(common)))
    mix[common] = common_share / len(common)
    return mix


def accuracy_report(class_accuracy, mixes):
    """Accuracy under each named class mix, plus the balanced accuracy: ``{name: accuracy}``."""
    check.mapping(mixes, "mixes")
    report = {name: accuracy_under_mix(mix, class_accuracy) for name, mix in mixes.items()}
    report["balanced"] = balanced_accuracy(class_accuracy)
    return report


def two_customers(mix_a, mix_b, n_train=300, n_from_b=(0, 10, 20, 40), seeds=(0, 1, 2)):
    """Train on customer A's stream, add a few of customer B's images, measure per-class accuracy.

    For each seed, ``n_train`` images are drawn from the digits' training split with
    A's class mix, then the first ``k`` images of a stream drawn with B's mix are
    added, for each ``k`` in ``n_from_b``. Returns an array (len(n_from_b) × 10) of
    per-class accuracy on the balanced test split, averaged over the seeds.
    """
    n_train = check.whole_number(n_train, "n_train", minimum=10)
    n_train = check.size(n_train, "n_train", minimum=10)
    ks = [check.size(k, "each n_from_b") for k in check.iterable(n_from_b, "n_from_b")]
    seeds = check.seeds(seeds)
    if not ks or not seeds:
        raise ValueError("n_from_b and seeds must each hold at least one value")
    X_pool, X_test, y_pool, y_test = digits.train_test_split(seed=0)
    out = np.zeros((len(ks), digits.N_CLASSES))
    for seed in seeds:
        rng = as_rng(seed=seed)
        Xa, ya = digits.sample_with_mix(X_pool, y_pool, mix_a, n_train, rng=rng)
        Xb, yb = digits.sample_with_mix(X_pool, y_pool, mix_b, max(max(ks), 1), rng=rng)
        for row, k in enumerate(ks):
            model = digits.fit_classifier(np.vstack([Xa, Xb[:k]]), np.concatenate([ya, yb[:k]]))
            out[row] += np.nan_to_num(digits.per_class_recall(y_test, model.predict(X_test)))
    return out / len(seeds)


# ---------------------------------------------------------------- which example teaches the most

NOVELTY_LEVELS = {"near-duplicate": 0.0, "a bit different": 0.25, "ordinary variation": 0.5,
                  "quite different": 0.75, "far outlier": 1.0}
UNREALISTIC = ("random noise", "scribble")
KINDS = ("exact duplicate", *NOVELTY_LEVELS, *UNREALISTIC)


def _per_class(y, per_class, seed, pick):
    """Concatenate ``pick(idx, rng)`` (``per_class`` indices) over every class's indices ``idx``."""
    y = check.labels(y, "y")
    per_class = check.whole_number(per_class, "per_class", minimum=1)
    rng = as_rng(seed=check_seed(seed))
    chosen = []
    for label in np.unique(y):
        idx = np.flatnonzero(y == label)
        if idx.size < per_class:
            raise ValueError(f"class {label} has only {idx.size} examples; per_class must be at most that")
        chosen.extend(pick(idx, per_class, rng))
    return np.array(chosen, dtype=np.int64)


def narrow_training_set(X, y, per_class=5, seed=0):
    """Indices of a narrow training set: for each class, one random example and its nearest look-alikes.

    Like a set where "all cats are Siamese": ``per_class`` images per digit, all
    written in much the same style (the anchor and its ``per_class − 1`` nearest
    neighbours of the same digit, in pixel distance).
    """
    X, y = check.samples(X, y)

    def look_alikes(idx, k, rng):
        anchor = X[rng.choice(idx)]
        return idx[np.argsort(((X[idx] - anchor) ** 2).sum(1), kind="stable")[:k]]
    return _per_class(y, per_class, seed, look_alikes)


def random_training_set(y, per_class=5, seed=0):
    """Indices of ``per_class`` randomly chosen examples of every class: a varied set to compare with."""
    return _per_class(y, per_class, seed, lambda idx, k, rng: rng.choice(idx, size=k, replace=False))


def noise_images(n, rng=None, seed=None):
    """``n`` images of pure random noise (each pixel uniform in [0, 1])."""
    n = check.size(n, "n")
    return as_rng(rng, seed).random((n, 64))


def scribble_images(n, steps=12, rng=None, seed=None):
    """``n`` scribbles: a random walk of ``steps`` moves drawn in white on a black 8×8 image."""
    n = check.size(n, "n", maximum=check.MAX_STEPS, why=check.WHY_STEPS)
    steps = check.steps(steps, "steps", maximum=1000)
    rng = as_rng(rng, seed)
    images = np.zeros((n, 8, 8))
    for img in images:
        r, c = rng.integers(0, 8, size=2)
        for dr, dc in rng.integers(-1, 2, size=(steps, 2)):
            img[r, c] = 1.0
            r, c = np.clip(r + dr, 0, 7), np.clip(c + dc, 0, 7)
    return images.reshape(n, 64)


def distinct(X, y):
    """Drop repeated images (keeping the first of each): a set holds an example once."""
    X, y = check.samples(X, y)
    _, first = np.unique(X, axis=0, return_index=True)
    keep = np.sort(first)
    return X[keep], y[keep]


def fitted_accuracy(X_train, y_train, X_test, y_test):
    """Accuracy on the test set of a classifier fitted on the distinct training images."""
    X_train, y_train = check.samples(X_train, y_train, "X_train", "y_train")
    X_test, y_test = check.samples(X_test, y_test, "X_test", "y_test")
    if X_test.shape[1] != X_train.shape[1]:
        raise ValueError(f"X_test has {X_test.shape[1]} features but X_train has {X_train.shape[1]}")
    model = digits.fit_classifier(*distinct(X_train, y_train))
    return float(np.mean(model.predict(X_test) == np.asarray(y_test)))


def candidate_batches(X_pool, y_pool, held, rng=None, seed=None):
    """One candidate per digit of every kind in :data:`KINDS`: ``{kind: (X_batch, y_batch)}``.

    Realistic candidates are pool images not yet held, picked at a novelty
    quantile within their digit (0 = the nearest to the held set, 1 = the
    farthest); an exact duplicate is a copy of a held image; noise and scribbles
    get the labels 0–9.
    """
    from .coverage import novelty
    X_pool, y_pool = check.samples(X_pool, y_pool, "X_pool", "y_pool")
    held = check.labels(held, "held (positions in the pool)", len(y_pool))
    rng = as_rng(rng, seed)
    labels = np.unique(y_pool)
    rest = np.setdiff1d(np.arange(len(y_pool)), held)
    scores = novelty(X_pool[rest], X_pool[held])
    batches = {"exact duplicate": [held[y_pool[held] == d][0] for d in labels]}
    for kind, q in NOVELTY_LEVELS.items():
        picks = []
        for d in labels:
            mine = rest[y_pool[rest] == d]
            order = np.argsort(scores[y_pool[rest] == d], kind="stable")
            picks.append(mine[order[int(round(q * (order.size - 1)))]])
        batches[kind] = picks
    out = {kind: (X_pool[idx], y_pool[idx]) for kind, idx in batches.items()}
    out["random noise"] = (noise_images(labels.size, rng=rng), labels)
    out["scribble"] = (scribble_images(labels.size, rng=rng), labels)
    return out


def example_value_trial(data, pca, seed=0, per_class=5):
    """One run of the experiment: novelty and accuracy gain of each kind of candidate batch.

    ``data`` is ``(X_pool, X_test, y_pool, y_test)`` and ``pca`` a projection
    fitted on the unlabelled pool (:func:`flywheel_lab.coverage.fit_pca`). Returns
    rows ``(kind, pixel_novelty, feature_novelty, gain)``: mean novelty of the
    batch's images against the held set, in raw pixels and in PCA features, and
    the change in test accuracy (a fraction) from adding the batch.
    """
    from .coverage import Projection, novelty
    if not isinstance(data, (tuple, list)) or len(data) != 4:
        raise ValueError("data must be (X_pool, X_test, y_pool, y_test), as digits.train_test_split returns")
    X_pool, y_pool = check.samples(data[0], data[2], "X_pool", "y_pool")
    X_test, y_test = check.samples(data[1], data[3], "X_test", "y_test")
    check.instance(pca, "pca", Projection, "coverage.fit_pca")
    seed = check_seed(seed)
    held = narrow_training_set(X_pool, y_pool, per_class, seed=seed)
    Xh, yh = X_pool[held], y_pool[held]
    base = fitted_accuracy(Xh, yh, X_test, y_test)
    rows = []
    for kind, (Xb, yb) in candidate_batches(X_pool, y_pool, held, seed=seed + 1000).items():
        gain = fitted_accuracy(np.vstack([Xh, Xb]), np.concatenate([yh, yb]), X_test, y_test) - base
        rows.append((kind, float(novelty(Xb, Xh).mean()),
                     float(novelty(pca.transform(Xb), pca.transform(Xh)).mean()), gain))
    return rows


def example_value_experiment(seeds=range(6), per_class=5, n_components=10):
    """Run :func:`example_value_trial` for each seed on the digits' train/test split.

    Returns a dict of arrays, one entry per (seed, kind): ``kind``, ``seed``,
    ``pixel_novelty``, ``feature_novelty`` and ``gain`` (test accuracy change, 0–1).
    """
    seeds = check.seeds(seeds)
    if not seeds:
        raise ValueError("seeds is empty: give at least one seed")
    from threadpoolctl import threadpool_limits

    from .coverage import fit_pca
    data = digits.train_test_split(seed=0)
    with threadpool_limits(1):
        pca = fit_pca(data[0], n_components)
    rows = [(s, *row) for s in seeds for row in example_value_trial(data, pca, s, per_class)]
    names = ("seed", "kind", "pixel_novelty", "feature_novelty", "gain")
    return {name: np.array(column) for name, column in zip(names, zip(*rows))}


def summary_by_kind(result):
    """Mean novelty and mean gain of each kind: ``{kind: (pixel, feature, gain, gain_sd)}``."""
    _check_result(result)
    out = {}
    for kind in KINDS:
        m = result["kind"] == kind
        if m.any():
            out[kind] = tuple(float(v) for v in (result["pixel_novelty"][m].mean(),
                              result["feature_novelty"][m].mean(), result["gain"][m].mean(),
                              result["gain"][m].std()))
    return out


def realistic(result):
    """Mask of the result's rows that are real images (not noise or scribbles)."""
    _check_result(result)
    return ~np.isin(result["kind"], UNREALISTIC)


def _check_result(result):
    check.mapping(result, "result")
    missing = {"kind", "pixel_novelty", "feature_novelty", "gain"} - set(result)
    if missing:
        raise ValueError(f"result must be what example_value_experiment returns; it lacks {sorted(missing)}")


def ranks(values):
    """Ranks 1…n of ``values``, tied values sharing their average rank."""
    values = check.array(values, "values", ndim=1, min_len=0)
    order = np.argsort(values, kind="stable")
    r = np.empty(values.size)
    r[order] = np.arange(1, values.size + 1)
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=r)
    return sums[inverse] / counts[inverse]


def rank_correlation(x, y):
    """Spearman's rank correlation of ``x`` and ``y``: +1 when bigger x always means bigger y."""
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    if x.size != y.size or x.size < 2:
        raise ValueError(f"rank_correlation needs two lists of the same length (at least 2), "
                         f"got {x.size} and {y.size}")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("rank_correlation needs finite numbers")
    rx, ry = ranks(x), ranks(y)
    if rx.std() == 0 or ry.std() == 0:
        raise ValueError("rank_correlation is undefined when every value of a list is the same")
    return float(np.corrcoef(rx, ry)[0, 1])
