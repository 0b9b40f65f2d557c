"""Cheaper information: the cost funnel from collection to training.

Every sample a product sees can travel through six stages, each with a price per
sample: **collect → inference → communicate → store → label → train**. A *filter*
uses what we already know (the model and the coverage map) to stop a sample
before it costs more, and it stops it at the stage where the chapter places it:

``drop_corrupted``        collect: throw away blank or pure-noise frames on the device
``send_anomalies``        communicate: send only samples far from anything we hold
``store_low_confidence``  store: keep only samples the model is unsure of, and anomalies
``label_informative``     label: buy labels only for the most informative stored samples
``pre_label``             label: the model proposes a label, a person only approves it
``deduplicate``           train: drop near-copies of samples already in the training set

*New information* is measured as in the four-pixel world of the chapter: the
whole digit distribution is cut into ``N_CELLS`` cells (k-means on every digit
image), the world then holds ``log2(N_CELLS)`` bits, and each cell that the
training set covers for the first time adds ``log2(N_CELLS) / N_CELLS`` bits —
just as each new one of 16 categories adds ¼ bit. A duplicate, a corrupted frame
or a second sample from an already covered cell adds 0 bits.

Prices are illustrative (US dollars per sample, chosen so that labelling by a
person dominates, as it does in practice); pass your own ``costs`` to change them.
"""

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import _validate as check
from . import coverage, digits
from .seeding import as_rng, check_seed

STAGES = ("collect", "inference", "communicate", "store", "label", "train")
COSTS = {"collect": 0.001, "inference": 0.002, "communicate": 0.01, "store": 0.005,
         "label": 0.50, "train": 0.01}
APPROVE_COST = 0.10        # approving a correct pre-label takes a person a fifth of the time
FILTERS = ("drop_corrupted", "send_anomalies", "store_low_confidence", "label_informative",
           "pre_label", "deduplicate")
FILTER_STAGE = dict(zip(FILTERS, ("collect", "communicate", "store", "label", "label", "train")))
KINDS = ("clean", "duplicate", "noise", "blank")
N_CELLS = 64
RARE_DIGITS = (3, 8)


# ---------------------------------------------------------------- the world and its stream

@dataclass(frozen=True)
class World:
    """Digits split into a pool the product sees and a test set that stands for the whole world."""

    X_pool: np.ndarray
    y_pool: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    cells: np.ndarray = field(repr=False)   # N_CELLS centres cutting the digit space


def world(seed=0):
    """The digits split 70 / 30 (stratified) plus the coverage cells (cached per seed).

    The arrays are read-only: the same World is shared by every caller with this seed.
    """
    return _world(check_seed(seed))


@lru_cache(maxsize=4)
def _world(seed):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits
    X_pool, X_test, y_pool, y_test = digits.train_test_split(0.3, seed=seed)
    with threadpool_limits(1):
        km = KMeans(N_CELLS, n_init=1, random_state=seed).fit(digits.load()[0])
    arrays = (X_pool, y_pool, X_test, y_test, km.cluster_centers_)
    for a in arrays:
        a.setflags(write=False)          # a remembered world must not be changed by its users
    return World(*arrays)


def _check_world(w):
    return world() if w is None else check.instance(w, "w", World, "funnel.world")


def _check_model(model):
    """A fitted classifier (with ``predict``) or a single digit (a constant guess)."""
    if isinstance(model, (int, np.integer)) and not isinstance(model, bool):
        return check.whole_number(model, "model (a constant guess)", 0, digits.N_CLASSES - 1)
    if not hasattr(model, "predict"):
        raise ValueError(f"model must be a fitted classifier (funnel.fit) or a single digit, got {model!r}")
    return model


