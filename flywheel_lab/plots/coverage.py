"""Figures for the feature coverage map (notebook 08)."""

import itertools

import numpy as np

from . import CYCLE, PALETTE, SEQUENTIAL_CMAP, axes, decorate, describe, percent_axis

# One colour per strategy, from the colours with 3:1 contrast on white (the cycle repeats after
# five): a figure that shows two strategies on one Axes also tells them apart by line style.
STRATEGY_COLOURS = dict(zip(
    ("random", "least_confidence", "margin", "entropy", "kcenter", "hybrid", "cluster_margin"),
    itertools.cycle(CYCLE)))


_DOT_EDGE = {"edgecolors": "0.3", "linewidths": 0.3}   # bright dots stay visible on white (3:1)


def _legend_room(ax, points, share=0.16):
    """Raise the y limit so a legend along the top covers no point of ``points``."""
    lo, hi = float(np.min(points[:, 1])), float(np.max(points[:, 1]))
    pad = (hi - lo) * 0.04
    ax.set_ylim(lo - pad, hi + (hi - lo) * share)


def _region(points, i):
    """Where point ``i`` lies on a 2-D map, in words: "top left", "bottom", "centre", …"""
    points = np.asarray(points, dtype=float)
    lo, hi = points.min(0), points.max(0)
    col, row = np.clip(((points[i] - lo) / np.where(hi > lo, hi - lo, 1) * 3).astype(int), 0, 2)
    words = [("bottom", "", "top")[row], ("left", "", "right")[col]]
    return " ".join(w for w in words if w) or "centre"


def coverage_map_text(points, distance, who):
    """The text alternative of a coverage map: the distances its colours show and where the largest hole is.

    ``who`` names the crosses ("the 80 labelled images"). Computed from the data drawn in O(n),
    cheap enough for every widget update.
    """
    d = np.asarray(distance, dtype=float)
    i = int(np.argmax(d))
    return (f"crosses mark {who}; dot colour shows the distance to the nearest label: median "
            f"{np.median(d):.2f}, largest {d[i]:.2f} pixel units, at the map's {_region(points, i)}.")


def plot_coverage_map(points, distance, labeled_idx, ax=None, vmax=None, title=None, colorbar=True):
    """The pool in 2-D, each sample coloured by its distance to the nearest labelled sample.

    ``points`` is (n × 2), e.g. the first two PCA features; labelled samples are
    drawn as crosses. Dark = well covered, bright = a hole in coverage. ``colorbar``:
    True for a colour bar beside ``ax``, False for none, or a list of Axes that share
    one colour bar (maps drawn on the same scale).
    """
    from matplotlib.ticker import MaxNLocator
    ax = axes(ax)
    sc = ax.scatter(points[:, 0], points[:, 1], c=distance, s=10, cmap=SEQUENTIAL_CMAP,
                    vmin=0, vmax=vmax, **_DOT_EDGE)
    lab = np.asarray(labeled_idx, dtype=int)
    ax.scatter(points[lab, 0], points[lab, 1], marker="x", s=28, c=PALETTE["vermillion"],
               linewidths=1.4, label=f"labelled ({lab.size})")
    if colorbar is not False:
        ax.figure.colorbar(sc, ax=ax if colorbar is True else colorbar,
                           label="distance to nearest label (pixel units)")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MaxNLocator(5))     # few ticks: the map's place matters, not its values
    describe(ax, coverage_map_text(points, distance, f"the {lab.size} labelled images"))
    _legend_room(ax, points)
    decorate(ax, xlabel="feature 1 (PCA, pixel units)", ylabel="feature 2 (PCA, pixel units)", title=title)
    ax.legend(frameon=False, loc="upper right")
    return ax


def plot_filter(points, score, chosen, ax=None, title="the data filter: who gets labelled next"):
    """Candidates coloured by their score; the chosen ones circled (the filter's "yes")."""
    ax = axes(ax)
    sc = ax.scatter(points[:, 0], points[:, 1], c=score, s=10, cmap=SEQUENTIAL_CMAP, **_DOT_EDGE)
    ax.scatter(points[chosen, 0], points[chosen, 1], s=90, facecolors="none",
               edgecolors=PALETTE["vermillion"], linewidths=2, label=f"chosen ({len(chosen)})")
    ax.figure.colorbar(sc, ax=ax, label="uncertainty (margin, 0–1)")
    score = np.asarray(score, dtype=float)
    picked = score[np.asarray(chosen, dtype=int)]
    describe(ax, f"the {picked.size} circled images the filter sends to the labellers have uncertainty "
                 f"{picked.min():.2f} to {picked.max():.2f} (mean {picked.mean():.2f}), against a mean of "
                 f"{score.mean():.2f} over the whole pool of {score.size} images; "
                 f"{np.mean(score >= picked.min()):.1%} of the pool is as uncertain as the least "
                 "uncertain pick.")
    return decorate(ax, xlabel="feature 1 (PCA, pixel units)", ylabel="feature 2 (PCA, pixel units)",
                    title=title, legend=True)


