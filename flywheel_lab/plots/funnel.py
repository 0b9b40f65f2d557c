"""Figures for notebook 09: where a funnel's money goes and what each filter buys."""

import numpy as np

from ..funnel import STAGES
from . import PALETTE, axes, decorate, describe


def plot_stage_counts(results, ax=None, launch_images=0):
    """Stream images that reach each stage, one line per configuration (``[(name, Result)]``).

    ``Result.counts["train"]`` also counts the ``launch_images`` the product held before
    the stream (it retrains on them too); they are taken out here, so a line only falls:
    the funnel never adds stream images. A note on the figure says what was taken out,
    and each drop at "train" is labelled with its cause: broken frames a labeller was paid
    for and threw out (``Result.broken_labelled``) and near-copies the de-duplication
    removed (``Result.copies_removed``).
    """
    ax = axes(ax)
    markers = ("o", "s", "^", "D", "v", "P")
    last = len(STAGES) - 1
    top = max((r.counts["collect"] for _, r in results), default=1)
    explained = False
    for (name, r), marker in zip(results, markers):
        counts = _stream_counts(r, launch_images)
        ax.plot(STAGES, counts, marker=marker, label=name)
        broken, copies = _train_drop(r)
        if broken + copies:                           # the first note explains, later ones are short
            ax.annotate(_train_drop_note(broken, copies, short=explained), (last, counts[-1]),
                        xytext=(-10, -12), textcoords="offset points", ha="right", va="top", fontsize=11,
                        arrowprops={"arrowstyle": "-", "color": PALETTE["black"], "lw": 0.8})
            explained = True
    if launch_images:
        ax.annotate(f"train: stream images only (+ {launch_images} launch images also retrained on)",
                    (0.5, 1.0), xycoords="axes fraction", ha="center", va="top", fontsize=11)
    ax.set_ylim(0, top * 1.12)
    decorate(ax, xlabel="funnel stage", ylabel="stream images reaching the stage (images)",
             title="What survives each stage of the funnel")
    ax.legend(frameon=False, loc="lower left")
    return describe(ax, _stage_counts_text(results, launch_images))


def _train_drop(result):
    """Why labelled stream images never reach training: ``(broken, copies)``."""
    return result.broken_labelled, result.copies_removed


def _train_drop_note(broken, copies, short=False):
    """The note on a drop at train: its size and cause (in full, or in one line)."""
    if broken and copies:
        return f"−{broken + copies}: {broken} broken frames thrown out,\n{copies} copies removed"
    if copies:
        return f"−{copies}: copies removed"
    return f"−{broken}: broken frames" + (" too" if short else ",\nlabelled, then thrown out")


def _stream_counts(result, launch_images):
    return [result.counts[s] - (launch_images if s == "train" else 0) for s in STAGES]


def _stage_counts_text(results, launch_images):
    """In words: for each configuration, images in and out of the funnel, its steepest drop
    and why images drop at train."""
    parts = []
    for name, r in results:
        counts = _stream_counts(r, launch_images)
        drops = [before - after for before, after in zip(counts, counts[1:])]
        step = max(range(len(drops)), key=drops.__getitem__)
        where = (f", the steepest drop at {STAGES[step + 1]} ({drops[step]} fewer)" if drops[step] > 0
                 else ", no drop")
        broken, copies = _train_drop(r)
        why = [f"{broken} broken frames thrown out after labelling"] if broken else []
        why += [f"{copies} copies removed"] if copies else []
        at_train = f"; at train {' and '.join(why)}" if why else ""
        parts.append(f"{name}: {counts[0]} collected, {counts[-1]} trained on{where}{at_train}")
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