@dataclass(frozen=True)
class Stream:
    """Samples arriving from production: images, true digits and what kind each one is."""

    X: np.ndarray
    y: np.ndarray
    kind: np.ndarray

    @property
    def corrupted(self):
        """True for frames that carry no digit (blank or pure noise)."""
        return np.isin(self.kind, ("noise", "blank"))

    def counts(self):
        """How many samples of each kind the stream holds."""
        return {k: int(np.sum(self.kind == k)) for k in KINDS}


def default_mix(rare=RARE_DIGITS, rare_weight=0.1):
    """Class weights: every digit weight 1, the ``rare`` digits ``rare_weight``."""
    rare_weight = check.number_in(rare_weight, "rare_weight", 0, 1)
    rare = check.categories(check.iterable(rare, "rare", empty=True), "rare", digits.N_CLASSES)
    mix = np.ones(digits.N_CLASSES)
    mix[list(rare)] = rare_weight
    return check.normalise(mix, "mix")


def make_stream(n=1000, mix=None, duplicate_rate=0.25, corrupt_rate=0.1, seed=0, rng=None, pool=None):
    """A seeded production stream of real digits with duplicates, corrupted frames and rare classes.

    ``n`` samples follow ``mix`` (default :func:`default_mix`: digits 3 and 8 rare);
    a ``duplicate_rate`` share are exact copies of an earlier sample (a camera seeing
    the same scene twice); a ``corrupt_rate`` share are broken frames, half blank and
    half pure noise. ``pool`` is ``(X, y)`` to draw from (default: the world's pool).
    """
    n = check.size(n, "n", minimum=1, maximum=100_000)
    seed = check_seed(seed) if rng is None else seed
    if pool is not None:
        if not isinstance(pool, (tuple, list)) or len(pool) != 2:
            raise ValueError("pool must be (X, y): images and their digits")
        pool = check.samples(*pool, "pool X", "pool y", n_classes=digits.N_CLASSES)
    duplicate_rate = check.number_in(duplicate_rate, "duplicate_rate", 0, 1, high_open=True)
    corrupt_rate = check.number_in(corrupt_rate, "corrupt_rate", 0, 1)
    rng = as_rng(rng, seed)
    X_pool, y_pool = pool if pool is not None else (world().X_pool, world().y_pool)
    X, y = digits.sample_with_mix(X_pool, y_pool, default_mix() if mix is None else mix, n, rng=rng)
    kind = np.full(n, "clean", dtype=object)
    for i in np.flatnonzero(rng.random(n) < duplicate_rate):
        if i > 0:
            j = rng.integers(i)
            X[i], y[i], kind[i] = X[j], y[j], "duplicate"
    broken = np.flatnonzero(rng.random(n) < corrupt_rate)
    blank = rng.random(broken.size) < 0.5
    X[broken[blank]] = 0.0
    X[broken[~blank]] = rng.random((int((~blank).sum()), X.shape[1]))
    kind[broken] = np.where(blank, "blank", "noise")
    return Stream(X, y, kind.astype(str))


def looks_corrupted(X, border=0.35, ink=0.02):
    """A cheap on-device check: True for blank frames or frames with noise at the border.

    Real digits leave the image's edge almost empty (their mean edge ink is below
    0.31 for all 1 797 digits); uniform noise fills it (about 0.5).
    """
    X = check.matrix(X, "X", min_rows=0, columns=64)
    border = check.number_in(border, "border", 0, 1)
    ink = check.number_in(ink, "ink", 0, 1)
    X = np.asarray(X, dtype=float).reshape(len(X), *digits.IMAGE_SHAPE)
    edge = np.ones(digits.IMAGE_SHAPE, dtype=bool)
    edge[1:-1, 1:-1] = False
    return (X.mean(axis=(1, 2)) < ink) | (X[:, edge].mean(axis=1) > border)


