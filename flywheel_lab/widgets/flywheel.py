"""Widget for notebook 10: run the flywheel with your own budget, strategy and customers."""

import math

import ipywidgets as W

from .. import flywheel, funnel
from ..plots.flywheel import plot_accuracy
from . import Live, reused_figure, slider

__all__ = ["flywheel_explorer"]

WIDGET_STRATEGIES = ("random", "kcenter", "hybrid", "margin")


def flywheel_explorer(weekly_budget=20, strategy="kcenter", n_customers=3, weeks=12, seed=0):
    """Weekly label budget, strategy and number of customers; shows measured vs real accuracy.

    The customers slider stops at the last customer who joins within ``weeks``.
    """
    most = max(1, min(5, -(-weeks // flywheel.JOIN_EVERY)))
    controls = {
        "weekly_budget": slider(weekly_budget, 5, 60, 5, "labels per week", continuous=False),
        "strategy": W.Dropdown(options=WIDGET_STRATEGIES, value=strategy, description="strategy"),
        "n_customers": slider(min(max(n_customers, 1), most), 1, most, 1, "customers", continuous=False),
    }

    figure = reused_figure(figsize=(7.5, 4.2))

    def render(weekly_budget, strategy, n_customers):
        h = flywheel.simulate(strategy, weekly_budget, n_customers, weeks=weeks, seed=seed)
        fig, ax = figure()
        plot_accuracy(h, ax=ax)
        cells = round(h.bits[-1] / funnel.bits_per_cell())
        text = (f"after {weeks} weeks: {h.labels[-1]} labels, ${h.cost[-1]:.2f} spent, real accuracy "
                f"{h.real[-1]:.3f}, {h.covered[-1]}/10 digits covered (≥ {flywheel.COVERED_AT} labelled "
                f"images each), coverage {h.bits[-1]:.3f} of {math.log2(funnel.N_CELLS):.0f} bits ({cells}/{funnel.N_CELLS} cells)")
        return fig, text
    return Live(controls, render)
