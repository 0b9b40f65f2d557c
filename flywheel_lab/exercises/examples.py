"""Answers for the exercises of notebook 02 (which example teaches the most)."""

import math

import numpy as np

from ..accuracy import narrow_training_set, rank_correlation, ranks
from ..information import self_information
from . import Answer, Slip

S1 = "section 1, 'Rare events carry more information'"
S4 = "section 4, 'What each candidate actually teaches'"
#: exercise 3: the four candidates' novelty scores and measured gains
NOVELTY, GAIN = [1, 2, 3, 4], [10, 20, 15, 40]


def _ranks_without_6():
    """The rank-correlation formula, 1 − 6 Σd² / (n(n² − 1)), with its factor 6 left out."""
    d = ranks(NOVELTY) - ranks(GAIN)
    n = len(d)
    return float(1 - np.sum(d ** 2) / (n * (n ** 2 - 1)))


def _blank_image_novelty():
    """Pixel novelty of an all-blank image against the notebook's narrow training set (seed 0)."""
    from .. import digits
    from ..coverage import novelty
    X_pool, _, y_pool, _ = digits.train_test_split(seed=0)
    held = narrow_training_set(X_pool, y_pool, per_class=5, seed=0)
    return float(novelty(np.zeros((1, 64)), X_pool[held])[0])


def _blank_vs_whole_pool():
    """The slip: blank-image novelty against the whole pool instead of the narrow set."""
    from .. import digits
    from ..coverage import novelty
    X_pool, *_ = digits.train_test_split(seed=0)
    return float(novelty(np.zeros((1, 64)), X_pool)[0])


ANSWERS = {
    "rare_digit_bits": Answer(
        lambda: self_information(1 / 64),
        "self-information is −log2 p (base 2, not the natural log): how many times must you "
        "halve 1 to reach p?",
        decimals=2,
        slips=(Slip("ln instead of log2", lambda: -math.log(1 / 64),
                    f"that is the natural log (np.log). Bits use base 2: np.log2 ({S1})."),
               Slip("outcomes, not bits", lambda: 64,
                    f"that is 1/p, not its bits: take log2 of it ({S1})."),
               Slip("chance instead of bits", lambda: 1 / 64,
                    f"that is the chance p (or the surprise of 'not a 7'), not the surprise of "
                    f"seeing a '7' in bits ({S1})."),
               Slip("log10 instead of log2", lambda: -math.log10(1 / 64),
                    f"that is the logarithm in base 10. Bits use base 2: np.log2 ({S1})."),
               Slip("weighted by its chance", lambda: (1 / 64) * self_information(1 / 64),
                    f"that is the surprise weighted by its chance, one term of an entropy. The "
                    f"question asks for the surprise of seeing one '7' itself ({S1})."))),
    "bits_ratio": Answer(
        lambda: self_information(1 / 1000) / self_information(1 / 10),
        "compute −log2 p for each event and divide the rarer one's bits by the common one's; "
        "the base of the logarithm cancels out.",
        decimals=2,
        slips=(Slip("ratio of the chances", lambda: (1 / 10) / (1 / 1000),
                    f"that compares the chances, not the bits: take −log2 of each first ({S1})."),
               Slip("divided the other way", lambda: self_information(1 / 10) / self_information(1 / 1000),
                    f"that divides the common event's bits by the rare one's: the other way round ({S1})."),
               Slip("difference, not ratio", lambda: self_information(1 / 1000) - self_information(1 / 10),
                    f"that is how many more bits, a difference; the question asks how many times as many ({S1})."))),
    "ranks_example": Answer(
        lambda: rank_correlation(NOVELTY, GAIN),
        "replace each list by its ranks (1 = smallest): the rank correlation is the ordinary "
        "correlation of the two rank lists, not of the raw values.",
        decimals=2,
        slips=(Slip("correlation of the raw values", lambda: float(np.corrcoef(NOVELTY, GAIN)[0, 1]),
                    "that is the correlation of the raw values, not of their ranks. "
                    "Replace each list by its ranks first."),
               Slip("squared", lambda: rank_correlation(NOVELTY, GAIN) ** 2,
                    "that is a correlation squared; the question asks for the rank correlation itself."),
               Slip("one list ranked the other way", lambda: -rank_correlation(NOVELTY, GAIN),
                    "the sign is wrong: rank both lists the same way, 1 = smallest."),
               Slip("without the factor 6", _ranks_without_6,
                    f"that leaves out the 6 of the formula: multiply the sum of the squared rank "
                    f"differences by 6 before you divide by n (n² − 1) ({S4})."))),
    "blank_novelty": Answer(
        _blank_image_novelty,
        "novelty is the distance to the nearest image of the training set: use the narrow "
        "training set X_pool[held], not the whole pool, and an image of 64 zeros.",
        sig=3,
        slips=(Slip("the whole pool", _blank_vs_whole_pool,
                    "that is the distance to the whole pool. Use the narrow training set, "
                    "X_pool[held] (section 2, 'A narrow training set')."),
               Slip("squared distance", lambda: _blank_image_novelty() ** 2,
                    "that is the squared distance; novelty is the distance itself."))),
}
