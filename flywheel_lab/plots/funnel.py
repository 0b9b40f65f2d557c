"""Figures for notebook 09: where a funnel's money goes and what each filter buys."""

import numpy as np

from ..funnel import STAGES
from . import PALETTE, axes, decorate, describe


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
    return describe(ax, _stage_counts_text(results, launch_images))


def _stage_counts_text(results, launch_images):
    """In words: for each configuration, images in and out of the funnel and its steepest drop."""
    parts = []
    for name, r in results:
        counts = [r.counts[s] - (launch_images if s == "train" else 0) for s in STAGES]
        drops = [before - after for before, after in zip(counts, counts[1:])]
        step = max(range(len(drops)), key=drops.__getitem__)
        where = (f", the steepest drop at {STAGES[step + 1]} ({drops[step]} fewer)" if drops[step] > 0
                 else ", no drop")
        parts.append(f"{name}: {counts[0]} collected, {counts[-1]} trained on{where}")
    extra = f" Training also reuses the {launch_images} launch images, not counted." if launch_images else ""
    return (f"Stream images reaching each stage, from {STAGES[0]} to {STAGES[-1]}. "
            + "; ".join(parts) + "." + extra)


def plot_stage_costs(result, ax=None, label=None):
    """Money spent at each stage of one funnel run, as bars."""
    ax = axes(ax)
    costs = [result.costs[s] for s in STAGES]
    ax.bar(STAGES, costs, color=PALETTE["blue"], label=label)
    decorate(ax, xlabel="funnel stage", ylabel="money spent (US $)",
             title=f"Cost per stage: ${result.total:.2f} in all")
    top = max(range(len(STAGES)), key=costs.__getitem__)
    share = f"{costs[top] / result.total:.0%} of" if result.total > 0 else "out of"
    cheapest = min(range(len(STAGES)), key=costs.__getitem__)
    return describe(ax, f"Money spent at each of the six stages, {result.labels} labels bought. "
                        f"Biggest stage: {STAGES[top]} at ${costs[top]:.2f} ({share} the ${result.total:.2f} "
                        f"total); smallest: {STAGES[cheapest]} at ${costs[cheapest]:.2f}.")


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
    ax.barh(y[finite], values[finite], color=np.asarray(colours)[finite], edgecolor=PALETTE["black"],
            linewidth=0.8)
    for row, value in zip(y, values):
        text = f"${value:,.0f} a bit" if np.isfinite(value) else "no new bits: cost per bit infinite"
        ax.text((value if np.isfinite(value) else 0) + top * 0.01, row, text, va="center", fontsize=11,
                color=PALETTE["black"] if np.isfinite(value) else PALETTE["vermillion"])
    ax.set_yticks(y, names)
    ax.set_ylim(len(names) - 0.4, -0.6)
    ax.set_xlim(0, top * 1.25)
    ax.grid(axis="y", visible=False)
    decorate(ax, xlabel="cost per bit of new information (US $ / bit)", ylabel="filters on",
             title="What a bit of new information costs")
    return describe(ax, _cost_per_bit_text(names, values))


def _cost_per_bit_text(names, values):
    """In words: the cheapest and dearest bit, how far apart, and any configuration with no new bit."""
    ranked = sorted((v, n) for n, v in zip(names, values) if np.isfinite(v))
    none = [n for n, v in zip(names, values) if not np.isfinite(v)]
    text = "Dollars per bit of new information for each set of filters. "
    if ranked:
        (low, cheap), (high, dear) = ranked[0], ranked[-1]
        text += f"Cheapest: {cheap} at ${low:,.0f} a bit; dearest: {dear} at ${high:,.0f} a bit"
        text += f", {high / low:.0f} times as much. " if low > 0 and len(ranked) > 1 else ". "
        if len(ranked) > 2:
            (v1, n1), (v2, n2) = ranked[1], ranked[-2]
            text += f"The other {len(ranked) - 2} lie between ${v1:,.0f} ({n1}) and ${v2:,.0f} ({n2}). "
    if none:
        text += f"No new bits, so an infinite cost per bit: {', '.join(none)}."
    return text
