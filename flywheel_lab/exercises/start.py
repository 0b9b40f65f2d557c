"""Answers for the warm-up exercises of notebook 00 (start here)."""

import math

from ..information import binary_entropy, entropy, questions_needed
from . import Answer, Slip

ANSWERS = {
    "three_coins": Answer(
        lambda: entropy([1 / 8] * 8),
        "three fair flips have 2 × 2 × 2 equally likely results; bits add up flip by flip.",
        decimals=2,
        slips=(
            Slip("outcomes, not bits", lambda: 2 ** 3,
                 "that is the number of possible results, not the bits. Bits count halvings: "
                 "how many times must you halve the results to reach one? (notebook 01, "
                 "section 2, 'Twenty questions')."),
            Slip("ln instead of log2", lambda: math.log(8),
                 "that is the natural log (math.log, np.log). Bits use logarithms in base 2: "
                 "math.log2 or np.log2."),
            Slip("chance instead of bits", lambda: 1 / 8,
                 "that is the chance of one result, not its information in bits."),
            Slip("one flip's bits", lambda: binary_entropy(0.5),
                 "that is what one flip tells. The question asks what the three flips tell "
                 "together: each independent flip adds its own bits (notebook 01, section 2, "
                 "'Twenty questions')."),
            Slip("log10 instead of log2", lambda: math.log10(2 ** 3),
                 "that is the logarithm in base 10 (math.log10). Bits use logarithms in base 2: "
                 "math.log2 or np.log2."),
        )),
    "number_1_to_8": Answer(
        lambda: questions_needed(8),
        "each yes/no answer can rule out half of the numbers that are left.",
        slips=(
            Slip("one number at a time", lambda: 8,
                 "that is how many numbers there are, and how many questions you need if you ask "
                 "about one number at a time (\"is it 1?\"). A better question rules out half the "
                 "numbers left."),
            Slip("one number at a time, last one known", lambda: 8 - 1,
                 "that is asking about one number at a time (the last one you then know "
                 "without asking). A better question rules out half the numbers left."),
            Slip("ln instead of log2", lambda: math.log(8),
                 "that is math.log(8), the natural logarithm (base e, not 2). Halvings are "
                 "counted in base 2 (math.log2), and a number of questions is a whole number."),
        )),
    # widget task: the self-check widget
    "certain_coin": Answer(
        lambda: binary_entropy(1.0),
        "a coin that always lands heads: before the flip, do you already know the result?",
        decimals=2,
        slips=(
            Slip("a fair coin", lambda: binary_entropy(0.5),
                 "that is the information of a fair coin's flip (or the chance of heads itself). Set the "
                 "widget's chance of heads to 1 and read the bits it shows: "
                 "this coin always lands heads."),
            Slip("the chance, not the bits", lambda: 0.5,
                 "that is a chance of heads, not the information in bits the widget shows."),
        )),
}
