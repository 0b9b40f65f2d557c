"""Figures for notebooks 07 and 03: diminishing returns, the last hole, the long tail.

Every figure describes itself (:func:`~flywheel_lab.plots.describe`) with numbers taken
from the data it draws; series differ by line style or hatching as well as by colour.
"""

import numpy as np

from . import PALETTE, axes, decorate, describe, percent_axis


def _first_day(days, values, target):
    """The first of ``days`` where ``values`` reach ``target``, or None."""
    reached = np.flatnonzero(np.asarray(values) >= target)
    return int(days[reached[0]]) if reached.size else None


def _percent_below(value, target):
    """``value`` as a percentage with enough decimals (two or more) to read as below ``target``."""
    for decimals in range(2, 7):
        if round(value * 100, decimals) < round(target * 100, decimals):
            break
    return f"{value:.{decimals}%}"


def plot_new_information(days, exact, simulated=None, ax=None, legend=True):
    """Expected new bits per day (the exact curve, and a simulation's mean if given).

    Styled like :func:`plot_information`, so beside it one legend serves both.
    """
    ax = axes(ax)
    days, exact = np.asarray(days), np.asarray(exact, dtype=float)
    ax.plot(days, exact, color=PALETTE["blue"], label="exact expectation")
    if simulated is not None:   # on top: where the two agree, the dashes lie on the line
        ax.plot(days, simulated, ls="--", color=PALETTE["vermillion"], label="simulation (mean)")
    describe(ax, _new_information_text(days, exact, simulated))
    decorate(ax, xlabel="day", ylabel="new information (bits)",
             title="What each day's sample adds", ylim=(0, None))
    if legend:                  # beside the Axes, as plot_information's
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=11)
    return ax


def _new_information_text(days, exact, simulated):
    text = f"Day {days[0]} adds {exact[0]:.6g} bit"
    if days.size > 1:
        text += f", day {days[1]} {exact[1]:.6g}"
    half = _first_day(days, -exact, -exact[0] / 2)
    if half is not None and half > days[0]:
        text += f"; from day {half} on, a day adds at most half of day {days[0]}'s"
    text += f", and day {days[-1]} adds only {exact[-1]:.2g} bit (solid line)"
    if simulated is not None:
        gap = float(np.max(np.abs(np.asarray(simulated) - exact)))
        text += f"; the simulation's mean (dashed) stays within {gap:.3f} bit of it"
    return text + "."       # one sentence: a widget announces it whole when it changes


def plot_information(days, exact, band=None, total=None, ax=None):
    """Expected bits held after each day, with a simulation's ``(mean, lower, upper)`` band."""
    ax = axes(ax)
    days, exact = np.asarray(days), np.asarray(exact, dtype=float)
    if band is not None:
        ax.fill_between(days, band[1], band[2], color=PALETTE["sky"], alpha=0.35,
                        label="simulation: 5–95 % of runs")
    ax.plot(days, exact, color=PALETTE["blue"], label="exact expectation")
    if band is not None:        # on top: where the two agree, the dashes lie on the line
        ax.plot(days, band[0], ls="--", color=PALETTE["vermillion"], label="simulation (mean)")
    if total is not None:
        ax.axhline(total, color=PALETTE["black"], lw=1, ls=":",
                   label=f"all {total:.3g} bit{'s' * (total != 1)}")
    describe(ax, _information_text(days, exact, band, total))
    decorate(ax, xlabel="day", ylabel="information collected (bits)",
             title="Information piles up ever more slowly", ylim=(0, None))
    # beside the Axes: inside, it would cover the line of the total or the rising curve
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=11)
    return ax


