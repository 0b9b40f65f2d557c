"""Answers for the exercises and widget tasks of notebook 01 (information in bits)."""

import numpy as np

from ..information import binary_entropy, entropy, max_entropy, questions_needed, raw_image_bits
from . import Answer

#: the chance-of-heads values the coin widget's slider can take
COIN_SLIDER = np.round(np.linspace(0.0, 1.0, 101), 2)


def same_entropy_as(p=0.3):
    """The other slider setting whose binary entropy equals that of ``p``."""
    target = binary_entropy(p)
    same = [q for q in COIN_SLIDER if q != p and np.isclose(binary_entropy(q), target, atol=1e-12)]
    return float(same[0])


ANSWERS = {
    "die_entropy": Answer(
        lambda: entropy([1 / 6] * 6),
        "a fair die has 6 equally likely faces: what is log2 of the number of outcomes?",
        sig=3),
    "questions_for_100": Answer(
        lambda: questions_needed(100),
        "each answer halves the candidates; how many halvings bring 100 down to 1? Round up."),
    "coin_90": Answer(
        lambda: binary_entropy(0.9),
        "use the binary entropy with the probability of heads and logarithms in base 2 "
        "(not the natural log); the answer is below 1 bit.",
        decimals=2),
    "hd_frame_bits": Answer(
        lambda: raw_image_bits(1920, 1080, 24),
        "multiply width × height × bits per pixel (24 for colour): bits, not bytes.",
        sig=3),
    "skewed_mix": Answer(
        lambda: entropy([0.5, 0.25, 0.125, 0.125]),
        "add p·log2(1/p) over the four categories; powers of two give whole-number logs.",
        decimals=2),
    # widget tasks
    "same_as_p03": Answer(
        same_entropy_as,
        "the curve is symmetric: swapping heads and tails changes nothing about the surprise.",
        decimals=2, kind="fraction"),
    "mix_max_bits": Answer(
        lambda: max_entropy(5),
        "the entropy is largest when no category is easier to predict than another; "
        "then it is log2 of the number of categories.",
        decimals=2),
}
