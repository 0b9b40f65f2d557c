"""Answers for the exercises and widget tasks of notebooks 07 (diminishing returns) and 03
(the long tail)."""

from ..collection import (
    days_for_confidence,
    days_to_share,
    expected_days_all,
    expected_information,
    expected_new_information,
    expected_samples_each,
    uncommon_share,
    zipf_frequencies,
)
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
        "multiply the ¼ bit by the chance that a category is still missing.",
        decimals=2),
    "last_hole_95": Answer(
        lambda: days_for_confidence(0.95, 1 / 16),
        "find the smallest whole n with 1 - (15/16)**n at or above 0.95 "
        "(days_for_confidence can do it); round up, never down."),
    "die_faces": Answer(
        lambda: expected_days_all(6),
        "the coupon collector: n times the sum 1 + 1/2 + … + 1/n, here with n = 6.",
        decimals=1),
    # notebook 07, widget tasks
    "bits_100_days_32": Answer(
        lambda: expected_information(100, 32),
        "each of the 32 categories is worth log2(32) / 32 bits; multiply by how many "
        "categories you expect to have seen after 100 days, 32 × (1 - (31/32)**100).",
        decimals=1),
    "last_hole_32": Answer(
        lambda: days_for_confidence(0.99, 1 / 32),
        "the last of 32 categories turns up on a given day with chance 1/32: the smallest "
        "n with 1 - (31/32)**n at or above 0.99."),
    # notebook 03
    "uncommon_100": Answer(
        lambda: uncommon_share(zipf_frequencies(100, 1.0), head=0.8),
        "count how many of the most frequent cases it takes to reach 80 % of all "
        "samples; the others are the uncommon ones. Answer as a fraction.",
        decimals=2, kind="fraction"),
    "balanced_cats": Answer(
        lambda: expected_samples_each(_cat_shares(), 20),
        "every type must reach 20, not only the rarest: the wait for the rarest alone, 20 / "
        "its share, is a lower bound; collection.expected_samples_each gives the exact "
        "expectation.",
        sig=3),
    "half_cases": Answer(
        lambda: days_to_share(0.5, zipf_frequencies(50, 1.2), of="cases"),
        "use days_to_share with of=\"cases\"; it is more than for half the mass."),
    # notebook 03, widget task
    "flat_tail_uncommon": Answer(
        lambda: uncommon_share(zipf_frequencies(50, 0.0), head=0.8),
        "with exponent 0 every case has the same share, 1/50: how many cases does it take "
        "to make up 80 % of the samples? The rest are uncommon.",
        decimals=2, kind="fraction"),
}
