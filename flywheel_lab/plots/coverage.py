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


def plot_learning_curves(budgets, curves, ax=None, target=None, target_label="target"):
    """Mean test accuracy per number of labels for each strategy, shaded from worst to best seed."""
    ax = axes(ax)
    for name, runs in curves.items():
        runs = np.asarray(runs)
        colour = STRATEGY_COLOURS.get(name)
        ax.plot(budgets, runs.mean(0), label=name, color=colour,
                lw=3 if name == "random" else 1.8, ls="--" if name == "random" else "-")
        ax.fill_between(budgets, runs.min(0), runs.max(0), color=colour, alpha=0.15, lw=0)
    if target is not None:
        ax.axhline(target, color=PALETTE["black"], lw=1, ls=":", label=target_label)
    percent_axis(ax)
    return decorate(ax, xlabel="labels bought (labels)", ylabel="test accuracy (%)", legend=True)


def plot_hole_counts(counts, batch, ax=None, expected_random=None):
    """Bars: samples of the late class bought in the first batch after it appears, per strategy."""
    ax = axes(ax)
    names = list(counts)
    ax.bar(names, [counts[n] for n in names], color=[STRATEGY_COLOURS.get(n) for n in names])
    if expected_random is not None:
        ax.axhline(expected_random, color=PALETTE["black"], ls=":", lw=1.2,
                   label="expected at random")
    ax.tick_params(axis="x", rotation=30)
    return decorate(ax, ylabel=f"new-class samples in batch of {batch} (samples)",
                    ylim=(0, batch), legend=True)
