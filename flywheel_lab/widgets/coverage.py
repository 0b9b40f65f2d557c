"""Widget for notebook 08: watch the coverage map fill in as a strategy buys labels."""

import ipywidgets as W
import numpy as np

from . import Live, new_figure, slider

__all__ = ["coverage_map_explorer"]

_CACHE = {}


def _pool():
    """The digits pool, its 2-D PCA map (computed once per session)."""
    if not _CACHE:
        from .. import coverage, digits
        X_pool, _, y_pool, _ = digits.train_test_split(0.3, seed=0)
        *_, (start, _) = coverage.acquire("random", X_pool, y_pool, [coverage.DEFAULT_INITIAL], seed=0)
        _CACHE.update(X=X_pool, y=y_pool, map=coverage.pca_features(X_pool, 2),
                      vmax=float(coverage.novelty(X_pool, X_pool[start]).max()))
    return _CACHE


def _bought(strategy, labels, seed):
    """``(labelled positions, each pool image's distance to its nearest label)`` after the run."""
    from .. import coverage
    from ..digits import blas_controller
    data = _pool()
    with blas_controller().limit(limits=1):     # small matrices: threaded BLAS only waits
        *_, (labeled, _) = coverage.acquire(strategy, data["X"], data["y"], [labels], seed=seed, batch=10)
        return labeled, coverage.novelty(data["X"], data["X"][labeled])


def _who(strategy, labels):
    """Who bought the labels, in words."""
    from ..coverage import DEFAULT_INITIAL
    if labels > DEFAULT_INITIAL:
        return f"{strategy}: {labels} labels"
    return f"{labels} random labels: where every strategy starts"


def _kept_map():
    """A function ``draw(strategy, labels, labeled, dist)`` that redraws the coverage map on one
    Figure kept between updates.

    The pool's dots, their colour bar and the axes never move: an update recolours the dots,
    moves the crosses, names the run in the legend and says the new distances in the text
    alternative, so the title stays and the figure is not built again (see
    :class:`flywheel_lab.widgets.Backdrop`). The colour scale is fixed (0 to the largest hole
    left by the first random labels), so maps stay comparable as the sliders move.
    """
    from ..coverage import DEFAULT_INITIAL
    from ..plots import describe, style_context
    from ..plots.coverage import coverage_map_text, plot_coverage_map
    data = _pool()
    with style_context():
        fig, ax = new_figure(figsize=(7.5, 5.0))
        plot_coverage_map(data["map"], np.zeros(len(data["map"])), [0], ax=ax, vmax=data["vmax"],
                          title="Distance from each image to its nearest label")
    dots, crosses = ax.collections[:2]

    def draw(strategy, labels, labeled, dist):
        dots.set_array(dist)
        crosses.set_offsets(data["map"][labeled])
        who = _who(strategy, labels)
        crosses.set_label(who)
        ax.legend(frameon=False, loc="upper right")   # above the dots: see plot_coverage_map
        bought = (f"the {labels} labels {strategy} bought" if labels > DEFAULT_INITIAL
                  else f"the {labels} random labels every strategy starts from")
        describe(ax, coverage_map_text(data["map"], dist, bought))   # a median and an argmax: cheap
        return fig
    return draw


def coverage_map_explorer(strategy="kcenter", labels=60, seed=0):
    """Strategy, number of labels and seed → the coverage map and its largest hole."""
    from .. import coverage
    controls = {
        "strategy": W.Dropdown(options=list(coverage.STRATEGIES), value=strategy, description="strategy"),
        "labels": slider(labels, coverage.DEFAULT_INITIAL, 200, 10, "labels bought", continuous=False),
        "seed": slider(seed, 0, 9, 1, "seed", continuous=False),
    }
    draw = _kept_map()

    def render(strategy, labels, seed):
        labeled, dist = _bought(strategy, int(labels), int(seed))
        unlabelled = dist[dist > 0]            # a labelled image is at 0 from itself (no duplicates)
        return (draw(strategy, int(labels), labeled, dist),
                f"largest hole: {dist.max():.2f}   mean distance from an unlabelled image to its "
                f"nearest label: {unlabelled.mean():.2f} (pixel units)")

    return Live(controls, render)
