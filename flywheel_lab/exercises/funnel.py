"""Answers for the exercises and the widget task of notebook 09 (cheaper information)."""

from functools import lru_cache

from .. import funnel
from ..funnel import COSTS, bits_per_cell, label_cost
from . import Answer


@lru_cache(maxsize=1)
def bills_without_each_filter():
    """Total bill ($) of the widget's stream with each of its filters switched off alone."""
    from ..widgets.funnel import EXPLORER_FILTERS
    stream = funnel.make_stream(1000, seed=0)
    return {f: funnel.run(stream, [g for g in EXPLORER_FILTERS if g != f], seed=0).total
            for f in EXPLORER_FILTERS}


def costliest_filter_off():
    """The filter whose absence (all the widget's other filters on) raises the bill most."""
    bills = bills_without_each_filter()
    return max(bills, key=bills.get)


ANSWERS = {
    "full_trip": Answer(
        lambda: sum(COSTS.values()),
        "add up the price of every stage in funnel.COSTS (in dollars).",
        decimals=2),
    "prelabel_cost": Answer(
        lambda: label_cost(200, 180, pre_label=True),
        "right proposals cost only an approval (funnel.APPROVE_COST), wrong ones a full label.",
        decimals=2),
    "bits_per_cell_256": Answer(
        lambda: bits_per_cell(256),
        "the whole map holds log2(cells) bits, shared equally by its cells.",
        sig=2),
    # widget task
    "costliest_filter_off": Answer(
        costliest_filter_off,
        "labelling is by far the dearest stage: which filter decides how many images reach it? "
        "Give the filter's name as text, in quotes."),
}
