"""Answers for the exercises of notebook 08 (the feature coverage map)."""

from functools import lru_cache

import numpy as np

from .. import coverage, digits
from . import Answer, Slip

# The hand-made 2-D pool of the k-center exercise: sample 0 is labelled.
KCENTER_POOL = np.array([[0.0, 0.0], [2.0, 1.0], [0.0, 0.5], [-3.0, -3.0], [1.0, 1.0]])
MARGIN_PROBA = [0.6, 0.3, 0.1]
HOLE = {"hole_class": 3, "reveal_at": 60, "batch": 20, "seed": 0}

NOVELTY = "section 'Novelty: how new is a sample?'"
MAP = "section 'The coverage map'"
FILTER = "section 'The map as a data filter'"
LATE = "section 'A data hole that fills late'"


def duplicate_novelty():
    """Novelty of a digit image that is already in the held set."""
    X, _ = digits.load()
    return float(coverage.novelty(X[5:6], X[:50])[0])


def _nearest_other_image():
    """The slip: the distance to the nearest held image other than the image itself."""
    X, _ = digits.load()
    others = np.delete(np.arange(50), 5)
    return float(coverage.novelty(X[5:6], X[others])[0])


def _most_familiar_new_image():
    """Section 3's "most familiar new image": the least novel pool image beyond the 20 held."""
    X_pool, *_ = digits.train_test_split(0.3, seed=0)
    return float(coverage.novelty(X_pool[20:], X_pool[:20]).min())


def margin_uncertainty(kind="margin"):
    """Margin (or another ``kind`` of) uncertainty of a model that says 60 % / 30 % / 10 %."""
    return float(coverage.uncertainty([MARGIN_PROBA], kind)[0])


def kcenter_pick():
    """The sample k-center buys first when only sample 0 of KCENTER_POOL is labelled."""
    return int(coverage.select("kcenter", KCENTER_POOL, [0], 1)[0])


def _kcenter_distances():
    """Each sample's distance to the labelled sample 0 of KCENTER_POOL (sample 0 itself left out)."""
    d = np.linalg.norm(KCENTER_POOL - KCENTER_POOL[0], axis=1)
    d[0] = np.nan
    return d


@lru_cache(maxsize=16)
def hole_count(strategy, **changes):
    """Samples of the late digit bought in the first batch after it appears (split seed 0).

    ``changes`` replaces some of the exercise's settings (HOLE): the slips a student makes.
    """
    X_pool, _, y_pool, _ = digits.train_test_split(0.3, seed=0)
    return coverage.hole_first_batch(strategy, X_pool, y_pool, **{**HOLE, **changes})


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


#: what each strategy other than the one that chases distances looks at (the widget task's slips)
_NOT_DISTANCE = {
    "random": "random picking buys whatever the draw brings; nothing sends it to the image "
              f"worst covered by the labels ({MAP}).",
    "least_confidence": "that strategy buys the images the model is least sure about, wherever "
                        f"they lie on the map; the largest hole is a distance on the map ({FILTER}).",
    "margin": "that strategy buys the images whose two top probabilities are closest, wherever "
              f"they lie on the map; the largest hole is a distance on the map ({FILTER}).",
    "entropy": "that strategy buys the images whose probabilities are most spread out, wherever "
               f"they lie on the map; the largest hole is a distance on the map ({FILTER}).",
    "hybrid": "the hybrid first shortlists the images the model is unsure about and spreads its "
              "picks over that shortlist only; the image farthest from every label may not be on "
              f"it ({FILTER}).",
    "cluster_margin": "cluster margin buys from the neighbourhoods the model is most unsure about; "
                      f"the image farthest from every label may not be in one of them ({FILTER}).",
}


