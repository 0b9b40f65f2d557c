"""Answers for the exercises of notebooks 05 (the four-pixel world) and 06 (data holes)."""

import itertools
from functools import lru_cache

import numpy as np

from .. import pixels
from . import Answer, Slip

#: the numbers of hole samples put back in notebook 06's "closing the hole" experiment
CLOSING_KS = (0, 1, 2, 5, 20, 50, 200)

#: notebook 05, exercise 1: top-left and bottom-right black, as ``[[TL, TR], [BL, BR]]``
TL_BR = [[1, 0], [0, 1]]

Q = "section 'The four questions'"                   # notebook 05
HOLE = "section 'Punch a hole at category 4'"          # notebook 06
WHY = "section 'Why the neighbours?'"
CLOSING = "section 'Closing the hole'"
WIDGET = "section 'Try it yourself: a hole widget'"


@lru_cache(maxsize=2)
def _closing_runs(head):
    """Notebook 06's runs with k category-4 samples put back, one per k in CLOSING_KS."""
    from ..models import close_hole
    return tuple(close_hole(CLOSING_KS, hole=4, head=head))


def _first_closing_k(head):
    """Smallest k in CLOSING_KS for which every category-4 test sample is classified as 4."""
    for k, run in zip(CLOSING_KS, _closing_runs(head)):
        if run.where_sent(4)[4] == run.where_sent(4).sum():
            return k
    return None


def _hole_run():
    """Notebook 06's section-1 run: trained without category 4 (the function's defaults)."""
    from ..models import pixel_experiment
    return pixel_experiment(holes=[4])


def _hole_predictions():
    return _hole_run().hole_summary(4)["predicted_as_hole"]


def _category_tl_br():
    return pixels.category_of(TL_BR)


def _top_row_mirrored():
    """The category with the top-right pixel taken for the top-left one (top row mirrored)."""
    img = np.array(TL_BR)
    img[0] = img[0][::-1]
    return pixels.category_of(img)


def _at_distance(category, low, high=None):
    """How many categories are ``low`` to ``high`` pixel flips away from ``category``."""
    high = low if high is None else high
    return sum(low <= pixels.distance(category, c) <= high for c in range(pixels.N_CATEGORIES))