def _information_text(days, exact, band, total):
    text = f"The bits held (solid line) climb from {exact[0]:.2f} on day {days[0]} to {exact[-1]:.2f}"
    text += f" of {total:.3g} bits on day {days[-1]}" if total is not None else f" on day {days[-1]}"
    if total is not None:
        marks = [(share, _first_day(days, exact, share * total - 1e-12)) for share in (0.5, 0.9)]
        reached = [f"{'half' if share == 0.5 else f'{share:.0%}'} by day {day}"
                   for share, day in marks if day is not None]
        if reached:
            text += ", " + " and ".join(reached)
    if band is not None:
        lower, upper = np.asarray(band[1], dtype=float), np.asarray(band[2], dtype=float)
        widest = int(np.argmax(upper - lower))
        text += (f"; simulated runs differ most on day {days[widest]}, where the shaded band "
                 f"runs from {lower[widest]:.2f} to {upper[widest]:.2f} bits")
    return text + "."


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
    describe(ax, _last_hole_text(np.asarray(days), np.asarray(prob, dtype=float), confidence,
                                 needed, compare))
    percent_axis(ax)
    decorate(ax, xlabel="days of collection", ylabel="chance (%)",
             title="Closing the last hole", ylim=(0, 1.02))
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=11)
    if zoom_ax is not None and p is not None:
        _zoom_last_hole(zoom_ax, p, confidence, needed, compare)
    return ax


def _last_hole_text(days, prob, confidence, needed, compare):
    def chance(day):
        return float(np.interp(day, days, prob))
    text = "The chance that the missing category has turned up rises fast, then ever more slowly"
    half = _first_day(days, prob, 0.5)
    if half is not None:
        text += f": {half} day{'s' * (half != 1)} give an even chance"
    text += (f"; {needed} day{'s' * (needed != 1)} (solid vertical line) are the first to reach "
             f"{confidence:.1%}, with {chance(needed):.2%}")
    if compare is not None:
        value = chance(compare)
        shown = _percent_below(value, confidence) if value < confidence else f"{value:.2%}"
        text += f"; {compare} days (dashed) give {shown}"
    return text + "."


def _zoom_last_hole(ax, p, confidence, needed, compare):
    """Each day around the crossing as a dot labelled with its chance (two decimals)."""
    from matplotlib.ticker import PercentFormatter
    marked = [d for d in (needed, compare) if d is not None]
    day = np.arange(min(marked) - 2, max(marked) + 3)
    chance = 1 - (1 - p) ** day
    span = chance.max() - chance.min()
    bottom = chance.min() - 0.1 * span
    for d, colour, ls in ((needed, "vermillion", "-"), (compare, "green", "--")):
        if d is not None:     # a stem up to the day's dot, styled as its line on the main panel
            ax.plot([d, d], [bottom, 1 - (1 - p) ** d], color=PALETTE[colour], lw=1.5, ls=ls)
    ax.plot(day, chance, "o", color=PALETTE["blue"], ms=7)
    ax.axhline(confidence, color=PALETTE["black"], lw=1, ls=":")
    for d, c in zip(day, chance):      # text in black (4.5:1); the marked days' stems carry the colour
        ax.annotate(f"{c:.2%}", (d, c), xytext=(-7, 5), textcoords="offset points",
                    ha="right", va="bottom", fontsize=11, color=PALETTE["black"],
                    fontweight="bold" if d in marked else "normal")
    words = [f"day {d} {_percent_below(c, confidence) if c < confidence else f'{c:.2%}'}"
             for d, c in zip(day, chance)]
    describe(ax, f"Day by day around the {confidence:.1%} line: {', '.join(words)}; day {needed} "
                 f"is the first at or above it.")
    ax.set_ylim(bottom, chance.max() + 0.3 * span)
    ax.set_xlim(day[0] - 1.2, day[-1] + 0.5)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=1))
    ax.set_xticks(day[::2])
    return decorate(ax, xlabel="days of collection", ylabel="chance (%)",
                    title=f"Zoom: days {day[0]}–{day[-1]}")


