"""Figures for notebooks 07 and 03: diminishing returns, the last hole, the long tail."""

import numpy as np

from . import PALETTE, axes, decorate, percent_axis


def plot_new_information(days, exact, simulated=None, ax=None, legend=True):
    """Expected new bits per day (the exact curve, and a simulation's mean if given).

    Styled like :func:`plot_information`, so beside it one legend serves both.
    """
    ax = axes(ax)
    ax.plot(days, exact, color=PALETTE["blue"], label="exact expectation")
    if simulated is not None:   # on top: where the two agree, the dashes lie on the line
        ax.plot(days, simulated, ls="--", color=PALETTE["orange"], label="simulation (mean)")
    return decorate(ax, xlabel="day", ylabel="new information (bits)",
                    title="What each day's sample adds", ylim=(0, None), legend=legend)


def plot_information(days, exact, band=None, total=None, ax=None):
    """Expected bits held after each day, with a simulation's ``(mean, lower, upper)`` band."""
    ax = axes(ax)
    if band is not None:
        ax.fill_between(days, band[1], band[2], color=PALETTE["sky"], alpha=0.35,
                        label="simulation: 5–95 % of runs")
    ax.plot(days, exact, color=PALETTE["blue"], label="exact expectation")
    if band is not None:        # on top: where the two agree, the dashes lie on the line
        ax.plot(days, band[0], ls="--", color=PALETTE["orange"], label="simulation (mean)")
    if total is not None:
        ax.axhline(total, color=PALETTE["black"], lw=1, ls=":",
                   label=f"all {total:.3g} bit{'s' * (total != 1)}")
    return decorate(ax, xlabel="day", ylabel="information collected (bits)",
                    title="Information piles up ever more slowly", ylim=(0, None), legend=True)


def plot_last_hole(days, prob, confidence, needed, compare=None, ax=None, zoom_ax=None, p=None):
    """Chance of having closed the last hole within n days; marks the days ``needed``.

    The legend sits beside the Axes, off the lines. With ``zoom_ax`` (and ``p``, the
    hole's daily chance), a second panel zooms in on the days around ``needed`` and
    ``compare``, where the curve crosses ``confidence``: each day is a labelled dot.
    """
    ax = axes(ax)
    ax.plot(days, prob, color=PALETTE["blue"], label="chance the hole is closed")
    ax.axhline(confidence, color=PALETTE["black"], lw=1, ls=":", label=f"{confidence:.1%} wanted")
    ax.axvline(needed, color=PALETTE["vermillion"], lw=1.5,
               label=f"{needed} day{'s' * (needed != 1)} reach {confidence:.1%}")
    if compare is not None:
        ax.axvline(compare, color=PALETTE["green"], lw=1.5, ls="--", label=f"{compare} days")
    percent_axis(ax)
    decorate(ax, xlabel="days of collection", ylabel="chance (%)",
             title="Closing the last hole", ylim=(0, 1.02))
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=10)
    if zoom_ax is not None and p is not None:
        _zoom_last_hole(zoom_ax, p, confidence, needed, compare)
    return ax


def _zoom_last_hole(ax, p, confidence, needed, compare):
    """Each day around the crossing as a dot labelled with its chance (two decimals)."""
    from matplotlib.ticker import PercentFormatter
    marked = [d for d in (needed, compare) if d is not None]
    day = np.arange(min(marked) - 2, max(marked) + 3)
    chance = 1 - (1 - p) ** day
    ax.plot(day, chance, "o", color=PALETTE["blue"], ms=7)
    ax.axhline(confidence, color=PALETTE["black"], lw=1, ls=":")
    for d, c in zip(day, chance):
        colour = (PALETTE["vermillion"] if d == needed else
                  PALETTE["green"] if d == compare else PALETTE["black"])
        ax.annotate(f"{c:.2%}", (d, c), xytext=(-7, 5), textcoords="offset points",
                    ha="right", va="bottom", fontsize=10, color=colour,
                    fontweight="bold" if d in marked else "normal")
    span = chance.max() - chance.min()
    ax.set_ylim(chance.min() - 0.1 * span, chance.max() + 0.3 * span)
    ax.set_xlim(day[0] - 1.2, day[-1] + 0.5)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=1))
    ax.set_xticks(day[::2])
    return decorate(ax, xlabel="days of collection", ylabel="chance (%)",
                    title=f"Zoom: days {day[0]}–{day[-1]}")


