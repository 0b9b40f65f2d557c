"""Answers for the exercises of notebook 08 (the feature coverage map)."""

from functools import lru_cache

import numpy as np

from .. import coverage, digits
from . import Answer

# The hand-made 2-D pool of the k-center exercise: sample 0 is labelled.
KCENTER_POOL = np.array([[0.0, 0.0], [2.0, 1.0], [0.0, 0.5], [-3.0, -3.0], [1.0, 1.0]])
MARGIN_PROBA = [0.6, 0.3, 0.1]
HOLE = {"hole_class": 3, "reveal_at": 60, "batch": 20, "seed": 0}


def duplicate_novelty():
    """Novelty of a digit image that is already in the held set."""
    X, _ = digits.load()
    return float(coverage.novelty(X[5:6], X[:50])[0])


def margin_uncertainty():
    """Margin uncertainty of a model that says 60 % / 30 % / 10 %."""
    return float(coverage.uncertainty([MARGIN_PROBA], "margin")[0])


def kcenter_pick():
    """The sample k-center buys first when only sample 0 of KCENTER_POOL is labelled."""
    return int(coverage.select("kcenter", KCENTER_POOL, [0], 1)[0])


def hole_count(strategy):
    """Samples of the late digit bought in the first batch after it appears (split seed 0)."""
    X_pool, _, y_pool, _ = digits.train_test_split(0.3, seed=0)
    return coverage.hole_first_batch(strategy, X_pool, y_pool, **HOLE)


@lru_cache(maxsize=4)
def largest_holes(labels=200, seed=0):
    """Largest hole (pixel units) each strategy leaves after ``labels`` labels, as in the widget."""
    from ..widgets.coverage import _pool
    data = _pool()
    holes = {}
    for strategy in coverage.STRATEGIES:
        *_, (labeled, _) = coverage.acquire(strategy, data["X"], data["y"], [labels], seed=seed, batch=10)
        holes[strategy] = float(coverage.novelty(data["X"], data["X"][labeled]).max())
    return holes


def smallest_hole_strategy(labels=200, seed=0):
    """The strategy whose map has the smallest largest hole after ``labels`` labels (widget settings)."""
    holes = largest_holes(labels, seed)
    return min(holes, key=holes.get)


ANSWERS = {
    "duplicate_novelty": Answer(
        duplicate_novelty,
        "novelty is a distance to the nearest held sample; how far is an image from itself?",
        decimals=2),
    "margin_uncertainty": Answer(
        margin_uncertainty,
        "margin uncertainty is 1 − (top probability − second probability): the two largest "
        "probabilities, not the largest and the smallest.",
        decimals=2, kind="fraction"),
    "kcenter_pick": Answer(
        kcenter_pick,
        "compute each sample's distance to the labelled sample 0; k-center takes the largest."),
    "hole_kcenter": Answer(
        lambda: hole_count("kcenter"),
        "run coverage.hole_first_batch with strategy 'kcenter', hole_class=3, reveal_at=60, batch=20, seed=0."),
    # widget task
    "smallest_hole_strategy": Answer(
        smallest_hole_strategy,
        "the largest hole is the distance from the worst-covered image to its nearest label: "
        "which strategy picks, every time, exactly the image farthest from all labels? "
        "Give the strategy's name as text, in quotes."),
}
