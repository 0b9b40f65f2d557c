"""Answers for the exercises of notebook 02 (which example teaches the most)."""

import numpy as np

from ..accuracy import narrow_training_set, rank_correlation
from ..information import self_information
from . import Answer


def _blank_image_novelty():
    """Pixel novelty of an all-blank image against the notebook's narrow training set (seed 0)."""
    from .. import digits
    from ..coverage import novelty
    X_pool, _, y_pool, _ = digits.train_test_split(seed=0)
    held = narrow_training_set(X_pool, y_pool, per_class=5, seed=0)
    return float(novelty(np.zeros((1, 64)), X_pool[held])[0])


ANSWERS = {
    "rare_digit_bits": Answer(
        lambda: self_information(1 / 64),
        "self-information is −log2 p (base 2, not the natural log): how many times must you "
        "halve 1 to reach p?",
        decimals=2),
    "bits_ratio": Answer(
        lambda: self_information(1 / 1000) / self_information(1 / 10),
        "compute −log2 p for each event and divide the rarer one's bits by the common one's; "
        "the base of the logarithm cancels out.",
        decimals=2),
    "ranks_example": Answer(
        lambda: rank_correlation([1, 2, 3, 4], [10, 20, 15, 40]),
        "replace each list by its ranks (1 = smallest) and use rank_correlation, or Pearson's r "
        "on the ranks (not on the raw values).",
        decimals=2),
    "blank_novelty": Answer(
        _blank_image_novelty,
        "novelty is the distance to the nearest image of the training set: use the narrow "
        "training set X_pool[held], not the whole pool, and an image of 64 zeros.",
        sig=3),
}
