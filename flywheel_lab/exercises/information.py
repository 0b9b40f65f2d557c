"""Answers for the exercises and widget tasks of notebook 01 (information in bits)."""

import inspect
import math

import numpy as np

from ..information import (
    binary_entropy,
    entropy,
    entropy_of_weights,
    max_entropy,
    questions_needed,
    raw_image_bits,
)
from . import Answer, Slip

S1, S2, S3 = ("section 1, 'A coin flip'", "section 2, 'Twenty questions'",
              "section 3, 'The entropy of a mix of categories'")
LN = ("that is the natural log (math.log, np.log). Bits use logarithms in base 2: "
      "math.log2 or np.log2")
S4 = "section 4, 'Data bits vs information bits'"

#: the chance-of-heads values the coin widget's slider can take
COIN_SLIDER = np.round(np.linspace(0.0, 1.0, 101), 2)


def same_entropy_as(p=0.3):
    """The other slider setting whose binary entropy equals that of ``p``."""
    target = binary_entropy(p)
    same = [q for q in COIN_SLIDER if q != p and np.isclose(binary_entropy(q), target, atol=1e-12)]
    return float(same[0])


def _mix_start_bits():
    """Entropy of the mix widget's start weights (what its still shows run top to bottom)."""
    from ..widgets.information import category_mix_explorer
    return entropy_of_weights(inspect.signature(category_mix_explorer).parameters["weights"].default)


