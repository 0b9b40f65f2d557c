"""Student-style answers for every exercise and widget task (used by tests/test_exercises.py).

``right_forms(key)`` builds the right answer in every form a student types: the value
the suggested function returns, numpy scalars, 0-d and one-element arrays, a one-element
list, the value rounded at the stated precision and one digit finer, a numeric string;
for whole numbers ``6.0`` and ``"6"``; for sets a list, a tuple, an array; for names other
spellings. ``WRONG_FORMS[key]`` lists the usual misconceptions and format slips, each with
the feedback it must get (``WRONG``: a wrong value, told by the hint or by a named slip —
tests/test_slips.py holds which slip each predictable wrong answer must get).
"""

import math

import numpy as np

from flywheel_lab import collection, exercises, pixels
from flywheel_lab.exercises import (
    LIST,
    NUMBER_FOR_SET,
    PERCENT,
    ROUNDED_TWICE,
    SET_AS_TEXT,
    TEXT,
    TOO_FEW_DIGITS,
    TRUNCATED,
    WRONG,
)


def _rounded(entry, x, extra=0):
    """``x`` as a student rounds it at the stated precision (plus ``extra`` digits), as text."""
    if entry.decimals is not None:
        return f"{x:.{entry.decimals + extra}f}"
    return f"{float(f'{x:.{entry.sig + extra}g}'):g}" if entry.sig + extra < 7 else repr(x)


def right_forms(key):
    """``[(label, answer), …]``: the right answer as students write it ("text…" = a string)."""
    entry = exercises.lookup(key)
    x = entry.value()
    if isinstance(x, str):
        return [("name", x), ("name in capitals", x.upper()), ("name padded", f"  {x} "),
                ("name with hyphen", x.replace("_", "-") if "_" in x else x[:1] + "-" + x[1:])]
    if isinstance(x, (set, frozenset)):
        ordered = sorted(x)
        return [("set", set(x)), ("list", ordered), ("tuple reversed", tuple(ordered[::-1])),
                ("numpy array", np.array(ordered)), ("list with a repeat", ordered + ordered[:1]),
                ("set of numpy ints", {np.int64(v) for v in ordered})]
    forms = [("as returned", x), ("numpy float64", np.float64(x)), ("0-d array", np.array(x)),
             ("one-element array", np.array([x])), ("one-element list", [x]),
             ("2-D one-element array", np.array([[x]]))]
    if entry.decimals is None and entry.sig is None:        # an exact whole number
        assert float(x).is_integer(), key
        n = int(x)
        return forms + [("int", n), ("float", float(n)), ("numpy int64", np.int64(n)),
                        ("text", str(n)), ("text with spaces", f" {n} ")]
    rounded, finer = _rounded(entry, x), _rounded(entry, x, 1)
    forms += [("rounded", float(rounded)), ("one digit finer", float(finer)),
              ("rounded float32", np.float32(rounded)), ("rounded in a list", [float(rounded)]),
              ("text rounded", rounded), ("text finer", finer)]
    if float(x).is_integer():
        forms += [("whole number", int(x)), ("text whole number", str(int(x)))]
    return forms


def _off_by_one(key, step=1):
    return exercises.lookup(key).value() + step


def _closing_neighbour(step):
    """The k listed next to the right one in notebook 06's CLOSING_KS."""
    from flywheel_lab.exercises.pixels import CLOSING_KS
    right = exercises.lookup("pixels.softmax_closing_k").value()
    return CLOSING_KS[CLOSING_KS.index(right) + step]


def _blank_vs_whole_pool():
    """Blank-image novelty against the whole pool instead of the narrow training set."""
    from flywheel_lab import coverage, digits
    X_pool, *_ = digits.train_test_split(seed=0)
    return float(coverage.novelty(np.zeros((1, 64)), X_pool)[0])


def _cat_rarest_alone():
    from flywheel_lab.exercises.collection import _cat_shares
    return collection.balanced_collection(_cat_shares(), 20)["collected"]