def start_set(per_class=10, skip=RARE_DIGITS, seed=0):
    """The labelled set the product launches with: ``per_class`` pool images of each common digit."""
    per_class = check.whole_number(per_class, "per_class", minimum=1, maximum=100)
    skip = check.categories(check.iterable(skip, "skip", empty=True), "skip", digits.N_CLASSES)
    w, rng = world(), as_rng(seed=check_seed(seed))
    idx = [rng.choice(np.flatnonzero(w.y_pool == d), per_class, replace=False)
           for d in range(digits.N_CLASSES) if d not in skip]
    idx = np.concatenate(idx)
    return w.X_pool[idx], w.y_pool[idx]


# ---------------------------------------------------------------- information and accuracy

def bits_per_cell(n_cells=N_CELLS):
    """Bits one newly covered cell adds: ``log2(n_cells) / n_cells`` (¼ bit for 16 cells)."""
    n_cells = check.whole_number(n_cells, "n_cells", minimum=2)
    return math.log2(n_cells) / n_cells


def cells_of(X, w=None):
    """The coverage cell (0 … N_CELLS − 1) of each sample: its nearest cell centre."""
    w = _check_world(w)
    X = check.matrix(X, "X", min_rows=0, columns=w.cells.shape[1])
    return coverage.nearest(X, w.cells)[0] if len(X) else np.zeros(0, dtype=np.int64)


def new_bits(X_held, X_new, w=None):
    """Bits of new coverage that ``X_new`` adds to a training set holding ``X_held``."""
    w = _check_world(w)
    fresh = set(cells_of(X_new, w).tolist()) - set(cells_of(X_held, w).tolist())
    return len(fresh) * bits_per_cell(N_CELLS)


def per_digit_recall(model, w=None):
    """Share of each digit's test images that ``model`` gets right (ten numbers)."""
    w = _check_world(w)
    model = _check_model(model)
    return digits.per_class_recall(w.y_test, predict(model, w.X_test))


def real_accuracy(model, w=None):
    """Balanced accuracy on the whole test set: the mean of the ten per-digit recalls."""
    return float(np.mean(per_digit_recall(model, w)))


def predict(model, X):
    """Model predictions; ``model`` may be a single digit (a constant guess before two classes exist)."""
    model = _check_model(model)
    X = check.matrix(X, "X", min_rows=0, columns=getattr(model, "n_features_in_", None))
    if isinstance(model, (int, np.integer)) or len(X) == 0:
        return np.full(len(X), int(model) if isinstance(model, (int, np.integer)) else -1)
    return model.predict(X)


def fit(X, y):
    """A classifier for ``(X, y)``, or the single digit seen when only one class is labelled."""
    X, y = check.samples(X, y, min_rows=0, n_classes=digits.N_CLASSES)
    classes = np.unique(y)
    if classes.size == 0:
        raise ValueError("no labelled samples yet: label at least one before fitting")
    return int(classes[0]) if classes.size == 1 else digits.fit_classifier(X, y)


# ---------------------------------------------------------------- costs

def stage_costs(counts, costs=None):
    """Money spent at each stage: samples that reached it × its price per sample."""
    costs = check_costs(costs)
    check.mapping(counts, "counts", STAGES)
    for stage in STAGES:
        check.whole_number(counts.get(stage, 0), f"count of samples at {stage!r}")
    return {stage: counts.get(stage, 0) * costs[stage] for stage in STAGES}


def check_costs(costs=None):
    """Prices per stage (the defaults, updated by ``costs``); each must be ≥ 0."""
    merged = dict(COSTS)
    for stage, price in ({} if costs is None else check.mapping(costs, "costs")).items():
        check.one_of(stage, "cost stage", STAGES)
        merged[stage] = check.number_in(price, f"cost of {stage!r}", 0, math.inf)
    return merged


def label_cost(n_labels, n_correct_prelabels=0, pre_label=False, costs=None, approve=APPROVE_COST):
    """Cost of labelling ``n_labels`` samples; with ``pre_label`` correct proposals cost ``approve``."""
    n_labels = check.whole_number(n_labels, "n_labels")
    pre_label = check.flag(pre_label, "pre_label")
    n_ok = check.whole_number(n_correct_prelabels, "n_correct_prelabels", 0, n_labels) if pre_label else 0
    price = check_costs(costs)["label"]
    return n_ok * check.number_in(approve, "approve", 0, price) + (n_labels - n_ok) * price


