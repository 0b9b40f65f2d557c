"""Answers for the exercises of notebook 01 (information in bits)."""

from ..information import binary_entropy, entropy, questions_needed, raw_image_bits
from . import Answer

ANSWERS = {
    "die_entropy": Answer(
        lambda: entropy([1 / 6] * 6),
        "a fair die has 6 equally likely faces: what is log2 of the number of outcomes?"),
    "questions_for_100": Answer(
        lambda: questions_needed(100),
        "each answer halves the candidates; how many halvings bring 100 down to 1? Round up."),
    "coin_90": Answer(
        lambda: binary_entropy(0.9),
        "use binary_entropy(p) with the probability of heads; the answer is below 1 bit."),
    "hd_frame_bits": Answer(
        lambda: raw_image_bits(1920, 1080, 24),
        "multiply width × height × bits per pixel (24 for colour)."),
    "skewed_mix": Answer(
        lambda: entropy([0.5, 0.25, 0.125, 0.125]),
        "add p·log2(1/p) over the four categories; powers of two give whole-number logs."),
}
