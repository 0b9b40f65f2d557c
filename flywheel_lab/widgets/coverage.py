"""Widget for notebook 08: watch the coverage map fill in as a strategy buys labels."""

import ipywidgets as W

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


def coverage_map(strategy="kcenter", labels=60, seed=0, ax=None):
    """Draw the coverage map after ``strategy`` bought ``labels`` labels (20 random first).

    The colour scale is fixed (0 to the largest hole left by the first random labels), so
    maps stay comparable as the sliders move.
    """
    from .. import coverage
    from ..digits import blas_controller
    from ..plots.coverage import plot_coverage_map
    data = _pool()
    with blas_controller().limit(limits=1):     # small matrices: threaded BLAS only waits
        *_, (labeled, _) = coverage.acquire(strategy, data["X"], data["y"], [labels], seed=seed, batch=10)
        dist = coverage.novelty(data["X"], data["X"][labeled])
    title = f"{strategy}: {labels} labels" if labels > coverage.DEFAULT_INITIAL else \
        f"{labels} random labels: where every strategy starts"
    plot_coverage_map(data["map"], dist, labeled, ax=ax, vmax=data["vmax"], title=title)
    return dist


def coverage_map_explorer(strategy="kcenter", labels=60, seed=0):
    """Strategy, number of labels and seed → the coverage map and its largest hole."""
    from .. import coverage
    controls = {
        "strategy": W.Dropdown(options=list(coverage.STRATEGIES), value=strategy, description="strategy"),
        "labels": slider(labels, coverage.DEFAULT_INITIAL, 200, 10, "labels bought", continuous=False),
        "seed": slider(seed, 0, 9, 1, "seed", continuous=False),
    }

    def render(strategy, labels, seed):
        fig, ax = new_figure(figsize=(7.5, 5.0))
        dist = coverage_map(strategy, int(labels), int(seed), ax=ax)
        return fig, f"largest hole: {dist.max():.2f}   mean distance: {dist.mean():.2f} (pixel units)"

    return Live(controls, render)