# ---------------------------------------------------------------- the funnel

@dataclass(frozen=True)
class Settings:
    """Thresholds of the filters (the notebook's sliders)."""

    anomaly: float = 1.6          # novelty (pixel distance to the nearest held image) that counts as an anomaly
    confidence: float = 0.7       # store samples whose top probability is below this
    label_fraction: float = 0.3   # share of stored samples worth a label
    duplicate: float = 0.3        # a training image closer than this to a kept one is redundant
    strategy: str = "kcenter"     # how label_informative ranks samples (a coverage strategy)

    def __post_init__(self):
        self.checked()

    def checked(self):
        """The same settings after checking every value (ValueError if one is out of range)."""
        check.number_in(self.anomaly, "anomaly", 0, math.inf)
        check.number_in(self.confidence, "confidence", 0, 1)
        check.number_in(self.label_fraction, "label_fraction", 0, 1)
        check.number_in(self.duplicate, "duplicate", 0, math.inf)
        check.one_of(self.strategy, "strategy", coverage.STRATEGIES)
        return self


@dataclass(frozen=True)
class Result:
    """What one pass of a stream through the funnel cost and bought."""

    filters: tuple
    counts: dict          # samples that reached (and paid for) each stage
    costs: dict           # money spent at each stage
    labels: int           # labels bought (including corrupted frames a person had to reject)
    accuracy: float       # real (balanced) accuracy after retraining
    bits: float           # bits of new coverage the training set gained
    label_kinds: dict = field(default_factory=dict)   # kinds of the images that were labelled
    digits_added: np.ndarray = field(default_factory=lambda: np.zeros(digits.N_CLASSES, np.int64))
    digits_distinct: np.ndarray = field(default_factory=lambda: np.zeros(digits.N_CLASSES, np.int64))
    recall: np.ndarray = field(default_factory=lambda: np.zeros(digits.N_CLASSES))  # per digit, after

    @property
    def total(self):
        """Total money spent."""
        return float(sum(self.costs.values()))

    @property
    def cost_per_bit(self):
        """Money per bit of new information (inf when nothing new was learned)."""
        return self.total / self.bits if self.bits > 0 else math.inf

    @property
    def broken_labelled(self):
        """Broken frames (blank or noise) that reached a labeller, who was paid and threw them out."""
        return int(self.label_kinds.get("noise", 0) + self.label_kinds.get("blank", 0))

    @property
    def copies_removed(self):
        """Labelled images the de-duplication filter kept out of training (near-copies)."""
        return max(0, int(self.labels) - self.broken_labelled - int(np.sum(self.digits_added)))


def check_filters(filters):
    """``filters`` as a tuple in funnel order; an unknown name lists the valid ones."""
    filters = (filters,) if isinstance(filters, str) else check.iterable(filters, "filters", empty=True)
    for f in filters:
        check.one_of(f, "filter", FILTERS)
    return tuple(f for f in FILTERS if f in filters)


