"""Figures for notebook 10: the flywheel over the weeks."""

import numpy as np

from . import PALETTE, axes, decorate, describe, integer_axis, percent_axis

# Customers told apart by colour, marker and line style, never colour alone: two customers
# whose measured accuracies coincide stay visible (hollow markers and dashes over filled dots).
# Every colour has 3:1 contrast on white; black is kept for the real accuracy.
CUSTOMER_STYLES = ((PALETTE["blue"], "o", "-"), (PALETTE["vermillion"], "s", "--"),
                   (PALETTE["purple"], "^", ":"), (PALETTE["green"], "D", "-."))


def plot_accuracy(history, ax=None):
    """Each customer's measured accuracy (thin lines) against the real, balanced accuracy (thick)."""
    ax = axes(ax)
    weeks = np.arange(len(history.real))
    for k, customer in enumerate(history.customers):
        colour, marker, ls = CUSTOMER_STYLES[k % len(CUSTOMER_STYLES)]
        ax.plot(weeks, history.measured[:, k], color=colour, lw=1.6, ls=ls, marker=marker, ms=10 if k % 2 else 6,
                markerfacecolor="none" if k % 2 else colour, label=f"{customer.name} (measured)")
    ax.plot(weeks, history.real, color=PALETTE["black"], lw=3, label="real (all ten digits)")
    ax.set_ylim(0, 1.02)
    percent_axis(ax)
    integer_axis(ax)
    decorate(ax, xlabel="week", ylabel="accuracy (%)",
             title=f"Measured vs real accuracy ({history.strategy})")
    ax.legend(frameon=False, loc="lower right")
    return describe(ax, _accuracy_text(history))


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
    return (f"{text}, while customers measure more: {said}. "
            f"The lowest measured accuracy is {gap} the real one.")


TITLES = {"bits": "Coverage held", "real": "Real accuracy", "covered": "Digits covered",
          "cost": "Money spent"}


def plot_compare(histories, field="bits", ax=None, title=None):
    """One line per strategy of a week-by-week field: ``bits``, ``real``, ``covered`` or ``cost``."""
    ax = axes(ax)
    labels = {"bits": "coverage held (bits)", "real": "real accuracy (%)",
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
