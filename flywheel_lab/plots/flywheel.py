"""Figures for notebook 10: the flywheel over the weeks."""

import numpy as np

from . import PALETTE, axes, decorate, integer_axis, percent_axis


# Customers told apart by colour, marker and line style: two customers whose measured
# accuracies coincide stay visible (hollow markers and dashes over filled dots).
CUSTOMER_STYLES = ((PALETTE["orange"], "o", "-"), (PALETTE["sky"], "s", "--"),
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
    ax.legend(frameon=False, loc="lower right", fontsize=10)
    return ax


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
    return decorate(ax, xlabel="week", ylabel=labels[field], legend=True,
                    title=TITLES[field] if title is None else title)


def plot_days_to_cover(pool_sizes, expected, ideal, ax=None):
    """Expected days to see every four-pixel category against the size of the daily pool."""
    ax = axes(ax)
    ax.plot(pool_sizes, expected, marker="o", color=PALETTE["blue"], label="pick a new category when offered")
    ax.axhline(ideal, color=PALETTE["green"], ls="--", label=f"ideal: one new category a day ({ideal} days)")
    ax.axhline(expected[0], color=PALETTE["vermillion"], ls=":", label=f"random: {expected[0]:.2f} days")
    return decorate(ax, xlabel="images offered per day (images)", ylabel="expected days to see all 16 (days)",
                    title="Choosing by information approaches the ideal", legend=True)