def choose(strategy, X_candidates, X_held, n, model=None, rng=None, seed=0):
    """Positions of ``n`` candidates to label, picked by ``strategy`` given what is already held.

    ``strategy`` is one of :data:`flywheel_lab.coverage.STRATEGIES`; strategies that
    need a model use ``model.predict_proba`` (without a model, they fall back to k-center).
    """
    check.one_of(strategy, "strategy", coverage.STRATEGIES)
    X_candidates = check.matrix(X_candidates, "X_candidates", min_rows=0)
    X_held = check.matrix(X_held, "X_held", min_rows=0, columns=X_candidates.shape[1])
    if model is not None:
        model = _check_model(model)
        if getattr(model, "n_features_in_", X_candidates.shape[1]) != X_candidates.shape[1]:
            raise ValueError(f"model was fitted on {model.n_features_in_} features but X_candidates has "
                             f"{X_candidates.shape[1]}")
    seed = check_seed(seed) if rng is None else seed
    if len(X_candidates) == 0:
        raise ValueError("the pool of candidates is empty: there is nothing to choose from")
    n = check.whole_number(n, "n (labels to buy)", minimum=0)
    n = min(n, len(X_candidates))
    usable = hasattr(model, "predict_proba") and len(getattr(model, "classes_", ())) == digits.N_CLASSES
    if strategy in coverage.NEEDS_MODEL and not usable:
        strategy = "kcenter"
    pool = np.concatenate([X_held, X_candidates]) if len(X_held) else np.asarray(X_candidates)
    proba = model.predict_proba(pool) if strategy in coverage.NEEDS_MODEL else None
    picks = coverage.select(strategy, pool, np.arange(len(X_held)), n, proba=proba, rng=as_rng(rng, seed))
    return np.sort(picks - len(X_held))


def distinct(X_new, X_held, radius):
    """Mask of ``X_new`` rows kept when each must be farther than ``radius`` from all kept images."""
    X_new = check.matrix(X_new, "X_new", min_rows=0)
    X_held = check.matrix(X_held, "X_held", min_rows=0, columns=X_new.shape[1])
    radius = check.number_in(radius, "radius", 0, math.inf)
    near_held = coverage.novelty(X_new, X_held) <= radius if len(X_held) else np.zeros(len(X_new), bool)
    close = coverage.squared_distances(X_new, X_new) <= radius ** 2
    keep = np.zeros(len(X_new), dtype=bool)
    for i in np.flatnonzero(~near_held):
        keep[i] = not close[i, keep].any()
    return keep


def run(stream, filters=(), settings=None, start=None, costs=None, seed=0):
    """Send ``stream`` through the funnel with ``filters`` on and return a :class:`Result`.

    ``start`` is the labelled set ``(X, y)`` the product already has (default
    :func:`start_set`); its model scores the stream, and the model retrained on the
    start set plus the new labels is tested on the whole distribution.
    """
    check.instance(stream, "stream", Stream, "funnel.make_stream")
    filters = check_filters(filters)
    s = (Settings() if settings is None else check.instance(settings, "settings", Settings, "funnel.Settings")).checked()
    check_costs(costs)
    seed = check_seed(seed)
    if start is not None:
        if not isinstance(start, (tuple, list)) or len(start) != 2:
            raise ValueError("start must be (X, y), the labelled set the product launches with (funnel.start_set)")
        start = check.samples(*start, "start X", "start y", n_classes=digits.N_CLASSES)
    if len(stream.X) == 0:
        raise ValueError("the stream is empty: give at least one sample")
    X_held, y_held = start if start is not None else start_set()
    model = fit(X_held, y_held)
    idx, counts = _before_labelling(stream, filters, s, model, X_held, seed)
    kinds = {k: int(np.sum(stream.kind[idx] == k)) for k in KINDS}
    right = int(np.sum((predict(model, stream.X[idx]) == stream.y[idx]) & ~stream.corrupted[idx]))
    idx = idx[~stream.corrupted[idx]]          # a person rejects frames with no digit
    if "deduplicate" in filters:
        idx = idx[distinct(stream.X[idx], X_held, s.duplicate)]
    X_new, y_new = stream.X[idx], stream.y[idx]
    counts["train"] = len(X_held) + len(X_new)
    spent = stage_costs(counts, costs)
    spent["label"] = label_cost(counts["label"], right, "pre_label" in filters, costs)
    final = fit(np.concatenate([X_held, X_new]), np.concatenate([y_held, y_new]))
    recall = per_digit_recall(final)
    return Result(filters, counts, spent, counts["label"], float(np.mean(recall)), new_bits(X_held, X_new),
                  kinds, np.bincount(y_new, minlength=digits.N_CLASSES), _distinct_per_digit(X_new, y_new), recall)


