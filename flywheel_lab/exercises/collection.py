"""Answers for the exercises of notebooks 07 (diminishing returns) and 03 (the long tail)."""

from ..collection import (balanced_collection, days_for_confidence, days_to_share,
                          expected_days_all, expected_new_information, uncommon_share,
                          zipf_frequencies)
from . import Answer


def _cat_shares():
    """Cat-type frequencies from the shipped (checksum-verified) table."""
    from ..data import read_table
    shares = read_table("cat_types.csv")["share_percent"].to_numpy()
    return shares / shares.sum()


ANSWERS = {
    # notebook 07
    "day3_bits": Answer(
        lambda: expected_new_information(3),
        "on day 3 a new category needs both earlier days to have missed it: "
        "multiply the ¼ bit by the chance that a category is still missing."),
    "last_hole_95": Answer(
        lambda: days_for_confidence(0.95, 1 / 16),
        "find the smallest whole n with 1 - (15/16)**n at or above 0.95 "
        "(days_for_confidence can do it)."),
    "die_faces": Answer(
        lambda: expected_days_all(6),
        "the coupon collector: n times the sum 1 + 1/2 + … + 1/n, here with n = 6.",
        rel_tol=1e-3),
    # notebook 03
    "uncommon_100": Answer(
        lambda: uncommon_share(zipf_frequencies(100, 1.0), head=0.8),
        "count how many of the most frequent cases it takes to reach 80 % of all "
        "samples; the others are the uncommon ones. Answer as a fraction."),
    "balanced_cats": Answer(
        lambda: balanced_collection(_cat_shares(), 20)["collected"],
        "the rarest cat type decides: how many images must you collect, on average, "
        "to get 20 of it?", rel_tol=1e-3),
    "half_cases": Answer(
        lambda: days_to_share(0.5, zipf_frequencies(50, 1.2), of="cases"),
        "use days_to_share with of=\"cases\"; it is more than for half the mass."),
}
