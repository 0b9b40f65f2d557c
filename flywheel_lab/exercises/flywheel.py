"""Answers for the exercises of notebook 10 (the whole flywheel)."""

from ..flywheel import expected_days_to_cover, measured_accuracy
from . import Answer

ANSWERS = {
    "random_days_8": Answer(
        lambda: expected_days_to_cover(8, 1),
        "a pool of one image a day is random collection: n times the n-th harmonic number."),
    "pool_4_days": Answer(
        lambda: expected_days_to_cover(16, 4),
        "with j categories seen, a day of 4 images brings a new one with chance 1 - (j/16)**4."),
    "measured_small_shop": Answer(
        lambda: measured_accuracy([0.95, 0.95, 0.2], [0.45, 0.45, 0.1]),
        "weight each digit's recall by how often this customer sees it, then add."),
}