def plot_days_all(days, cdf, marks, ax=None):
    """Distribution of the day the last category shows up, with ``{label: day}`` marks."""
    ax = axes(ax)
    days = np.asarray(days)
    pmf = np.diff(cdf, prepend=0.0)
    ax.bar(days, pmf, width=1.0, color=PALETTE["sky"], edgecolor=PALETTE["blue"], lw=0.6)
    styles = [(PALETTE["vermillion"], "-"), (PALETTE["black"], "--"), (PALETTE["green"], ":")]
    for (label, day), (colour, ls) in zip(marks.items(), styles):
        ax.axvline(day, color=colour, ls=ls, lw=2, label=f"{label}: {day:.4g}")
    most = int(np.argmax(pmf))
    marked = ", ".join(f"{label} at day {day:.4g}" for label, day in marks.items())
    describe(ax, f"The last category most often arrives on day {days[most]} "
                 f"({pmf[most]:.1%} of collections); marked: {marked}. The right tail is long: "
                 f"{1 - float(cdf[-1]):.1%} of collections still miss one after day {days[-1]}.")
    percent_axis(ax)
    return decorate(ax, xlabel="day the last category is first seen",
                    ylabel="chance (%)", title="When is every category in?", legend=True)


def plot_redundancy_holes(days, duplicates, holes, ax=None):
    """Expected duplicates (redundant samples) and holes (missing categories) over time."""
    ax = axes(ax)
    days = np.asarray(days)
    duplicates, holes = np.asarray(duplicates, dtype=float), np.asarray(holes, dtype=float)
    ax.plot(days, duplicates, color=PALETTE["vermillion"], label="duplicates (samples)")
    ax.plot(days, holes, color=PALETTE["blue"], ls="--", label="holes (categories)")
    text = (f"Duplicates (solid) rise from {duplicates[0]:.1f} on day {days[0]} to "
            f"{duplicates[-1]:.1f} on day {days[-1]}, while holes (dashed) fall from "
            f"{holes[0]:.1f} to {holes[-1]:.2f}")
    cross = np.flatnonzero(duplicates >= holes - 1e-9)
    if cross.size and cross[0] > 0:
        i = cross[0]
        text += f"; the curves cross on day {days[i]}, at about {holes[i]:.1f} each"
    describe(ax, text + ".")
    return decorate(ax, xlabel="day", ylabel="count (samples or categories)",
                    title="Redundancy grows while holes shrink", legend=True)


def plot_frequencies(freqs, common, labels=None, ax=None):
    """Case frequencies, most frequent first; the first ``common`` cases in one colour, the
    others in a light one with a dark edge.

    Drawn as filled steps (two patches, however many cases), so it stays fast. A dashed
    line divides the common cases from the uncommon ones, named beside it (no legend).
    """
    ax = axes(ax)
    p = np.asarray(freqs, dtype=float)
    edges = np.arange(p.size + 1) + 0.5
    ax.stairs(p[:common], edges[:common + 1], fill=True, color=PALETTE["blue"], label="common")
    ax.stairs(p[common:], edges[common:], fill=True, facecolor=PALETTE["orange"],
              edgecolor=PALETTE["black"], lw=1, label="uncommon")
    ax.axvline(common + 0.5, color=PALETTE["black"], lw=1.5, ls="--")
    rest = p.size - common
    words = [f"← common: top {common} case{'s' * (common != 1)}"]
    if rest:
        words.append(f"→ uncommon: {rest} case{'s' * (rest != 1)}")
    right = (common + 0.5) / (p.size + 1) < 0.6      # room to the right of the divider
    ax.text(common + 0.5, 0.96, "\n".join(f" {w} " for w in words), fontsize=11, va="top",
            ha="left" if right else "right", transform=ax.get_xaxis_transform())
    if labels is not None:
        ax.set_xticks(np.arange(1, p.size + 1), labels, rotation=30, ha="right")
    describe(ax, _frequencies_text(p, common))
    percent_axis(ax)
    return decorate(ax, xlabel="case (most frequent first)", ylabel="share of samples (%)",
                    title="A long tail of cases", xlim=(0.5, p.size + 0.5), ylim=(0, 1.4 * p.max()))


