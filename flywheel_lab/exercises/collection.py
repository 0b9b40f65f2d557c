"""Answers for the exercises and widget tasks of notebooks 07 (diminishing returns) and 03
(the long tail)."""

import inspect
import math

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
from . import Answer, Slip

S12 = "section 'Day 1 and day 2'"
LAST = "section 'The last hole'"
ALL = "section 'How long until we have *everything*?'"
TAIL = "section 'A long tail of cases'"
RETURNS = "section 'Try it yourself'"                                    # notebook 07
HOLE_WIDGET = "section 'A second widget: the last hole for any number of categories'"
SHARE = "section 'Covering the cases takes far longer than covering the samples'"
BALANCED = "section 'Balanced: the same number of every type'"
TAIL_WIDGET = "section 'Try it yourself'"                                # notebook 03
#: the 16 equally likely categories of notebook 07's set-up
CATEGORIES = 16


def _cat_shares():
    """Cat-type frequencies from the shipped (checksum-verified) table."""
    from ..data import read_table
    shares = read_table("cat_types.csv")["share_percent"].to_numpy()
    return shares / shares.sum()


def _tail_widget_start():
    """Uncommon share at the tail widget's starting cases, exponent and head (notebook 03)."""
    from ..widgets.collection import long_tail
    start = inspect.signature(long_tail).parameters
    return uncommon_share(zipf_frequencies(start["categories"].default, start["exponent"].default),
                          head=start["head"].default)


def _last_hole_slips(confidence, categories):
    """The usual slips on "how many days to be this sure of closing the last of ``categories``"."""
    p = 1 / categories
    return (Slip("the day before", lambda: days_for_confidence(confidence, p) - 1,
                 f"one day short: on that day the chance is still below {confidence:g} ({LAST})."),
            Slip("not rounded up", lambda: math.log(1 - confidence) / math.log(1 - p),
                 f"a number of days is whole: round up, never down ({LAST})."),
            Slip("one day per category", lambda: categories,
                 f"that is the number of categories: a new category every day, or the average wait "
                 f"for one given category. Pictures repeat categories, and after the average wait a "
                 f"category is still missing far too often to be this sure ({LAST})."))


