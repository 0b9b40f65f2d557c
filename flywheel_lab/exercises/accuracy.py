"""Answers for the exercises of notebook 04 (measured vs real accuracy)."""

from ..accuracy import balanced_accuracy, measured_accuracy, required_class_accuracy
from . import Answer

ANSWERS = {
    "small_customer": Answer(
        lambda: measured_accuracy([450, 50], [0.95, 0.2]),
        "count the images right in each class (count × accuracy), add them, divide by all images."),
    "three_class_balanced": Answer(
        lambda: balanced_accuracy([0.9, 0.8, 0.1]),
        "balanced accuracy gives every class the same weight: how many classes, and what is their mean?"),
    "exotic_needed": Answer(
        lambda: required_class_accuracy(0.9, [990, 10], [0.9, 0.1], which=1),
        "write measured = (990 × 0.9 + 10 × a) / 1000, set it equal to the target and solve for a."),
}
