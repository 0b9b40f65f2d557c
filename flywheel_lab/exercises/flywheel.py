"""Answers for the exercises and the widget task of notebook 10 (the whole flywheel)."""

import inspect
import math
from functools import lru_cache

import numpy as np

from .. import flywheel
from ..flywheel import expected_days_to_cover, measured_accuracy
from . import Answer, Slip

IDEAL = "section 'the ideal, one new category per sample'"
SPIN = "section 'Spin the flywheel yourself'"
MEASURED = "notebook 04, section 'The chapter's customer'"

#: exercise 3: the small shop's recall on digits 1, 7 and 4, and how often it sees each
RECALL, MIX = [0.95, 0.95, 0.2], [0.45, 0.45, 0.1]


@lru_cache(maxsize=8)
def covered_by(strategy="random", n_customers=1):
    """Digits covered after the widget's 12 weeks of 20 labels a week (seed 0)."""
    return int(flywheel.simulate(strategy, 20, n_customers, weeks=12, seed=0).covered[-1])


def _seen_by(strategy="random", n_customers=1):
    """Digits with at least one labelled image after the same 12 weeks (seen, if not covered)."""
    per_digit = flywheel.simulate(strategy, 20, n_customers, weeks=12, seed=0).per_digit
    return int(np.count_nonzero(per_digit))


def _widget_start():
    """Digits covered at the widget's starting strategy and number of customers."""
    from ..widgets.flywheel import flywheel_explorer
    start = inspect.signature(flywheel_explorer).parameters
    return covered_by(start["strategy"].default, start["n_customers"].default)


def _small_shop():
    return measured_accuracy(RECALL, MIX)


ANSWERS = {
    "random_days_8": Answer(
        lambda: expected_days_to_cover(8, 1),
        "a pool of one image a day is random collection: n × (1 + 1/2 + … + 1/n) days for n categories.",
        decimals=1,
        slips=(Slip("one day per category", lambda: 8,
                    f"that assumes a new category every day; random images repeat categories "
                    f"({IDEAL})."),
               Slip("the sum without the factor n", lambda: sum(1 / k for k in range(1, 9)),
                    f"that is the sum 1 + 1/2 + … + 1/8 alone; multiply it by n = 8 ({IDEAL})."),
               Slip("n ln n", lambda: 8 * math.log(8),
                    f"that is the rough n × ln n rule; the question wants the exact sum formula "
                    f"({IDEAL})."),
               Slip("the sum one term short", lambda: 8 * sum(1 / k for k in range(1, 8)),
                    f"that stops the sum one term early: it runs 1 + 1/2 + … up to 1/n itself, one "
                    f"term for each category still to come ({IDEAL})."),
               Slip("16 categories", lambda: expected_days_to_cover(16, 1),
                    f"that is for the 16 categories of the four-pixel world. This world has 8 "
                    f"({IDEAL})."))),
    "pool_4_days": Answer(
        lambda: expected_days_to_cover(16, 4),
        "with j categories seen, a day of 4 images brings a new one with chance 1 - (j/16)**4.",
        decimals=1,
        slips=(Slip("one image a day", lambda: expected_days_to_cover(16, 1),
                    f"that is random collection, one image offered a day. Here 4 are offered, and "
                    f"we keep a new category whenever one of them has it ({IDEAL})."),
               Slip("a quarter of one a day", lambda: expected_days_to_cover(16, 1) / 4,
                    f"that divides the one-a-day wait by 4. But we still keep one image a day, and "
                    f"late on the 4 offered often hold nothing new: add up 1 / (1 − (j/16)^4) "
                    f"({IDEAL})."),
               Slip("the ideal", lambda: expected_days_to_cover(16, 10**6),
                    f"that is the ideal, a new category every day. With only 4 images offered, some "
                    f"days bring nothing new ({IDEAL})."),
               Slip("four kept a day", lambda: 16 / 4,
                    f"that keeps 4 new categories a day. We keep one image a day, the best of the 4 "
                    f"offered ({IDEAL})."))),
    "measured_small_shop": Answer(
        _small_shop,
        "weight each digit's recall by how often this customer sees it, then add (a weighted "
        "sum, not the plain mean of the recalls).",
        decimals=2, kind="fraction",
        slips=(Slip("the plain mean", lambda: float(np.mean(RECALL)),
                    f"that is the plain mean of the three recalls. The customer sees digits 1 and 7 "
                    f"far more often than 4: weight each recall by how often it is seen ({MEASURED})."),
               Slip("the everyday digits alone", lambda: max(RECALL),
                    f"that is the recall on the everyday digits alone. Digit 4 is part of the "
                    f"customer's images too, at its own recall ({MEASURED})."),
               Slip("the rare digit left out", lambda: float(np.dot(RECALL[:2], MIX[:2])),
                    f"that leaves out digit 4. Its images count too, each right with digit 4's "
                    f"recall ({MEASURED})."),
               Slip("the share it gets wrong", lambda: 1 - _small_shop(),
                    f"that is the share of images the model gets wrong; the customer's accuracy is "
                    f"the share it gets right ({MEASURED})."))),
    # widget task
    "random_one_customer": Answer(
        covered_by,
        "one customer's stream is mostly three everyday digits; random labels follow the "
        "stream. Set the widget to random, 1 customer, 20 labels a week and read the digits covered.",
        slips=(Slip("the widget's starting settings", _widget_start,
                    f"that is what the widget shows at its starting settings (k-center, 3 "
                    f"customers). Set the strategy to random and the customers to 1 ({SPIN})."),
               Slip("the everyday digits only",
                    lambda: len(flywheel.make_customers(1, seed=0)[0].common()),
                    f"that counts only the customer's everyday digits. Read the number of digits "
                    f"covered after the 12 weeks under the plot ({SPIN})."),
               Slip("seen, not covered", _seen_by,
                    f"that counts every digit with at least one labelled image. A digit counts as "
                    f"covered only with at least {flywheel.COVERED_AT} ({SPIN})."))),
}