# Each entry: (answer, feedback kind). Comments name the misconception.
WRONG_FORMS = {
    "start.three_coins": [(8, WRONG),                                   # outcomes, not bits
                          (1.5, WRONG), ("three", TEXT)],
    "start.number_1_to_8": [(8, WRONG), (4, WRONG),                     # one question too many
                            (2, WRONG), ([1, 2, 3], LIST)],
    "start.certain_coin": [(1, WRONG), (0.5, WRONG), ("zero", TEXT)],
    "information.die_entropy": [(round(math.log(6), 2), WRONG),         # natural log
                                (2.59, ROUNDED_TWICE), (2.6, TOO_FEW_DIGITS), (6, WRONG),
                                ("2,58", TEXT), ([1.79, 2.58], LIST), (True, WRONG)],
    "information.questions_for_100": [(6, WRONG),                       # one too few
                                      (6.64, WRONG),                    # log2(100), not rounded up
                                      (50, WRONG), ("seven", TEXT)],
    "information.coin_90": [(0.33, WRONG),                              # natural log: 0.325
                            (0.9, WRONG), (0.1, WRONG), (0.5, WRONG), ("0,47", TEXT)],
    "information.hd_frame_bits": [(1920 * 1080 * 3, WRONG),             # bytes, not bits
                                  (1920 * 1080, WRONG), (5e7, WRONG)],
    "information.skewed_mix": [(2.5, WRONG), (1.5, WRONG), (1.8, TOO_FEW_DIGITS),
                               (4, WRONG)],                             # the number of categories
    "information.same_as_p03": [(0.3, WRONG), (0.5, WRONG), (70, PERCENT), ("70%", PERCENT)],
    "information.mix_max_bits": [(5, WRONG),                            # the number of categories
                                 (math.log(5), WRONG),                  # natural log
                                 (2.3, TOO_FEW_DIGITS), (2.33, WRONG)],
    "examples.rare_digit_bits": [(round(math.log(64), 2), WRONG),       # natural log: 4.16
                                 (64, WRONG), (1 / 64, WRONG), ("6 bits", TEXT)],
    "examples.bits_ratio": [(100, WRONG),                               # the ratio of the odds
                            (1 / 3, WRONG), (2, WRONG)],
    "examples.ranks_example": [(0.83, WRONG),                           # Pearson's r on raw values
                               (1.0, WRONG), (80, WRONG)],
    "examples.blank_novelty": [(round(_blank_vs_whole_pool(), 2), WRONG),  # the whole pool
                               (0, WRONG), (64, WRONG)],
    "collection.day3_bits": [(0.25, WRONG),                             # day 1's quarter bit
                             (round(0.25 * 15 / 16, 3), WRONG),         # day 2
                             (0.2, WRONG), (22, WRONG)],
    "collection.last_hole_95": [(_off_by_one("collection.last_hole_95", -1), WRONG),  # a day too few
                                (46.4, WRONG),                          # not rounded up
                                (16, WRONG), (0.95, WRONG)],
    "collection.die_faces": [(6, WRONG), (2.45, WRONG),                 # H_6 without the factor 6
                             (15, TOO_FEW_DIGITS), (14.6, WRONG)],
    "collection.bits_100_days_32": [(5.0, WRONG),                       # the whole signal
                                    (4.0, WRONG),                       # slip: the widget left at 16
                                    (4.7, TRUNCATED), (4.8 * 32, WRONG)],
    "collection.last_hole_32": [(2 * collection.days_for_confidence(0.99, 1 / 16), WRONG),  # slip: twice 16's
                                (_off_by_one("collection.last_hole_32", -1), WRONG), (32, WRONG)],
    "collection.uncommon_100": [(0.2, WRONG),                           # the 80/20 rule of thumb
                                (0.36, WRONG),                          # the common share
                                (64, PERCENT), ("64%", PERCENT), ("64 %", PERCENT), (36, WRONG)],
    "collection.balanced_cats": [(round(_cat_rarest_alone(), 1), WRONG),  # the rarest type only
                                 (round(_cat_rarest_alone()), WRONG),
                                 (20 * 7, WRONG), (6700, TOO_FEW_DIGITS), ("about 7000", TEXT)],
    "collection.half_cases": [(_off_by_one("collection.half_cases", -1), WRONG),
                              (collection.days_to_share(0.5, collection.zipf_frequencies(50, 1.2),
                                                        of="mass"), WRONG),  # half the samples
                              (25, WRONG)],
    "collection.flat_tail_uncommon": [(20, PERCENT), ("20 %", PERCENT), (0.8, WRONG),
                                      (10, WRONG)],                     # the count, not the share
    "accuracy.small_customer": [((0.95 + 0.2) / 2, WRONG),              # the plain mean
                                (87.5, PERCENT), ("87.5%", PERCENT), (0.9, WRONG),
                                (0.95, WRONG)],
    "accuracy.three_class_balanced": [(1.8, WRONG),                     # the sum, not the mean
                                      (60, PERCENT), (0.8, WRONG)],
    "accuracy.exotic_needed": [(0.1, WRONG), (90, PERCENT), (1.0, WRONG)],
    "accuracy.rare_share_for_80": [(0.25, WRONG),                       # (0.9 - 0.8) / 0.4
                                   (0.1, WRONG), (0.11, WRONG), (12.5, PERCENT), ("12.5 %", PERCENT),
                                   (0.13, TOO_FEW_DIGITS), (0.2, WRONG)],
    "coverage.duplicate_novelty": [(1, WRONG), (0.5, WRONG), ([0.0, 0.0], LIST)],
    "coverage.margin_uncertainty": [(0.5, WRONG),                       # top minus smallest
                                    (0.3, WRONG), (70, PERCENT), (0.4, WRONG)],
    "coverage.kcenter_pick": [(1, WRONG), (4, WRONG), ([3, 1], LIST), ("three", TEXT)],
    "coverage.hole_kcenter": [(_off_by_one("coverage.hole_kcenter", -1), WRONG), (0, WRONG),
                              (20, WRONG)],
    "coverage.smallest_hole_strategy": [("random", WRONG), ("margin", WRONG), ("hybrid", WRONG),
                                        (4, WRONG)],
    "funnel.full_trip": [(0.5, WRONG), (52.8, WRONG),          # cents, not dollars
                         (0.52, TRUNCATED), (0.03, WRONG)],             # without the label; cut off
    "funnel.prelabel_cost": [(200 * 0.5, WRONG),                        # every image fully labelled
                             (180 * 0.1, WRONG),
                             (200 * 0.1, WRONG)],                       # slip: approval for all
    "funnel.bits_per_cell_256": [(6 / 64, WRONG),                       # the 64-cell map
                                 (8, WRONG), (0.03, WRONG), (0.04, WRONG)],
    "funnel.costliest_filter_off": [("pre_label", WRONG), ("deduplicate", WRONG),
                                    ("drop_corrupted", WRONG)],
    "flywheel.random_days_8": [(8, WRONG), (2.7, WRONG),                # H_8 alone
                               (22, TOO_FEW_DIGITS), (21.8, WRONG)],
    "flywheel.pool_4_days": [(54.1 / 4, WRONG),                         # a quarter of one a day
                             (54.1, WRONG), (23, TOO_FEW_DIGITS), (22.7, TRUNCATED)],
    "flywheel.measured_small_shop": [((0.95 + 0.95 + 0.2) / 3, WRONG),  # the plain mean
                                     (87.5, PERCENT), (0.9, WRONG), (0.95, WRONG)],
    "flywheel.random_one_customer": [(_off_by_one("flywheel.random_one_customer", -1), WRONG),
                                     (10, WRONG), (3, WRONG)],
    "pixels.category_tl_br": [(9, WRONG),                               # bits read the other way
                              ([1, 0, 0, 1], LIST), (3, WRONG), ("six", TEXT)],
    "pixels.neighbours_15": [({7, 11, 13}, WRONG), (4, NUMBER_FOR_SET),
                             ("seven, eleven", SET_AS_TEXT), ("{7, 11, 13}", WRONG),
                             ({1, 2, 4, 8}, WRONG)],  # category 0's
    "pixels.two_flips_from_4": [(4, WRONG), (2, WRONG), (16, WRONG)],
    "pixels.two_holes_4_6": [(set(pixels.neighbours(4)), WRONG),        # kept the other hole
                             ({4, 6}, WRONG), (12, NUMBER_FOR_SET)],
    "pixels.hole_predictions": [(_off_by_one("pixels.hole_predictions", 1), WRONG),
                                (1000, WRONG), ("none", TEXT)],
    "pixels.hole_9_candidates": [(set(pixels.neighbours(9)) | {9}, WRONG),  # includes the hole
                                 (set(pixels.neighbours(6)), WRONG), (4, NUMBER_FOR_SET)],
    "pixels.softmax_closing_k": [(_closing_neighbour(1), WRONG), (_closing_neighbour(-1), WRONG),
                                 ([0, 1, 2, 5], LIST)],
}
