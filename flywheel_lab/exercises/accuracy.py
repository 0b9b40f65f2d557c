"""Answers for the exercises and the widget task of notebook 04 (measured vs real accuracy)."""

from ..accuracy import balanced_accuracy, measured_accuracy, required_class_accuracy
from . import Answer


def rare_share_for(target=0.8, common=0.9, rare=0.1):
    """Rare share at which the measured accuracy falls to ``target`` (solved from the mix)."""
    share = (common - target) / (common - rare)
    assert abs(measured_accuracy([1 - share, share], [common, rare]) - target) < 1e-12
    return share


ANSWERS = {
    "small_customer": Answer(
        lambda: measured_accuracy([450, 50], [0.95, 0.2]),
        "count the images right in each class (count × accuracy), add them, divide by all images.",
        decimals=2, kind="fraction"),
    "three_class_balanced": Answer(
        lambda: balanced_accuracy([0.9, 0.8, 0.1]),
        "balanced accuracy gives every class the same weight: add the three and divide by "
        "how many classes there are (the mean, not the sum).",
        decimals=2, kind="fraction"),
    "exotic_needed": Answer(
        lambda: required_class_accuracy(0.9, [990, 10], [0.9, 0.1], which=1),
        "write measured = (990 × 0.9 + 10 × a) / 1000, set it equal to the target and solve for a.",
        decimals=2, kind="fraction"),
    # widget task
    "rare_share_for_80": Answer(
        rare_share_for,
        "measured = common accuracy × (1 − share) + rare accuracy × share; set it to 0.8 "
        "and solve for the share.",
        decimals=3, kind="fraction"),
}
