"""Widgets for notebooks 07 and 03: diminishing returns, the last hole, the long tail."""

import numpy as np

from .. import collection as col
from ..plots.collection import plot_frequencies, plot_information, plot_last_hole, plot_new_information, plot_share_seen
from . import Live, reused_figure, slider

__all__ = ["diminishing_returns", "last_hole", "long_tail"]

WIDE = (10.0, 3.8)   # size of the two-panel figures ...
PANEL_TICKS = 6      # ... and the most ticks on each of their axes
WIDE_LEGEND = (11.25, 3.8)   # two panels and a legend beside them: 900 px at 80 dpi, a column


def _clamp(value, low, high):
    """``value`` moved into ``[low, high]``."""
    return min(max(value, low), high)


def draw_diminishing(axs, categories=16, days=100, exponent=0.0, trials=2000, seed=0):
    """On two Axes: new bits per day and bits held (exact curves beside a simulation).

    The right panel's legend serves both panels (same colours and line styles).
    """
    p = col.zipf_frequencies(categories, exponent)
    day = np.arange(1, days + 1)
    cov = col.simulate_coverage(p, days, trials, seed=seed)
    bits = col.bits_per_category(p)
    mean, lower, upper = (bits * x for x in col.coverage_band(cov))   # in bits
    new = np.diff(mean, prepend=0.0)
    plot_new_information(day, col.expected_new_information(day, p), new, ax=axs[0], legend=False)
    plot_information(day, col.expected_information(day, p), (mean, lower, upper),
                     total=bits * categories, ax=axs[1])
    return axs


def diminishing_returns(categories=16, days=100, exponent=0.0, trials=2000):
    """Categories (2–64), days (10–300), skew (Zipf exponent 0–2) and trials (100–5000)."""
    controls = {
        "categories": slider(_clamp(categories, 2, 64), 2, 64, 1, "categories"),
        "days": slider(_clamp(days, 10, 300), 10, 300, 10, "days"),
        "exponent": slider(float(_clamp(exponent, 0.0, 2.0)), 0.0, 2.0, 0.1,
                           "skew (Zipf exponent)", fmt=".1f"),
        "trials": slider(_clamp(trials, 100, 5000), 100, 5000, 100, "trials",
                         continuous=False),
    }

    figure = reused_figure(1, 2, figsize=WIDE_LEGEND, max_ticks=PANEL_TICKS)

    def render(**values):
        fig, axs = figure()
        draw_diminishing(axs, **values)
        return fig, _held_summary(values["categories"], values["days"], values["exponent"])
    return Live(controls, render)


def _held_summary(categories, days, exponent):
    """The line under the diminishing-returns figure: bits held on the last day, on average."""
    p = col.zipf_frequencies(categories, exponent)
    held = float(col.expected_information(days, p))
    total = float(col.bits_per_category(p) * categories)
    return f"after {days} days you hold {held:.2f} of the {total:.2f} bits, on average"


def draw_last_hole(ax, categories=16, confidence=0.99, compare=None):
    """The chance of closing the one remaining hole within n days; returns a summary line."""
    p = 1 / categories
    needed = col.days_for_confidence(confidence, p)
    day = np.arange(0, int(needed * 1.4) + 2)
    plot_last_hole(day, col.prob_seen(day, p), confidence, needed, compare, ax=ax)
    now, before = _distinct_percents(col.prob_seen(needed, p), col.prob_seen(needed - 1, p),
                                     confidence)
    days = "1 day gives" if needed == 1 else f"{needed} days give"
    return f"{days} {now} (one day less: {before})"


def _distinct_percents(a, b, target):
    """``a`` (reaches ``target``) and ``b`` (falls short) as percentages, rounded to just
    enough decimals (two or more) that they differ and ``b`` reads as below ``target``:
    98.997 % against 99 % shows as 98.997 %, never as 99.00 %."""
    for decimals in range(2, 7):
        text_a, text_b = f"{a:.{decimals}%}", f"{b:.{decimals}%}"
        if text_a != text_b and round(b * 100, decimals) < round(target * 100, decimals):
            break
    return text_a, text_b


def last_hole(categories=16, confidence=0.99):
    """Categories (2–64) and the confidence wanted (50 %–99.9 %) for the last hole."""
    controls = {
        "categories": slider(_clamp(categories, 2, 64), 2, 64, 1, "categories"),
        "confidence": slider(float(_clamp(confidence, 0.5, 0.999)), 0.5, 0.999, 0.001,
                             "confidence", fmt=".1%"),
    }
    figure = reused_figure(figsize=(7.0, 3.8))

    def render(**values):
        fig, ax = figure()
        return fig, draw_last_hole(ax, **values)
    return Live(controls, render)


def draw_long_tail(axs, categories=50, exponent=1.0, head=0.8):
    """On two Axes: Zipf-like case frequencies (common vs uncommon), and how fast cases vs
    samples are covered. Returns a summary line."""
    p = col.zipf_frequencies(categories, exponent)
    uncommon = col.uncommon_share(p, head)
    common = round((1 - uncommon) * categories)
    last = col.days_to_share(0.95, p)
    n = np.unique(np.geomspace(1, last, 200).astype(int))
    plot_frequencies(p, common, ax=axs[0])
    plot_share_seen(n, col.expected_seen(n, p) / categories, col.expected_mass_seen(n, p),
                    ax=axs[1])
    return f"{uncommon:.0%} of the {categories} cases are uncommon (outside the top {head:.0%})"


def long_tail(categories=50, exponent=1.0, head=0.8):
    """Cases (5–200), Zipf exponent (0–2) and the share of samples counted as common."""
    controls = {
        "categories": slider(_clamp(categories, 5, 200), 5, 200, 5, "cases"),
        "exponent": slider(float(_clamp(exponent, 0.0, 2.0)), 0.0, 2.0, 0.1,
                           "Zipf exponent", fmt=".1f"),
        "head": slider(float(_clamp(head, 0.5, 0.95)), 0.5, 0.95, 0.05, "common share",
                       fmt=".0%"),
    }
    figure = reused_figure(1, 2, figsize=WIDE, max_ticks=PANEL_TICKS)

    def render(**values):
        fig, axs = figure()
        return fig, draw_long_tail(axs, **values)
    return Live(controls, render)
