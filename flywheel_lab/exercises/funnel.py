"""Answers for the exercises of notebook 09 (cheaper information: the cost funnel)."""

from ..funnel import COSTS, bits_per_cell, label_cost
from . import Answer

ANSWERS = {
    "full_trip": Answer(
        lambda: sum(COSTS.values()),
        "add up the price of every stage in funnel.COSTS (in dollars)."),
    "prelabel_cost": Answer(
        lambda: label_cost(200, 180, pre_label=True),
        "right proposals cost only an approval (funnel.APPROVE_COST), wrong ones a full label."),
    "bits_per_cell_256": Answer(
        lambda: bits_per_cell(256),
        "the whole map holds log2(cells) bits, shared equally by its cells."),
}
