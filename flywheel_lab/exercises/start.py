"""Answers for the warm-up exercises of notebook 00 (start here)."""

from ..information import binary_entropy, entropy, questions_needed
from . import Answer

ANSWERS = {
    "three_coins": Answer(
        lambda: entropy([1 / 8] * 8),
        "three fair flips have 2 × 2 × 2 equally likely results; bits add up flip by flip.",
        decimals=2),
    "number_1_to_8": Answer(
        lambda: questions_needed(8),
        "each yes/no answer can rule out half of the numbers that are left."),
    # widget task: the self-check widget
    "certain_coin": Answer(
        lambda: binary_entropy(1.0),
        "a coin that always lands heads: before the flip, do you already know the result?",
        decimals=2),
}
