"""Figures for notebooks 02 and 04: what a new example adds, and measured vs balanced accuracy."""

import numpy as np

from .. import accuracy as acc
from . import CYCLE, PALETTE, axes, decorate, percent_axis

KIND_COLORS = dict(zip(acc.KINDS, [PALETTE["black"], *CYCLE[:5], PALETTE["purple"], PALETTE["yellow"]]))


def plot_customer_view(rare_share, common_accuracy, rare_accuracy, max_share=0.5, ax=None):
    """Measured accuracy against the rare class's share of the stream, with the balanced accuracy."""
    ax = axes(ax)
    shares = np.array([0.0, max(max_share, rare_share)])  # measured accuracy is linear in the share
    line = [acc.accuracy_under_mix([1 - s, s], [common_accuracy, rare_accuracy]) for s in shares]
    view = acc.customer_view(rare_share, common_accuracy, rare_accuracy)
    ax.plot(shares, line, color=PALETTE["blue"], label="measured by the customer")
    ax.axhline(view["balanced"], color=PALETTE["vermillion"], ls="--", label="balanced (every class equal)")
    ax.plot([rare_share], [view["measured"]], "o", ms=10, color=PALETTE["blue"])
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    title = (f"rare share {rare_share:.1%}: measured {view['measured']:.1%}, "
             f"balanced {view['balanced']:.1%}")
    return decorate(ax, xlabel="rare class's share of the stream (%)", ylabel="accuracy (%)",
                    ylim=(0, 1.02), xlim=(0, shares[-1]), title=title, legend=True)


def plot_accuracy_bars(values, title="", ax=None, xlabel="accuracy of"):
    """Bars of named accuracies (fractions), each labelled with its percentage."""
    ax = axes(ax)
    names = list(values)
    heights = [values[k] for k in names]
    bars = ax.bar(names, heights, color=CYCLE[: len(names)])
    ax.bar_label(bars, labels=[f"{h:.1%}" for h in heights], padding=2)
    percent_axis(ax)
    ax.grid(axis="x", visible=False)
    return decorate(ax, xlabel=xlabel, ylabel="accuracy (%)", ylim=(0, 1.12), title=title)


def plot_two_customers(n_from_b, reports, ax=None):
    """Accuracy per stream (lines) against the number of customer B's images added to training."""
    ax = axes(ax)
    for name in reports[0]:
        ax.plot(n_from_b, [r[name] for r in reports], "o-", label=name)
    percent_axis(ax)
    return decorate(ax, xlabel="customer B's images added to training (images)",
                    ylabel="accuracy (%)", ylim=(0, 1.02), legend=True,
                    title="Learning from the new customer's data")


def plot_novelty_vs_gain(result, feature="pixel_novelty", ax=None):
    """Each candidate batch as a dot: its novelty (x) and the test accuracy it added (y)."""
    ax = axes(ax)
    for kind in acc.KINDS:
        m = result["kind"] == kind
        if m.any():
            ax.scatter(result[feature][m], result["gain"][m], s=36, color=KIND_COLORS[kind],
                       label=kind, edgecolor="white", linewidth=0.5)
    ax.axhline(0, color=PALETTE["black"], lw=1)
    percent_axis(ax)
    space = "pixel values 0–1" if feature == "pixel_novelty" else "PCA features"
    ax.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return decorate(ax, xlabel=f"novelty: distance to the nearest held image ({space})",
                    ylabel="test accuracy gained (% points)", title="Novelty before labelling vs gain after")


def plot_digit_images(images, titles, axs):
    """Draw 8×8 digit images side by side on the given Axes, each with its title."""
    for ax, img, title in zip(np.ravel(axs), images, titles):
        ax.imshow(np.asarray(img).reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    return axs