def _frequencies_text(p, common):
    text = f"Case 1 alone makes up {p[0]:.1%} of the samples and case {p.size} {p[-1]:.2%}; the top {common} "
    if common == p.size:
        return text + "cases are all needed to reach the common share, so none is uncommon."
    return text + (f"cases (common, left of the dashed line) cover {p[:common].sum():.0%} of the "
                   f"samples, the other {p.size - common} (uncommon) {p[common:].sum():.0%}.")


def plot_share_seen(days, cases, mass, ax=None):
    """Expected share of the cases seen, beside the share of the samples they stand for."""
    ax = axes(ax)
    days = np.asarray(days)
    cases, mass = np.asarray(cases, dtype=float), np.asarray(mass, dtype=float)
    ax.plot(days, mass, color=PALETTE["blue"], label="share of samples covered")
    ax.plot(days, cases, color=PALETTE["vermillion"], ls="--", label="share of cases seen")
    describe(ax, _share_seen_text(days, cases, mass))
    _room_for_last_tick(ax, float(days[-1]))
    percent_axis(ax)
    return decorate(ax, xlabel="samples collected", ylabel="share (%)",
                    title="The tail is what takes long", ylim=(0, 1.02), legend=True)


def _room_for_last_tick(ax, right):
    """Set the x range to ``0 … right``, a little wider if the last tick would sit on the right
    edge: its label then stays inside the Axes, whatever its width (a widget keeps its layout)."""
    ticks = ax.xaxis.get_major_locator().tick_values(0, right)
    last = ticks[ticks <= right].max()
    ax.set_xlim(0, max(right, last + 0.08 * right))


def _share_seen_text(days, cases, mass):
    parts = []
    half = _first_day(days, mass, 0.5)
    if half is not None:
        at = int(np.searchsorted(days, half))
        parts.append(f"by {half} samples, {mass[at]:.0%} of the samples are of a case already "
                     f"seen (solid line) but only {cases[at]:.0%} of the cases (dashed)")
    most = _first_day(days, cases, 0.9)
    if most is not None:
        parts.append(f"seeing 90% of the cases takes {most} samples")
    parts.append(f"after {days[-1]} samples, {mass[-1]:.0%} of the samples and {cases[-1]:.0%} "
                 f"of the cases are covered")
    text = "; ".join(parts) + "."           # one sentence, as a widget announces it
    return text[0].upper() + text[1:]


def plot_recall(recalls, labels=None, ax=None):
    """Grouped bars of per-class recall, one group per class, one bar per ``{name: recall}``.

    Each version has its own hatching as well as its own colour.
    """
    ax = axes(ax)
    names = list(recalls)
    n_classes = len(recalls[names[0]])
    x = np.arange(n_classes)
    ticks = labels if labels is not None else [str(c) for c in x]
    width = 0.8 / len(names)
    hatches = ("", "//", "..", "xx", "\\\\")
    for i, name in enumerate(names):
        ax.bar(x + (i - (len(names) - 1) / 2) * width, recalls[name], width, label=name,
               hatch=hatches[i % len(hatches)], edgecolor=PALETTE["black"], lw=0.8)
    ax.set_xticks(x, ticks)
    describe(ax, _recall_text(recalls, names, ticks))
    percent_axis(ax)
    ax.set_yticks(np.linspace(0, 1, 6))
    decorate(ax, xlabel="class (digit)", ylabel="recall (%)", ylim=(0, 1.3),
             title="Per-class recall on a test set with every class")
    ax.legend(frameon=False, loc="upper center", ncols=len(names))   # above the bars (≤ 100 %)
    return ax


def _recall_text(recalls, names, ticks):
    table = np.array([np.asarray(recalls[name], dtype=float) for name in names])
    worst = int(np.argmin(table[0]))
    versions = " and ".join(f"{table[i, worst]:.1%} ({name})" for i, name in enumerate(names))
    text = f"Digit {ticks[worst]} is the weak spot: its recall is {versions}."
    others = np.delete(table, worst, axis=1)
    if others.size:
        text += (f" The other {others.shape[1]} digits stay between {others.min():.0%} and "
                 f"{others.max():.0%} in every version.")
    return text