ANSWERS = {
    "duplicate_novelty": Answer(
        duplicate_novelty,
        "novelty is a distance to the nearest held sample; how far is an image from itself?",
        decimals=2,
        slips=(Slip("the nearest other image", _nearest_other_image,
                    f"that is the distance to the nearest *other* held image. The image itself is in "
                    f"the held set, and it is the nearest one ({NOVELTY})."),
               Slip("a similarity, not a distance", lambda: 1 - duplicate_novelty(),
                    f"that reads novelty as a similarity score (1 = the same). Novelty is a distance "
                    f"to the nearest held image ({NOVELTY})."),
               Slip("the most familiar new image", _most_familiar_new_image,
                    f"that is the most familiar *new* image of the section. An image already in the "
                    f"held set is not new ({NOVELTY})."))),
    "margin_uncertainty": Answer(
        margin_uncertainty,
        "margin uncertainty is 1 − (top probability − second probability): the two largest "
        "probabilities, not the largest and the smallest.",
        decimals=2, kind="fraction",
        slips=(Slip("top minus smallest", lambda: 1 - (max(MARGIN_PROBA) - min(MARGIN_PROBA)),
                    f"that takes the top probability minus the smallest. The margin is the gap "
                    f"between the two largest ({FILTER})."),
               Slip("the margin, not 1 − margin", lambda: 1 - margin_uncertainty(),
                    f"that is the margin itself, the gap between the two largest probabilities. The "
                    f"margin uncertainty is 1 minus that gap: a small gap means an unsure model "
                    f"({FILTER})."),
               Slip("least confidence", lambda: margin_uncertainty("least_confidence"),
                    f"that is the least-confidence score, 1 − the top probability. The margin score "
                    f"uses the two largest probabilities ({FILTER})."),
               Slip("entropy", lambda: margin_uncertainty("entropy"),
                    f"that is the entropy score, in bits. The question asks for the margin score "
                    f"({FILTER})."))),
    "kcenter_pick": Answer(
        kcenter_pick,
        "compute each sample's distance to the labelled sample 0; k-center takes the largest.",
        direction=False,
        slips=(Slip("the nearest sample", lambda: int(np.nanargmin(_kcenter_distances())),
                    f"that is the sample *nearest* to sample 0. k-center buys the one farthest from "
                    f"everything labelled ({MAP})."),
               Slip("the largest coordinates", lambda: int(np.argmax(KCENTER_POOL.sum(axis=1))),
                    f"that is the sample with the largest coordinates, not the one farthest from "
                    f"sample 0: compute each sample's distance to sample 0, √(x² + y²) ({MAP})."),
               Slip("the distance, not the sample", lambda: float(np.nanmax(_kcenter_distances())),
                    f"that is a distance. The question asks for the number of the sample k-center "
                    f"buys ({MAP})."))),
    "hole_kcenter": Answer(
        lambda: hole_count("kcenter"),
        "run coverage.hole_first_batch with strategy 'kcenter', hole_class=3, reveal_at=60, batch=20, seed=0.",
        slips=(Slip("the default batch", lambda: hole_count("kcenter", batch=coverage.DEFAULT_BATCH),
                    f"that counts a batch of {coverage.DEFAULT_BATCH} labels, the function's default. "
                    f"The question asks about a batch of 20: pass batch=20 ({LATE})."),
               Slip("the 8s of the section", lambda: hole_count("kcenter", hole_class=8),
                    f"that counts the 8s, the late digit of the section. This time the 3s arrive "
                    f"late: hole_class=3 ({LATE})."),
               Slip("the mean of two seeds",
                    lambda: float(np.mean([hole_count("kcenter", seed=k) for k in (0, 1)])),
                    f"that is the mean over seeds 0 and 1, as the section prints. The question asks "
                    f"for seed 0 alone ({LATE})."),
               Slip("random picking", lambda: hole_count("random"),
                    f"that is what random picking buys. The question asks about k-center ({LATE})."))),
    # widget task
    "smallest_hole_strategy": Answer(
        smallest_hole_strategy,
        "the largest hole is the distance from the worst-covered image to its nearest label: "
        "which strategy picks, every time, exactly the image farthest from all labels? "
        "Give the strategy's name as text, in quotes.",
        slips=tuple(Slip(f"chose {name}", name, message) for name, message in _NOT_DISTANCE.items())),
}