def _distinct_per_digit(X, y):
    """How many different images (copies counted once) of each digit ``(X, y)`` holds."""
    return np.array([len(np.unique(X[y == d], axis=0)) for d in range(digits.N_CLASSES)], dtype=np.int64)


def _before_labelling(stream, filters, s, model, X_held, seed):
    """Stream positions that reach a labeller, and how many samples reached each stage."""
    counts = {"collect": len(stream.X)}
    idx = np.arange(len(stream.X))
    if "drop_corrupted" in filters:
        idx = idx[~looks_corrupted(stream.X[idx])]
    counts["inference"] = idx.size
    anomalous = coverage.novelty(stream.X[idx], X_held) >= s.anomaly if idx.size else np.zeros(0, bool)
    if "send_anomalies" in filters:
        idx, anomalous = idx[anomalous], anomalous[anomalous]
    counts["communicate"] = idx.size
    if "store_low_confidence" in filters and idx.size:
        unsure = model.predict_proba(stream.X[idx]).max(axis=1) < s.confidence
        idx = idx[unsure | anomalous]
    counts["store"] = idx.size
    if "label_informative" in filters and idx.size:
        n = math.ceil(s.label_fraction * idx.size)
        idx = idx[choose(s.strategy, stream.X[idx], X_held, n, model, seed=seed)]
    counts["label"] = idx.size
    return idx, counts


def configurations():
    """The comparison of notebook 09: no filter, each filter alone, and all filters together."""
    return [("no filter", ())] + [(f, (f,)) for f in FILTERS] + [("all filters", FILTERS)]


def compare(stream, settings=None, start=None, costs=None, seed=0):
    """Run the funnel for every configuration: a list of ``(name, Result)``."""
    return [(name, run(stream, f, settings, start, costs, seed)) for name, f in configurations()]


def digit_table(results, which=RARE_DIGITS):
    """Per configuration: new training images of each digit in ``which`` and its recall afterwards.

    Each digit gets two columns: images added to the training set, with the number
    of *different* images in brackets (copies counted once), and the digit's recall
    after retraining. A fixed-width text table of ``compare`` results (rounded, so
    it prints the same everywhere).
    """
    results = _check_results(results)
    which = [check.whole_number(d, "digit", 0, digits.N_CLASSES - 1) for d in check.iterable(which, "which")]
    head = "".join(f"{f'{d}s added':>13}{f'recall {d}':>10}" for d in which)
    lines = [f"{'configuration':<21}{head}"]
    for name, r in results:
        cells = "".join(f"{f'{r.digits_added[d]} ({r.digits_distinct[d]})':>13}{r.recall[d]:>10.3f}"
                        for d in which)
        lines.append(f"{name:<21}{cells}")
    return "\n".join(lines)


def _check_results(results):
    """``results`` as a non-empty list of ``(name, Result)`` pairs, as :func:`compare` returns."""
    results = check.iterable(results, "results")
    if not all(isinstance(r, (tuple, list)) and len(r) == 2 and isinstance(r[1], Result) for r in results):
        raise ValueError("results must be a list of (name, Result) pairs, as funnel.compare returns")
    return results


def table(results):
    """A fixed-width text table of ``compare`` results (rounded, so it prints the same everywhere)."""
    results = _check_results(results)
    lines = [f"{'configuration':<21}{'cost $':>9}{'labels':>8}{'accuracy':>10}{'new bits':>10}{'$ per bit':>11}"]
    for name, r in results:
        per_bit = "never" if math.isinf(r.cost_per_bit) else f"{r.cost_per_bit:.1f}"
        lines.append(f"{name:<21}{r.total:>9.2f}{r.labels:>8d}{r.accuracy:>10.3f}{r.bits:>10.3f}{per_bit:>11}")
    return "\n".join(lines)