ANSWERS = {
    # notebook 07
    "day3_bits": Answer(
        lambda: expected_new_information(3),
        "on day 3 a new category needs both earlier days to have missed it: "
        "multiply the ¼ bit by the chance that a category is still missing.",
        decimals=2,
        slips=(Slip("day 1", lambda: expected_new_information(1),
                    f"that is day 1's new information; by day 3 some categories are already seen ({S12})."),
               Slip("the day before", lambda: expected_new_information(2),
                    f"that is day 2: on day 3 a category must have been missed on both earlier days ({S12})."),
               Slip("the day after", lambda: expected_new_information(4),
                    f"that is one day too many: day 3 has two earlier days, not three ({S12})."),
               Slip("the total held, not day 3's gain", lambda: expected_information(3),
                    f"that is all the information held after three days. The question asks for "
                    f"what day 3 adds on its own ({S12})."))),
    "last_hole_95": Answer(
        lambda: days_for_confidence(0.95, 1 / 16),
        "find the smallest whole n with 1 - (15/16)**n at or above 0.95 "
        "(days_for_confidence can do it); round up, never down.",
        slips=_last_hole_slips(0.95, CATEGORIES) + (
            Slip("the 99 % answer", lambda: days_for_confidence(0.99, 1 / CATEGORIES),
                 f"that is how many days make you 99 % sure, the section's example. This "
                 f"question asks to be only 95 % sure ({LAST})."),)),
    "die_faces": Answer(
        lambda: expected_days_all(6),
        "the coupon collector: n times the sum 1 + 1/2 + … + 1/n, here with n = 6.",
        decimals=1,
        slips=(Slip("one day per face", lambda: 6,
                    f"that assumes a new face every day; faces repeat ({ALL})."),
               Slip("the sum without the factor n", lambda: sum(1 / k for k in range(1, 7)),
                    f"that is the sum 1 + 1/2 + … + 1/6 alone; multiply it by n = 6 ({ALL})."),
               Slip("n ln n", lambda: 6 * math.log(6),
                    f"that is the rough n × ln n rule; the question wants the exact sum formula ({ALL})."),
               Slip("the sum one term short", lambda: 6 * sum(1 / k for k in range(1, 6)),
                    f"that stops the sum one term early: it runs 1 + 1/2 + … up to 1/n itself, one "
                    f"term for each face still to come ({ALL})."))),
    # notebook 07, widget tasks
    "bits_100_days_32": Answer(
        lambda: expected_information(100, 32),
        "each of the 32 categories is worth log2(32) / 32 bits; multiply by how many "
        "categories you expect to have seen after 100 days, 32 × (1 - (31/32)**100).",
        decimals=1,
        slips=(Slip("categories, not bits", lambda: 32 * (1 - (31 / 32) ** 100),
                    "that is the number of categories seen; each is worth log2(32) / 32 bits."),
               Slip("ln instead of log2", lambda: expected_information(100, 32) * math.log(2),
                    "that is the natural log; bits use log base 2 (np.log2)."),
               Slip("the whole signal", lambda: math.log2(32),
                    "that is all of the information, as if every category had been seen; some are still missing."),
               Slip("the widget left at 16 categories", lambda: expected_information(100, CATEGORIES),
                    f"that is what the widget shows at its start, with 16 categories. Set the "
                    f"categories slider to 32 ({RETURNS})."))),
    "last_hole_32": Answer(
        lambda: days_for_confidence(0.99, 1 / 32),
        "the last of 32 categories turns up on a given day with chance 1/32: the smallest "
        "n with 1 - (31/32)**n at or above 0.99.",
        slips=_last_hole_slips(0.99, 32) + (
            Slip("the widget left at 16 categories", lambda: days_for_confidence(0.99, 1 / CATEGORIES),
                 f"that is what the widget shows at its start, with 16 categories. Set the "
                 f"categories slider to 32 ({HOLE_WIDGET})."),
            Slip("twice the days for 16", lambda: 2 * days_for_confidence(0.99, 1 / CATEGORIES),
                 f"that doubles the days for 16 categories, a rule of thumb. Find the days for 32 "
                 f"categories themselves: set the slider to 32 ({HOLE_WIDGET})."))),
    # notebook 03
    "uncommon_100": Answer(
        lambda: uncommon_share(zipf_frequencies(100, 1.0), head=0.8),
        "count how many of the most frequent cases it takes to reach 80 % of all "
        "samples; the others are the uncommon ones. Answer as a fraction.",
        decimals=2, kind="fraction",
        slips=(Slip("the 80/20 rule of thumb", lambda: 0.2,
                    f"that is the 80/20 rule of thumb; count the cases in this tail ({TAIL})."),
               Slip("the common share", lambda: 1 - uncommon_share(zipf_frequencies(100, 1.0), head=0.8),
                    f"that is the share of common cases; the question asks for the uncommon ones ({TAIL})."),
               Slip("the exponent-0.75 row", lambda: uncommon_share(zipf_frequencies(100, 0.75), head=0.8),
                    f"that is the share at exponent 0.75, another row of the section's table. The "
                    f"question asks for exponent 1 ({TAIL})."))),
    "balanced_cats": Answer(
        lambda: expected_samples_each(_cat_shares(), 20),
        "every type must reach 20, not only the rarest: the wait for the rarest alone, 20 / "
        "its share, is a lower bound; collection.expected_samples_each gives the exact "
        "expectation.",
        sig=3,
        slips=(Slip("the rarest type alone", lambda: 20 / _cat_shares().min(),
                    "that is the wait for the rarest type alone; the others must reach 20 too."),
               Slip("20 per type, in turn", lambda: 20 * len(_cat_shares()),
                    "that is 20 of every type: the images you keep, as if the types arrived in turn. "
                    "They arrive at random, mostly the common ones, so you collect far more."),
               Slip("the default per_category", lambda: expected_samples_each(_cat_shares()),
                    f"that is expected_samples_each with its default: one image of every type. The "
                    f"question asks for 20 of every type: pass per_category ({BALANCED})."))),
    "half_cases": Answer(
        lambda: days_to_share(0.5, zipf_frequencies(50, 1.2), of="cases"),
        "use days_to_share with of=\"cases\"; it is more than for half the mass.",
        slips=(Slip("half the samples", lambda: days_to_share(0.5, zipf_frequencies(50, 1.2), of="mass"),
                    "that is the days to half of the samples (the mass); the question asks for half of the cases."),
               Slip("the day before", lambda: days_to_share(0.5, zipf_frequencies(50, 1.2), of="cases") - 1,
                    "one day short: count the day on which half of the cases is reached."),
               Slip("one case per day", lambda: 25,
                    "that assumes a new case every day; common cases come back again and again."),
               Slip("the default freqs", lambda: days_to_share(0.5, of="cases"),
                    f"that is days_to_share with its default frequencies, 16 equally common "
                    f"categories. Pass the question's 50 cases with exponent 1.2 as freqs "
                    f"({SHARE})."))),
    # notebook 03, widget task
    "flat_tail_uncommon": Answer(
        lambda: uncommon_share(zipf_frequencies(50, 0.0), head=0.8),
        "with exponent 0 every case has the same share, 1/50: how many cases does it take "
        "to make up 80 % of the samples? The rest are uncommon.",
        decimals=2, kind="fraction",
        slips=(Slip("the common share", lambda: 0.8,
                    f"that is the share of common cases; the question asks for the uncommon ones ({TAIL})."),
               Slip("the count, not the share", lambda: 50 * uncommon_share(zipf_frequencies(50, 0.0), head=0.8),
                    f"that is how many cases are uncommon; give it as a share of all 50 ({TAIL})."),
               Slip("one case's share", lambda: 1 / 50,
                    f"that is the share of one case; the question asks for all the uncommon ones together ({TAIL})."),
               Slip("the widget's starting exponent", _tail_widget_start,
                    f"that is the share at the widget's starting exponent. Set the Zipf exponent "
                    f"slider to 0, keeping 50 cases and 80 % common ({TAIL_WIDGET})."))),
}
