"""Answers for the exercises and the widget task of notebook 09 (cheaper information)."""

import math
from functools import lru_cache

from .. import funnel
from ..funnel import APPROVE_COST, COSTS, N_CELLS, bits_per_cell, label_cost
from . import Answer, Slip

PRICES = "section 'What does each stage cost?'"
BITS = "section 'Measuring *new information* in bits'"
WIDGET = "section 'Move the thresholds yourself'"
#: exercise 2: proposals made, and how many of them are right
PROPOSED, RIGHT = 200, 180
#: exercise 3: cells of the finer map
FINER = 256


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


def _full_trip():
    return sum(COSTS.values())


#: why each of the widget's other filters, switched off alone, raises the bill less (task slips)
_NOT_DEAREST = {
    "pre_label": "pre-labelling makes each label cheaper, but it does not decide how many images "
                 f"reach the labellers. Follow the images to the dearest stage ({WIDGET}).",
    "drop_corrupted": "without it the broken frames travel on, but they are only about a tenth of "
                      f"the stream. Follow the images to the dearest stage ({WIDGET}).",
    "store_low_confidence": "that filter acts at the store, a cheap stage; ask which filter sets "
                            f"how many images reach the dearest one ({WIDGET}).",
    "deduplicate": "switched off, that filter changes nothing here: the images picked for "
                   f"labelling are already far apart; see the duplicate-radius slider ({WIDGET}).",
    "send_anomalies": "that filter is already off at the widget's start, so switching it off "
                      f"changes nothing ({WIDGET}).",
}


ANSWERS = {
    "full_trip": Answer(
        _full_trip,
        "add up the price of every stage in funnel.COSTS (in dollars).",
        decimals=2,
        slips=(Slip("without the label", lambda: _full_trip() - COSTS["label"],
                    f"that leaves out labelling. The question's image is labelled from scratch, so "
                    f"it pays the label price too ({PRICES})."),
               Slip("cents, not dollars", lambda: _full_trip() * 100,
                    f"that is the price in cents. The question asks for dollars ({PRICES})."),
               Slip("the label alone", lambda: COSTS["label"],
                    f"that is the label alone. The image pays every stage it passes, from "
                    f"collection to training ({PRICES})."),
               Slip("approved, not labelled", lambda: _full_trip() - COSTS["label"] + APPROVE_COST,
                    f"that uses the price of approving a pre-label. This image is labelled from "
                    f"scratch ({PRICES})."))),
    "prelabel_cost": Answer(
        lambda: label_cost(PROPOSED, RIGHT, pre_label=True),
        "right proposals cost only an approval (funnel.APPROVE_COST), wrong ones a full label.",
        decimals=2,
        slips=(Slip("all labelled from scratch", lambda: label_cost(PROPOSED),
                    f"that labels every image from scratch. With pre-labelling, a right proposal "
                    f"needs only an approval ({PRICES})."),
               Slip("approvals only", lambda: label_cost(RIGHT, RIGHT, pre_label=True),
                    f"that pays only the approvals. The wrong proposals must be labelled from "
                    f"scratch ({PRICES})."),
               Slip("prices swapped", lambda: label_cost(PROPOSED, PROPOSED - RIGHT, pre_label=True),
                    f"that pays a full label for the right proposals and an approval for the wrong "
                    f"ones: the other way round ({PRICES})."),
               Slip("wrong ones paid twice",
                    lambda: label_cost(PROPOSED, PROPOSED, pre_label=True) + label_cost(PROPOSED - RIGHT),
                    f"that pays an approval for every proposal and then a full label for the wrong "
                    f"ones. A wrong proposal is not approved, only labelled ({PRICES})."),
               Slip("approval for all", lambda: label_cost(PROPOSED, PROPOSED, pre_label=True),
                    f"that pays an approval for every proposal, the wrong ones too. A wrong "
                    f"proposal is not approved: a person labels it from scratch ({PRICES})."),
               Slip("the relabels only", lambda: label_cost(PROPOSED - RIGHT),
                    f"that pays only the labels of the wrong proposals. Each right proposal costs "
                    f"an approval too ({PRICES})."))),
    "bits_per_cell_256": Answer(
        lambda: bits_per_cell(FINER),
        "the whole map holds log2(cells) bits, shared equally by its cells.",
        sig=2,
        slips=(Slip("the 64-cell map", lambda: bits_per_cell(N_CELLS),
                    f"that is for the map of the section, with {N_CELLS} cells. This map has "
                    f"{FINER} ({BITS})."),
               Slip("the whole map", lambda: math.log2(FINER),
                    f"that is what the whole map holds. One newly covered cell adds an equal share "
                    f"of it ({BITS})."),
               Slip("ln instead of log2", lambda: math.log(FINER) / FINER,
                    f"that uses the natural log (np.log). Bits use log base 2: np.log2 ({BITS})."),
               Slip("a cell's share, not its bits", lambda: 1 / FINER,
                    f"that is one cell's share of the map. Multiply it by the bits the whole map "
                    f"holds ({BITS})."),
               Slip("the 64-cell map's bits", lambda: math.log2(N_CELLS) / FINER,
                    f"that shares the bits of the {N_CELLS}-cell map over {FINER} cells. A finer map "
                    f"holds more bits: log2 of its own number of cells ({BITS})."))),
    # widget task
    "costliest_filter_off": Answer(
        costliest_filter_off,
        "labelling is by far the dearest stage: which filter decides how many images reach it? "
        "Give the filter's name as text, in quotes.",
        slips=tuple(Slip(f"chose {name}", name, message) for name, message in _NOT_DEAREST.items())),
}
