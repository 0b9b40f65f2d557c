"""Figures for notebook 09: where a funnel's money goes and what each filter buys."""

import numpy as np

from . import PALETTE, axes, decorate
from ..funnel import STAGES


def plot_stage_counts(results, ax=None, launch_images=0):
    """Stream images that reach each stage, one line per configuration (``[(name, Result)]``).

    ``Result.counts["train"]`` also counts the ``launch_images`` the product held before
    the stream (it retrains on them too); they are taken out here, so a line only falls:
    the funnel never adds stream images. A note on the figure says what was taken out.
    """
    ax = axes(ax)
    markers = ("o", "s", "^", "D", "v", "P")
    for (name, r), marker in zip(results, markers):
        counts = [r.counts[s] - (launch_images if s == "train" else 0) for s in STAGES]
        ax.plot(STAGES, counts, marker=marker, label=name)
    if launch_images:
        ax.annotate(f"train: stream images only\n(+ {launch_images} launch images\nalso retrained on)",
                    (1.0, 0.55), xycoords="axes fraction", ha="right", va="center", fontsize=10)
    ax.set_ylim(0, None)
    decorate(ax, xlabel="funnel stage", ylabel="stream images reaching the stage (images)",
             title="What survives each stage of the funnel")
    ax.legend(frameon=False, loc="lower left")
    return ax


def plot_stage_costs(result, ax=None, label=None):
    """Money spent at each stage of one funnel run, as bars."""
    ax = axes(ax)
    ax.bar(STAGES, [result.costs[s] for s in STAGES], color=PALETTE["blue"], label=label)
    return decorate(ax, xlabel="funnel stage", ylabel="money spent (US $)",
                    title=f"Cost per stage: ${result.total:.2f} in all")


def plot_cost_per_bit(results, ax=None):
    """Dollars per bit of new information for each configuration: linear bars, each written on."""
    ax = axes(ax)
    names = [name for name, _ in results]
    values = np.array([r.cost_per_bit for _, r in results], dtype=float)
    colours = [PALETTE["vermillion"] if n == "no filter" else
               PALETTE["green"] if n == "all filters" else PALETTE["sky"] for n in names]
    y = np.arange(len(names))
    finite = np.isfinite(values)
    top = values[finite].max() if finite.any() else 1.0
    ax.barh(y[finite], values[finite], color=np.asarray(colours)[finite])
    for row, value in zip(y, values):
        text = f"${value:,.0f} a bit" if np.isfinite(value) else "no new bits: cost per bit infinite"
        ax.text((value if np.isfinite(value) else 0) + top * 0.01, row, text, va="center", fontsize=11,
                color=PALETTE["black"] if np.isfinite(value) else PALETTE["vermillion"])
    ax.set_yticks(y, names)
    ax.set_ylim(len(names) - 0.4, -0.6)
    ax.set_xlim(0, top * 1.25)
    ax.grid(axis="y", visible=False)
    return decorate(ax, xlabel="cost per bit of new information (US $ / bit)", ylabel="filters on",
                    title="What a bit of new information costs")