ANSWERS = {
    # notebook 05
    "category_tl_br": Answer(
        _category_tl_br,
        "answer the four questions in order (TR, TL, BR, BL) with 1 for yes, then read the "
        "four digits as a binary number: the first digit is worth 8.",
        direction=False,
        slips=(Slip("pixels in reading order", lambda: pixels.from_answers(np.ravel(TL_BR)),
                    f"that is the category of the other diagonal (the pixels taken in reading order, "
                    f"top-left first, or left and right swapped). Ask the four questions in their own "
                    f"order: Q1 is about "
                    f"the top-right pixel ({Q})."),
               Slip("digits read as a decimal number",
                    lambda: int("".join(str(a) for a in pixels.answers(_category_tl_br()))),
                    f"that reads the four yes/no digits as an ordinary decimal number. Read them as a "
                    f"binary number: Q1 is worth 8, Q2 4, Q3 2 and Q4 1 ({Q})."),
               Slip("black pixels counted", lambda: int(np.sum(TL_BR)),
                    f"that is how many pixels are black. The category also says which ones: write "
                    f"the four answers as binary digits ({Q})."),
               Slip("top-right taken for top-left", _top_row_mirrored,
                    f"that is the image whose top-right pixel is black instead of its top-left one. "
                    f"Check which pixel of the top row is black: Q1 asks about the top-right pixel, "
                    f"Q2 about the top-left one ({Q})."))),
    "neighbours_15": Answer(
        lambda: set(pixels.neighbours(15)),
        "category 15 is all black; flip one pixel to white at a time. Give a set of 4 numbers.",
        slips=(Slip("with 15 itself", lambda: set(pixels.neighbours(15)) | {15},
                    f"that includes 15 itself, which is zero flips away. List only the images one "
                    f"flip away ({Q})."),
               Slip("category 0's neighbours", lambda: set(pixels.neighbours(0)),
                    f"those are one flip away from category 0, the all-white image. Category 15 is "
                    f"all black: flip one of its pixels to white ({Q})."),
               Slip("two flips away", lambda: {c for c in range(pixels.N_CATEGORIES) if pixels.distance(15, c) == 2},
                    f"those are two flips away from 15. A neighbour differs in exactly one pixel "
                    f"({Q})."))),
    "two_flips_from_4": Answer(
        lambda: _at_distance(4, 2),
        "choose which 2 of the 4 pixels to flip; pixels.distance(a, b) counts differing pixels.",
        slips=(Slip("one flip", lambda: _at_distance(4, 1),
                    f"that counts the categories one flip away, the neighbours. The question asks "
                    f"for exactly two flips ({Q})."),
               Slip("each pair counted twice", lambda: len(list(itertools.permutations(range(pixels.N_PIXELS), 2))),
                    f"that counts each pair of pixels twice: flipping the top-left and then the "
                    f"bottom-right pixel gives the same image as the other way round ({Q})."),
               Slip("one or two flips", lambda: _at_distance(4, 1, 2),
                    f"that also counts the categories one flip away. The question asks for exactly "
                    f"two flips ({Q})."))),
    # notebook 06
    "two_holes_4_6": Answer(
        lambda: set(pixels.neighbours(4)) - {6},
        "a hole's images go to a category one pixel flip away that the network was trained on; "
        "list 4's neighbours and remove the other hole. Give a set of numbers.",
        slips=(Slip("the other hole kept", lambda: set(pixels.neighbours(4)),
                    f"that still lists 6, the other hole. The network never saw a 6 either, so it "
                    f"has no trained output that says 6 ({WIDGET})."),
               Slip("6's neighbours too", lambda: (set(pixels.neighbours(4)) | set(pixels.neighbours(6))) - {4, 6},
                    f"that adds the neighbours of 6. The task asks only where the images of "
                    f"category 4 can go: one flip away from 4 ({WHY})."),
               Slip("the holes themselves", lambda: {4, 6},
                    f"those are the two holes. A hole's images go to categories the network was "
                    f"trained on ({WHY})."))),
    "hole_predictions": Answer(
        _hole_predictions,
        "look at column 4 of the confusion matrix trained with the hole, or at the printed facts.",
        slips=(Slip("the hole's test images", lambda: int(_hole_run().where_sent(4).sum()),
                    f"that is how many category-4 images the test set holds. The question asks how "
                    f"many test images the network predicted as 4: read the printed facts ({HOLE})."),
               Slip("images predicted right", lambda: int(round(_hole_run().accuracy * len(_hole_run().y_test))),
                    f"that is how many test images the network got right. The question asks how many "
                    f"it predicted as category 4 ({HOLE})."),
               Slip("the category, not a count", lambda: 4,
                    f"that is the hole's category number. The question asks for a count of test "
                    f"images: how many were predicted as 4 ({HOLE})."))),
    "hole_9_candidates": Answer(
        lambda: set(pixels.neighbours(9)),
        "the samples of a hole go to images that differ from it by one pixel: write 9 in "
        "binary and flip each of its four bits. Give a set of 4 numbers.",
        slips=(Slip("with the hole itself", lambda: set(pixels.neighbours(9)) | {9},
                    f"that includes 9, the hole: the network never learned to answer 9. List the "
                    f"categories one flip away ({WHY})."),
               Slip("category 4's neighbours", lambda: set(pixels.neighbours(4)),
                    f"those are the neighbours of 4, the hole of the {HOLE}. Write 9 in binary "
                    f"and flip each of its four digits ({WHY})."),
               Slip("black and white swapped", lambda: set(pixels.neighbours(pixels.N_CATEGORIES - 1 - 9)),
                    f"those are the neighbours of the other diagonal: 9 with black and white swapped, "
                    f"or with its diagonals mixed up. In a category's binary digits, 1 means black "
                    f"({WHY})."))),
    "softmax_closing_k": Answer(
        lambda: _first_closing_k("softmax"),
        "find the first k in the closing table at which the softmax row sends all of "
        "category 4's test samples to 4.",
        direction=False,
        slips=(Slip("the sigmoid network", lambda: _first_closing_k("sigmoid"),
                    f"that is where the sigmoid network gets them all right. The question asks about "
                    f"the softmax network: read its columns of the table ({CLOSING})."),
               Slip("the last k that fails",
                    lambda: CLOSING_KS[CLOSING_KS.index(_first_closing_k("softmax")) - 1],
                    f"at that k the softmax network still misses category-4 images. Look for the "
                    f"first k at which all of them are right ({CLOSING})."),
               Slip("a count of images, not k",
                    lambda: int(_closing_runs("softmax")[0].where_sent(4).sum()),
                    f"that is how many category-4 test images there are. The question asks for k, "
                    f"the number of category-4 images put back into training ({CLOSING})."))),
}
