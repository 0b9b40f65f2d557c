"""Figures for the feature coverage map (notebook 08)."""

import numpy as np

from . import CYCLE, PALETTE, SEQUENTIAL_CMAP, axes, decorate, percent_axis

STRATEGY_COLOURS = dict(zip(
    ("random", "least_confidence", "margin", "entropy", "kcenter", "hybrid", "cluster_margin"), CYCLE))


def plot_coverage_map(points, distance, labeled_idx, ax=None, vmax=None, title=None):
    """The pool in 2-D, each sample coloured by its distance to the nearest labelled sample.

    ``points`` is (n × 2), e.g. the first two PCA features; labelled samples are
    drawn as black crosses. Dark = well covered, bright = a hole in coverage.
    """
    ax = axes(ax)
    sc = ax.scatter(points[:, 0], points[:, 1], c=distance, s=10, cmap=SEQUENTIAL_CMAP,
                    vmin=0, vmax=vmax)
    lab = np.asarray(labeled_idx, dtype=int)
    ax.scatter(points[lab, 0], points[lab, 1], marker="x", s=28, c=PALETTE["vermillion"],
               linewidths=1.4, label=f"labelled ({lab.size})")
    ax.figure.colorbar(sc, ax=ax, label="distance to nearest label (pixel units)")
    return decorate(ax, xlabel="feature 1 (PCA, pixel units)", ylabel="feature 2 (PCA, pixel units)",
                    title=title, legend=True)


def plot_filter(points, score, chosen, ax=None, title="the data filter: who gets labelled next"):
    """Candidates coloured by their score; the chosen ones circled (the filter's "yes")."""
    ax = axes(ax)
    sc = ax.scatter(points[:, 0], points[:, 1], c=score, s=10, cmap=SEQUENTIAL_CMAP)
    ax.scatter(points[chosen, 0], points[chosen, 1], s=90, facecolors="none",
               edgecolors=PALETTE["vermillion"], linewidths=2, label=f"chosen ({len(chosen)})")
    ax.figure.colorbar(sc, ax=ax, label="uncertainty (margin, 0–1)")
    return decorate(ax, xlabel="feature 1 (PCA, pixel units)", ylabel="feature 2 (PCA, pixel units)",
                    title=title, legend=True)


def plot_learning_curve_panels(budgets, curves, axs=None, target=None, target_label="target",
                               reference="random"):
    """Small multiples: one panel per strategy, each with ``reference`` drawn in grey under it.

    Six curves on one Axes tangle; one panel each, on shared axes, lets the eye compare
    every strategy with the same reference. Returns the array of Axes.
    """
    import matplotlib.pyplot as plt
    names = [n for n in curves if n != reference]
    if axs is None:
        ncols = min(3, len(names))
        nrows = -(-len(names) // ncols)
        _, axs = plt.subplots(nrows, ncols, figsize=(4.3 * ncols, 3.3 * nrows), sharex=True, sharey=True,
                              squeeze=False)
    flat = np.ravel(axs)
    for ax, name in zip(flat, names):
        if reference in curves:
            ref = np.asarray(curves[reference])
            ax.plot(budgets, ref.mean(0), color="0.55", lw=2, ls="--", label=reference)
        runs = np.asarray(curves[name])
        colour = STRATEGY_COLOURS.get(name)
        ax.fill_between(budgets, runs.min(0), runs.max(0), color=colour, alpha=0.2, lw=0)
        ax.plot(budgets, runs.mean(0), color=colour, lw=2.4, label=name)
        if target is not None:
            ax.axhline(target, color=PALETTE["black"], lw=1, ls=":", label=target_label)
        percent_axis(ax)
        ax.set_title(name)
        ax.legend(frameon=False, loc="lower right", fontsize=9)
    grid = np.reshape(flat, np.shape(axs)) if np.ndim(axs) == 2 else np.reshape(flat, (1, -1))
    for row, col in np.ndindex(grid.shape):
        ax = grid[row, col]
        if row * grid.shape[1] + col >= len(names):
            ax.set_visible(False)
        elif row == grid.shape[0] - 1 or (row + 1) * grid.shape[1] + col >= len(names):
            ax.set_xlabel("labels bought (labels)")       # the lowest visible panel of its column
            ax.xaxis.set_tick_params(labelbottom=True)
    for ax in grid[:, 0]:
        ax.set_ylabel("test accuracy (%)")
    flat[0].figure.suptitle("Learning curves: each strategy against random selection")
    return axs


def plot_hole_sizes(holes, ax=None, bins=30):
    """How far each pool image is from its nearest label, one outline per strategy (``{name: distances}``).

    Measured in all the pixels, where the 2-D map cannot show it: a strategy that
    leaves holes has a longer tail to the right. The largest hole is marked on each.
    """
    ax = axes(ax)
    edges = np.linspace(0, max(np.max(d) for d in holes.values()) * 1.02, bins + 1)
    styles = ("-", "--", ":", "-.")
    for (name, d), ls in zip(holes.items(), styles):
        colour = STRATEGY_COLOURS.get(name)
        ax.hist(d, bins=edges, histtype="step", lw=2.2, ls=ls, color=colour, label=name)
        ax.axvline(np.max(d), color=colour, lw=1.5, ls=ls)
        ax.annotate(f"largest\n{np.max(d):.2f}", (np.max(d), 1.0), xycoords=("data", "axes fraction"),
                    ha="right", va="top", fontsize=10, color=colour, xytext=(-3, -2),
                    textcoords="offset points")
    decorate(ax, xlabel="distance to the nearest label, all 64 pixels (pixel units)",
             ylabel="pool images (count)", title="Holes measured in all 64 pixels")
    ax.legend(frameon=False, loc="upper left")
    return ax


def plot_hole_counts(counts, batch, ax=None, expected_random=None,
                     title="A late class: how many each strategy buys at once"):
    """Bars: samples of the late class bought in the first batch after it appears, per strategy."""
    ax = axes(ax)
    names = list(counts)
    ax.bar(names, [counts[n] for n in names], color=[STRATEGY_COLOURS.get(n) for n in names])
    if expected_random is not None:
        ax.axhline(expected_random, color=PALETTE["black"], ls=":", lw=1.2,
                   label="expected at random")
    ax.set_xticks(range(len(names)), names, rotation=30, ha="right", rotation_mode="anchor")
    decorate(ax, xlabel="selection strategy", ylabel=f"new-class samples\nin a batch of {batch} (samples)",
             ylim=(0, batch * 1.25), title=title)
    ax.legend(frameon=False, loc="upper left")
    return ax
