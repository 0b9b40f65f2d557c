"""Answers for the exercises of notebooks 05 (the four-pixel world) and 06 (data holes)."""

from functools import lru_cache

from .. import pixels
from . import Answer

#: the numbers of hole samples put back in notebook 06's "closing the hole" experiment
CLOSING_KS = (0, 1, 2, 5, 20, 50, 200)


@lru_cache(maxsize=2)
def _first_closing_k(head):
    """Smallest k in CLOSING_KS for which every category-4 test sample is classified as 4."""
    from ..models import close_hole
    for k, run in zip(CLOSING_KS, close_hole(CLOSING_KS, hole=4, head=head)):
        if run.where_sent(4)[4] == run.where_sent(4).sum():
            return k
    return None


def _hole_predictions():
    from ..models import pixel_experiment
    return pixel_experiment(holes=[4]).hole_summary(4)["predicted_as_hole"]


ANSWERS = {
    # notebook 05
    "category_tl_br": Answer(
        lambda: pixels.category_of([[1, 0], [0, 1]]),
        "answer the four questions in order (TR, TL, BR, BL) with 1 for yes, then read the "
        "four digits as a binary number: the first digit is worth 8."),
    "neighbours_15": Answer(
        lambda: set(pixels.neighbours(15)),
        "category 15 is all black; flip one pixel to white at a time. Give a set of 4 numbers."),
    "two_flips_from_4": Answer(
        lambda: sum(pixels.distance(4, c) == 2 for c in range(pixels.N_CATEGORIES)),
        "choose which 2 of the 4 pixels to flip; pixels.distance(a, b) counts differing pixels."),
    # notebook 06
    "two_holes_4_6": Answer(
        lambda: set(pixels.neighbours(4)) - {6},
        "a hole's images go to a category one pixel flip away that the network was trained on; "
        "list 4's neighbours and remove the other hole. Give a set of numbers."),
    "hole_predictions": Answer(
        _hole_predictions,
        "look at column 4 of the confusion matrix trained with the hole, or at the printed facts."),
    "hole_9_candidates": Answer(
        lambda: set(pixels.neighbours(9)),
        "the samples of a hole go to images that differ from it by one pixel: write 9 in "
        "binary and flip each of its four bits. Give a set of 4 numbers."),
    "softmax_closing_k": Answer(
        lambda: _first_closing_k("softmax"),
        "find the first k in the closing table at which the softmax row sends all of "
        "category 4's test samples to 4."),
}
