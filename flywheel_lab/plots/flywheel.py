"""Figures for notebook 10: the flywheel over the weeks."""

import numpy as np

from . import PALETTE, axes, decorate, describe, integer_axis, percent_axis

# Customers told apart by colour, marker and line style, never colour alone: two customers
# whose measured accuracies coincide stay visible (hollow markers and dashes over filled dots).
# Every colour has 3:1 contrast on white; black is kept for the real accuracy.
CUSTOMER_STYLES = ((PALETTE["blue"], "o", "-"), (PALETTE["vermillion"], "s", "--"),
                   (PALETTE["purple"], "^", ":"), (PALETTE["green"], "D", "-."))


# Two measured lines within this (1 point of accuracy) are drawn on top of each other.
TOGETHER = 0.01


def plot_accuracy(history, ax=None):
    """Each customer's measured accuracy (thin lines) against the real, balanced accuracy (thick).

    Every line is named at its right end; customers whose lines run on top of each other
    share one name there ("B=C"), and a note above the lines marks the week they merge.
    """
    ax = axes(ax)
    weeks = np.arange(len(history.real))
    for k, customer in enumerate(history.customers):
        colour, marker, ls = CUSTOMER_STYLES[k % len(CUSTOMER_STYLES)]
        ax.plot(weeks, history.measured[:, k], color=colour, lw=1.6, ls=ls, marker=marker, ms=10 if k % 2 else 6,
                markerfacecolor="none" if k % 2 else colour, label=f"{customer.name} (measured)")
    ax.plot(weeks, history.real, color=PALETTE["black"], lw=3, label="real (all ten digits)")
    last = len(weeks) - 1
    ends = [("=".join(_letter(history, k) for k in group), history.measured[last, group[0]])
            for group, _ in _together(history)] + [("real", history.real[last])]
    for (name, _), y in zip(ends, _spread([y for _, y in ends], 0.05)):
        ax.text(last + 0.3, y, name, va="center", ha="left", fontsize=11, color="0.15")
    # room for the longest end label inside the Axes (about 0.6 em a character, in weeks)
    width_in = ax.get_position().width * ax.figure.get_figwidth()
    em_weeks = 11 / 72 / width_in * (last + 2)
    room = 0.6 + 0.75 * em_weeks * max(len(name) for name, _ in ends)
    for group, week in _together(history):
        if len(group) > 1 and week < last:
            ax.annotate(f"{_names(history, group)} overlap from week {week}",
                        xy=(week, np.nanmax(history.measured[week, group])), xytext=(week, 1.08),
                        ha="right" if week > last / 2 else "left", va="center", fontsize=11, color="0.15",
                        arrowprops=dict(arrowstyle="->", color="0.3", lw=1))
    ax.set_ylim(0, 1.14)
    ax.set_xlim(-0.5, last + room)
    percent_axis(ax)
    ax.set_xticks([w for w in range(0, last + 1, max(1, -(-(last + 1) // 7)))])
    ax.set_yticks(np.linspace(0, 1, 6))
    decorate(ax, xlabel="week", ylabel="accuracy (%)",
             title=f"Measured vs real accuracy ({history.strategy})")
    ax.legend(frameon=False, loc="lower right")
    return describe(ax, _accuracy_text(history))


def _names(history, group):
    """``A and B`` or ``A, B and C``: the customers of a group, for a sentence."""
    letters = [_letter(history, k) for k in group]
    return ", ".join(letters[:-1]) + f" and {letters[-1]}"


def _letter(history, k):
    return history.customers[k].name.split()[-1]


def _together(history):
    """Customers grouped by where their measured lines end (within ``TOGETHER`` of each other), each
    group with the first week from which its lines stay that close to the end of the run."""
    last = history.measured[-1]
    order = sorted((k for k in range(len(history.customers)) if np.isfinite(last[k])), key=lambda k: last[k])
    groups = []
    for k in order:
        if groups and last[k] - last[groups[-1][-1]] <= TOGETHER:
            groups[-1].append(k)
        else:
            groups.append([k])
    out = []
    for group in groups:
        values = history.measured[:, group]
        close = np.all(np.isfinite(values), axis=1)
        close[close] = np.ptp(values[close], axis=1) <= TOGETHER
        week = len(close)
        while week > 0 and close[week - 1]:
            week -= 1
        out.append((sorted(group), week))
    return out


def _spread(ys, gap):
    """The label heights ``ys`` moved apart (order kept) so that no two are closer than ``gap``."""
    order = np.argsort(ys)
    placed = np.array(ys, dtype=float)
    for a, b in zip(order, order[1:]):
        placed[b] = max(placed[b], placed[a] + gap)
    return placed


def _accuracy_text(history):
    """In words: each customer's last measured accuracy against the real one, and the gap."""
    last = len(history.real) - 1
    measured = [(c.name, history.measured[last, k]) for k, c in enumerate(history.customers)]
    joined = [(name, value) for name, value in measured if np.isfinite(value)]
    real = history.real[last]
    text = (f"In week {last} the real accuracy over all ten digits is {real:.3f}, "
            f"up from {history.real[0]:.3f} in week 0")
    if not joined:
        return text + "; no customer has joined yet."
    said = ", ".join(f"{name} {value:.3f}" for name, value in joined)
    low = min(value for _, value in joined)
    gap = f"{low - real:.3f} above" if low >= real else f"{real - low:.3f} below"
    text = (f"{text}, while customers measure more: {said}. "
            f"The lowest measured accuracy is {gap} the real one.")
    for group, week in _together(history):
        if len(group) > 1 and week < last:
            text += (f" Customers {_names(history, group)} measure within {TOGETHER * 100:.0f} point of each other from week {week} "
                     "on, so their lines overlap.")
    return text


TITLES = {"bits": "Coverage held", "real": "Real accuracy", "covered": "Digits covered",
          "cost": "Money spent"}


def plot_compare(histories, field="bits", ax=None, title=None):
    """One line per strategy of a week-by-week field: ``bits``, ``real``, ``covered`` or ``cost``."""
    ax = axes(ax)
    labels = {"bits": "coverage held (bits, at most 6)", "real": "real accuracy (%)",
              "covered": "digits with ≥ 3 labels (digits)", "cost": "money spent so far (US $)"}
    if field not in labels:
        raise ValueError(f"field must be one of {', '.join(map(repr, labels))}; got {field!r}")
    for i, (name, h) in enumerate(histories.items()):   # alternate styles: equal lines stay visible
        ax.plot(np.arange(len(h.real)), getattr(h, field), marker="os^D"[i % 4], ls=("-", "--")[i % 2],
                ms=9 if i % 2 else 6, markerfacecolor="none" if i % 2 else None, label=name)
    if field == "real":
        percent_axis(ax)
    integer_axis(ax)
    decorate(ax, xlabel="week", ylabel=labels[field], legend=True,
             title=TITLES[field] if title is None else title)
    return describe(ax, _compare_text(histories, field))


# How the alt text writes a value of each field (rounded as the notebook prints it).
_SAY = {"bits": lambda v: f"{v:.3f} bits", "real": lambda v: f"{v:.1%}",
        "covered": lambda v: f"{v:.0f} of 10 digits", "cost": lambda v: f"${v:.2f}"}


def _compare_text(histories, field):
    """In words: each strategy's last value, the leader, and the week of the widest gap."""
    say = _SAY[field]
    names = list(histories)
    weeks = min(len(h.real) for h in histories.values())
    table = np.array([np.asarray(getattr(histories[n], field), dtype=float)[:weeks] for n in names])

    def each(week):
        return ", ".join(f"{name} {say(value)}" for name, value in zip(names, table[:, week]))
    text = f"After {weeks} weeks: {each(weeks - 1)}."
    if len(names) < 2:
        return text
    spread = table.max(axis=0) - table.min(axis=0)
    if np.allclose(spread, 0):
        return text + " The lines lie on top of each other every week."
    top = [n for n, v in zip(names, table[:, -1]) if np.isclose(v, table[:, -1].max())]
    ends = f"{top[0]} ends highest" if len(top) == 1 else f"{' and '.join(top)} end level at the top"
    widest = int(np.argmax(spread))
    return f"{text} {ends}; the widest gap is in week {widest}: {each(widest)}."


def plot_days_to_cover(pool_sizes, expected, ideal, ax=None):
    """Expected days to see every four-pixel category against the size of the daily pool."""
    ax = axes(ax)
    ax.plot(pool_sizes, expected, marker="o", color=PALETTE["blue"], label="pick a new category when offered")
    ax.axhline(ideal, color=PALETTE["green"], ls="--", label=f"ideal: one new category a day ({ideal} days)")
    ax.axhline(expected[0], color=PALETTE["vermillion"], ls=":", label=f"random: {expected[0]:.2f} days")
    decorate(ax, xlabel="images offered per day (images)", ylabel="expected days to see all 16 (days)",
             title="Choosing by information approaches the ideal", legend=True)
    return describe(ax, _days_text(pool_sizes, expected, ideal))


def _days_text(pool_sizes, expected, ideal):
    """In words: the random start, the largest pool's time, and where it comes within a day of ideal."""
    text = (f"Expected days to see all {ideal} categories fall as more images are offered a day: "
            f"{expected[0]:.2f} days with {pool_sizes[0]} a day (random), "
            f"{expected[-1]:.2f} days with {pool_sizes[-1]} a day, against the ideal of {ideal} days.")
    close = [m for m, days in zip(pool_sizes, expected) if days - ideal <= 1]
    if close:
        text += f" From {close[0]} images a day the choice is within a day of the ideal."
    return text


def plot_launch(histories, usable=0.8, ax=None):
    """Real accuracy week by week for launches with different numbers of customers.

    ``histories`` maps a label ("1 customer", …) to a :class:`~flywheel_lab.flywheel.History`;
    a dashed line marks the ``usable`` level, and each run's first week at that level is a
    large marker (named in the legend).
    """
    ax = axes(ax)
    for i, (name, h) in enumerate(histories.items()):
        colour, marker, ls = CUSTOMER_STYLES[i % len(CUSTOMER_STYLES)]
        weeks = np.arange(len(h.real))
        week = _reached(h, usable)
        said = "never" if week is None else f"week {week}"
        ax.plot(weeks, h.real, color=colour, ls=ls, lw=1.8, marker=marker, ms=5,
                markerfacecolor="none" if i % 2 else colour, label=f"{name}: ≥ {usable:.0%} in {said}")
        if week is not None:
            ax.plot(week, h.real[week], marker=marker, ms=13, color=colour, markeredgecolor=PALETTE["black"],
                    ls="none")
    ax.axhline(usable, color=PALETTE["black"], ls=(0, (2, 2)), lw=1.2,
               label=f"usable level: {usable:.0%} real accuracy")
    ax.set_ylim(0, 1.0)
    percent_axis(ax)
    integer_axis(ax)
    decorate(ax, xlabel="week after launch", ylabel="real accuracy (%)",
             title="Launch: weak at first, usable sooner with more varied customers")
    ax.legend(frameon=False, loc="lower right")
    return describe(ax, _launch_text(histories, usable))


def _reached(history, level):
    reached = np.flatnonzero(np.asarray(history.real) >= level - 1e-12)
    return int(reached[0]) if reached.size else None


def _launch_text(histories, usable):
    """In words: the real accuracy at launch, and the week each launch reaches the usable level."""
    start = [h.real[0] for h in histories.values()]
    weeks = "; ".join(f"{name}: {'never' if _reached(h, usable) is None else f'week {_reached(h, usable)}'}"
                      for name, h in histories.items())
    return (f"At launch (week 0) the real accuracy is {min(start):.1%} to {max(start):.1%}. "
            f"First week at {usable:.0%} or more: {weeks}.")
