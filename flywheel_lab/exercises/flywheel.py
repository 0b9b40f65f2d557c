"""Answers for the exercises and the widget task of notebook 10 (the whole flywheel)."""

from functools import lru_cache

from .. import flywheel
from ..flywheel import expected_days_to_cover, measured_accuracy
from . import Answer


@lru_cache(maxsize=8)
def covered_by(strategy="random", n_customers=1):
    """Digits covered after the widget's 12 weeks of 20 labels a week (seed 0)."""
    return int(flywheel.simulate(strategy, 20, n_customers, weeks=12, seed=0).covered[-1])


ANSWERS = {
    "random_days_8": Answer(
        lambda: expected_days_to_cover(8, 1),
        "a pool of one image a day is random collection: n times the n-th harmonic number.",
        decimals=1),
    "pool_4_days": Answer(
        lambda: expected_days_to_cover(16, 4),
        "with j categories seen, a day of 4 images brings a new one with chance 1 - (j/16)**4.",
        decimals=1),
    "measured_small_shop": Answer(
        lambda: measured_accuracy([0.95, 0.95, 0.2], [0.45, 0.45, 0.1]),
        "weight each digit's recall by how often this customer sees it, then add (a weighted "
        "sum, not the plain mean of the recalls).",
        decimals=2, kind="fraction"),
    # widget task
    "random_one_customer": Answer(
        covered_by,
        "one customer's stream is mostly three everyday digits; random labels follow the "
        "stream. Set the widget to random, 1 customer, 20 labels a week and read the digits covered."),
}
