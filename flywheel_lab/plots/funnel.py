"""Figures for notebook 09: where a funnel's money goes and what each filter buys."""

import numpy as np

from . import PALETTE, axes, decorate
from ..funnel import STAGES


def plot_stage_counts(results, ax=None):
    """Samples that reach each stage, one line per configuration (``[(name, Result)]``)."""
    ax = axes(ax)
    for name, r in results:
        ax.plot(STAGES, [r.counts[s] for s in STAGES], marker="o", label=name)
    return decorate(ax, xlabel="funnel stage", ylabel="samples reaching the stage (images)",
                    title="What survives each stage of the funnel", legend=True)


def plot_stage_costs(result, ax=None, label=None):
    """Money spent at each stage of one funnel run, as bars."""
    ax = axes(ax)
    ax.bar(STAGES, [result.costs[s] for s in STAGES], color=PALETTE["blue"], label=label)
    return decorate(ax, xlabel="funnel stage", ylabel="money spent (US $)",
                    title=f"Cost per stage: ${result.total:.2f} in all")


def plot_cost_per_bit(results, ax=None):
    """Dollars per bit of new information for each configuration (horizontal bars, log scale)."""
    ax = axes(ax)
    names = [name for name, _ in results]
    values = [r.cost_per_bit for _, r in results]
    colours = [PALETTE["vermillion"] if n == "no filter" else
               PALETTE["green"] if n == "all filters" else PALETTE["sky"] for n in names]
    y = np.arange(len(names))[::-1]
    finite = np.isfinite(values)
    ax.barh(y[finite], np.asarray(values)[finite], color=np.asarray(colours)[finite])
    for row in y[~finite]:
        ax.text(0.01, row, "no new bits: cost per bit infinite", va="center",
                transform=ax.get_yaxis_transform(), color=PALETTE["vermillion"])
    ax.set_yticks(y, names)
    ax.set_ylim(-0.6, len(names) - 0.4)
    if finite.any():
        ax.set_xscale("log")
    return decorate(ax, xlabel="cost per bit of new information (US $ / bit, log scale)",
                    title="What a bit of new information costs")