def plot_days_all(days, cdf, marks, ax=None):
    """Distribution of the day the last category shows up, with ``{label: day}`` marks."""
    ax = axes(ax)
    pmf = np.diff(cdf, prepend=0.0)
    ax.bar(days, pmf, width=1.0, color=PALETTE["sky"], edgecolor="none")
    colours = [PALETTE["vermillion"], PALETTE["black"], PALETTE["green"]]
    for (label, day), colour in zip(marks.items(), colours):
        ax.axvline(day, color=colour, lw=1.5, label=f"{label}: {day:.4g}")
    percent_axis(ax)
    return decorate(ax, xlabel="day the last category is first seen",
                    ylabel="chance (%)", title="When is every category in?", legend=True)


def plot_redundancy_holes(days, duplicates, holes, ax=None):
    """Expected duplicates (redundant samples) and holes (missing categories) over time."""
    ax = axes(ax)
    ax.plot(days, duplicates, color=PALETTE["orange"], label="duplicates (samples)")
    ax.plot(days, holes, color=PALETTE["purple"], label="holes (categories)")
    return decorate(ax, xlabel="day", ylabel="count (samples or categories)",
                    title="Redundancy grows while holes shrink", legend=True)


def plot_frequencies(freqs, common, labels=None, ax=None):
    """Case frequencies, most frequent first; the first ``common`` cases in one colour.

    Drawn as filled steps (two patches, however many cases), so it stays fast.
    """
    ax = axes(ax)
    p = np.asarray(freqs, dtype=float)
    edges = np.arange(p.size + 1) + 0.5
    ax.stairs(p[:common], edges[:common + 1], fill=True, color=PALETTE["blue"], label="common")
    ax.stairs(p[common:], edges[common:], fill=True, color=PALETTE["orange"], label="uncommon")
    if labels is not None:
        ax.set_xticks(np.arange(1, p.size + 1), labels, rotation=30, ha="right")
    percent_axis(ax)
    return decorate(ax, xlabel="case (most frequent first)", ylabel="share of samples (%)",
                    title="A long tail of cases", legend=True)


def plot_share_seen(days, cases, mass, ax=None):
    """Expected share of the cases seen, beside the share of the samples they stand for."""
    ax = axes(ax)
    ax.plot(days, mass, color=PALETTE["blue"], label="share of samples covered")
    ax.plot(days, cases, color=PALETTE["orange"], label="share of cases seen")
    percent_axis(ax)
    return decorate(ax, xlabel="samples collected", ylabel="share (%)",
                    title="The tail is what takes long", ylim=(0, 1.02), legend=True)


def plot_recall(recalls, labels=None, ax=None):
    """Grouped bars of per-class recall, one group per class, one bar per ``{name: recall}``."""
    ax = axes(ax)
    names = list(recalls)
    n_classes = len(recalls[names[0]])
    x = np.arange(n_classes)
    width = 0.8 / len(names)
    for i, name in enumerate(names):
        ax.bar(x + (i - (len(names) - 1) / 2) * width, recalls[name], width, label=name)
    ax.set_xticks(x, labels if labels is not None else [str(c) for c in x])
    percent_axis(ax)
    ax.set_yticks(np.linspace(0, 1, 6))
    decorate(ax, xlabel="class (digit)", ylabel="recall (%)", ylim=(0, 1.3),
             title="Per-class recall on a test set with every class")
    ax.legend(frameon=False, loc="upper center", ncols=len(names))   # above the bars (≤ 100 %)
    return ax