ANSWERS = {
    "die_entropy": Answer(
        lambda: entropy([1 / 6] * 6),
        "a fair die has 6 equally likely faces: what is log2 of the number of outcomes?",
        sig=3,
        slips=(Slip("ln instead of log2", lambda: math.log(6), f"{LN} (see {S3})."),
               Slip("outcomes, not bits", lambda: 6,
                    f"that is the number of outcomes, not the bits: take log2 of it ({S3})."),
               Slip("log10 instead of log2", lambda: math.log10(6),
                    f"that is the logarithm in base 10. Bits use base 2: np.log2 ({S3})."),
               Slip("chance instead of bits", lambda: 1 / 6,
                    f"that is the chance of one face, not the bits of uncertainty ({S3})."),
               Slip("whole questions, not bits", lambda: questions_needed(6),
                    f"that is how many whole yes/no questions one roll needs. The entropy is the "
                    f"average information, and it need not be a whole number ({S3})."))),
    "questions_for_100": Answer(
        lambda: questions_needed(100),
        "each answer halves the candidates; how many halvings bring 100 down to 1? Round up.",
        slips=(Slip("rounded down", lambda: math.floor(math.log2(100)),
                    f"that is log2(100) rounded down: so many questions tell apart fewer than 100 "
                    f"numbers. Round up ({S2})."),
               Slip("not rounded up", lambda: math.log2(100),
                    f"you cannot ask part of a question: the count of questions is a whole number, "
                    f"rounded up ({S2})."),
               Slip("ln instead of log2", lambda: math.log(100),
                    f"that is the natural log. Halvings are counted with log base 2 ({S2})."),
               Slip("one candidate at a time", lambda: 100,
                    f"that is asking about one number at a time; a good question rules out half "
                    f"the numbers left ({S2})."),
               Slip("one candidate at a time, last one known", lambda: 100 - 1,
                    f"that is asking about one number at a time (the last one you then know "
                    f"without asking); a good question rules out half the numbers left ({S2})."),
               Slip("log10 instead of log2", lambda: math.log10(100),
                    f"that is the logarithm in base 10: it counts how many times you divide by 10. "
                    f"Each yes/no answer halves the candidates: count halvings, with log base 2 "
                    f"({S2})."))),
    "coin_90": Answer(
        lambda: binary_entropy(0.9),
        "use the binary entropy with the probability of heads and logarithms in base 2 "
        "(not the natural log); the answer is below 1 bit.",
        decimals=2,
        slips=(Slip("ln instead of log2", lambda: binary_entropy(0.9) * math.log(2), f"{LN} (see {S1})."),
               Slip("the chance, not the bits", lambda: 0.9,
                    f"that is the chance of heads, not the entropy in bits ({S1})."),
               Slip("the surprise of heads only", lambda: -math.log2(0.9),
                    f"that is the surprise of heads alone. The entropy averages the surprise of "
                    f"heads and of tails, each weighted by its chance ({S1})."),
               Slip("the surprise of tails only", lambda: -math.log2(1 - 0.9),
                    f"that is the surprise of tails alone, the rare side. The entropy averages the "
                    f"surprise of heads and of tails, each weighted by its chance ({S1})."),
               Slip("log10 instead of log2, or heads' part only", lambda: binary_entropy(0.9) * math.log10(2),
                    f"that is what the logarithm in base 10 gives, and also about what heads' part of "
                    f"the sum alone gives. Bits use base 2 (np.log2), and the entropy adds the parts "
                    f"of heads and of tails, each surprise weighted by its chance ({S1})."))),
    "hd_frame_bits": Answer(
        lambda: raw_image_bits(1920, 1080, 24),
        "multiply width × height × bits per pixel (24 for colour): bits, not bytes.",
        sig=3,
        slips=(Slip("bytes instead of bits", lambda: raw_image_bits(1920, 1080, 24) / 8,
                    f"that is the size in bytes. A byte is 8 bits, and the question asks for bits "
                    f"({S4})."),
               Slip("pixels, not bits", lambda: 1920 * 1080,
                    f"that is the number of pixels. Each colour pixel takes 24 bits ({S4})."),
               Slip("one colour channel", lambda: raw_image_bits(1920, 1080, 8),
                    f"that counts 8 bits a pixel, one colour channel. A colour pixel has three "
                    f"channels of 8 bits ({S4})."),
               Slip("in millions", lambda: raw_image_bits(1920, 1080, 24) / 1e6,
                    f"that is the number of bits counted in millions. Give the number of bits "
                    f"itself, all its digits ({S4})."))),
    "skewed_mix": Answer(
        lambda: entropy([0.5, 0.25, 0.125, 0.125]),
        "add p·log2(1/p) over the four categories; powers of two give whole-number logs.",
        decimals=2,
        slips=(Slip("ln instead of log2", lambda: entropy([0.5, 0.25, 0.125, 0.125], base=math.e),
                    f"{LN} (see {S3})."),
               Slip("as if the categories were equally likely", lambda: math.log2(4),
                    f"that is the entropy of four equally likely categories. Here they are not "
                    f"equally likely: weight each one's log2(1/p) by its p ({S3})."),
               Slip("surprises not weighted", lambda: sum(math.log2(1 / p) for p in (0.5, 0.25, 0.125, 0.125)),
                    f"that adds the surprises log2(1/p) without weighting each by its chance p "
                    f"({S3})."))),
    # widget tasks
    "same_as_p03": Answer(
        same_entropy_as,
        "the curve is symmetric: swapping heads and tails changes nothing about the surprise.",
        decimals=2, kind="fraction",
        slips=(Slip("the same setting", lambda: 0.3,
                    f"that is the setting you started from; the task asks for the other one "
                    f"({S1})."),
               Slip("the entropy, not the setting", lambda: binary_entropy(0.3),
                    f"that is the entropy in bits. The task asks for a chance of heads: a "
                    f"setting of the slider ({S1})."),
               Slip("the top of the curve", lambda: 0.5,
                    f"that is the top of the curve, where the entropy is largest ({S1})."))),
    "mix_max_bits": Answer(
        lambda: max_entropy(5),
        "the entropy is largest when no category is easier to predict than another; "
        "then it is log2 of the number of categories.",
        decimals=2,
        slips=(Slip("categories, not bits", lambda: 5,
                    f"that is the number of categories, not the bits: take log2 of it ({S3})."),
               Slip("ln instead of log2", lambda: math.log(5), f"{LN} (see {S3})."),
               Slip("log10 instead of log2", lambda: math.log10(5),
                    f"that is the logarithm in base 10. Bits use base 2: np.log2 ({S3})."),
               Slip("the widget's start weights", _mix_start_bits,
                    f"that is the entropy of the start weights, the mix the widget's still shows. "
                    f"The task asks for the largest entropy five categories can reach: move the "
                    f"sliders until no category is easier to predict than another ({S3})."))),
}