def _reach_text(budgets, curves, target, target_label):
    """Per strategy, the labels its mean curve needs to reach ``target`` (or its last accuracy)."""
    from ..coverage import labels_to_reach
    if target is None:
        return (f"mean accuracy at {budgets[-1]} labels: "
                + ", ".join(f"{name} {np.mean(runs, 0)[-1]:.1%}" for name, runs in curves.items()) + ".")
    needed = {name: labels_to_reach(budgets, np.mean(runs, 0), target) for name, runs in curves.items()}
    words = [f"{name} {n:.0f}" if np.isfinite(n) else f"{name} never reaches it" for name, n in
             sorted(needed.items(), key=lambda item: (not np.isfinite(item[1]), item[1]))]
    return (f"labels each strategy's mean curve needs to reach {target:.1%} ({target_label}): "
            + ", ".join(words) + ".")


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
        _, axs = plt.subplots(nrows, ncols, figsize=(min(4.3 * ncols, 9.0), 3.3 * nrows), sharex=True,
                              sharey=True, squeeze=False)
    flat = np.ravel(axs)
    for ax, name in zip(flat, names):
        if reference in curves:
            ref = np.asarray(curves[reference])
            ax.plot(budgets, ref.mean(0), color="0.45", lw=2, ls="--", label=reference)
        runs = np.asarray(curves[name])
        colour = STRATEGY_COLOURS.get(name)
        ax.fill_between(budgets, runs.min(0), runs.max(0), color=colour, alpha=0.2, lw=0)
        ax.plot(budgets, runs.mean(0), color=colour, lw=2.4, label=name)
        if target is not None:
            ax.axhline(target, color=PALETTE["black"], lw=1, ls=":", label=target_label)
        percent_axis(ax)
        ax.set_title(name)
        ax.legend(frameon=False, loc="lower right", fontsize=10)
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
    fig = flat[0].figure
    fig.suptitle("Learning curves: each strategy against random selection")
    describe(fig, f"Learning curves, each strategy's panel against {reference} (dashed): "
                  + _reach_text(budgets, curves, target, target_label))
    return axs


def plot_hole_sizes(holes, ax=None, bins=30):
    """How far each unlabelled pool image is from its nearest label, one outline per strategy.

    ``holes`` is ``{name: distances}`` for the whole pool (a labelled image is at distance 0 and
    is left out: the pool holds no duplicates). Measured in all the pixels, where a 2-D map cannot
    show it: a strategy that leaves holes has a longer tail to the right. The largest hole of each
    is marked, and the tail beyond the smallest largest hole is shaded and counted.
    """
    ax = axes(ax)
    holes = {name: np.asarray(d, dtype=float) for name, d in holes.items()}
    far = {name: d[d > 0] for name, d in holes.items()}
    top = max(np.max(d) for d in holes.values())
    low = min((np.min(d) for d in far.values() if d.size), default=0.0)
    edges = np.linspace(low * 0.98, top * 1.02, bins + 1)
    order = sorted(holes, key=lambda name: np.max(holes[name]))
    best = float(np.max(holes[order[0]]))
    if top > best:
        ax.axvspan(best, top, color=PALETTE["orange"], alpha=0.25, lw=0)
    styles = ("-", "--", ":", "-.")
    peak = 0
    for (name, d), ls in zip(far.items(), styles):
        colour = STRATEGY_COLOURS.get(name)
        counts, *_ = ax.hist(d, bins=edges, histtype="step", lw=2.2, ls=ls, color=colour,
                             label=f"{name}: largest hole {np.max(holes[name]):.2f}")
        peak = max(peak, counts.max())
        ax.axvline(np.max(holes[name]), color=colour, lw=1.5, ls=ls)
    ax.set_ylim(0, peak * 1.45)            # room above the outlines for the legend
    for name in order[1:]:
        beyond = int(np.sum(holes[name] > best))
        ax.annotate(f"{beyond} images farther\nthan {order[0]}'s\nlargest hole",
                    (best, 0.5), xycoords=("data", "axes fraction"), ha="left", va="center",
                    xytext=(6, 0), textcoords="offset points", fontsize=11, color="0.15")
        break                              # one count: the runner-up's tail
    decorate(ax, xlabel="distance to the nearest label, all 64 pixels (pixel units)",
             ylabel="unlabelled pool images\n(count)", title="How far each unlabelled image is from a label")
    ax.legend(frameon=False, loc="upper left")
    describe(ax, f"{order[0]} leaves the smallest largest hole, {best:.2f} pixel units"
                 + "".join(f"; {name}'s is {np.max(holes[name]):.2f}, with "
                           f"{np.sum(holes[name] > best)} images farther than {best:.2f}"
                           for name in order[1:])
                 + "; mean distance of the unlabelled images: "
                 + ", ".join(f"{name} {np.mean(far[name]):.2f}" for name in holes) + ".")
    return ax


def plot_hole_counts(counts, batch, ax=None, expected_random=None,
                     title="A late class: how many each strategy buys at once"):
    """Bars: samples of the late class bought in the first batch after it appears, per strategy."""
    ax = axes(ax)
    names = list(counts)
    ax.bar(names, [counts[n] for n in names], color=[STRATEGY_COLOURS.get(n, CYCLE[0]) for n in names])
    if expected_random is not None:
        ax.axhline(expected_random, color=PALETTE["black"], ls=":", lw=1.2,
                   label="expected at random")
    ax.set_xticks(range(len(names)), names, rotation=30, ha="right", rotation_mode="anchor")
    decorate(ax, xlabel="selection strategy", ylabel=f"new-class samples\nin a batch of {batch} (samples)",
             ylim=(0, batch * 1.25), title=title)
    ax.legend(frameon=False, loc="upper left")
    ranked = sorted(names, key=lambda n: -counts[n])
    expected = ("" if expected_random is None
                else f"; picking at random is expected to buy {expected_random:.1f}")
    describe(ax, f"new-class samples bought in the first batch of {batch} after the class appears: "
                 + ", ".join(f"{n} {counts[n]:.1f}" for n in ranked) + expected + ".")
    return ax
