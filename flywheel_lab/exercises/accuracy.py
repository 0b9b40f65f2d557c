"""Answers for the exercises and the widget task of notebook 04 (measured vs real accuracy)."""

import numpy as np

from ..accuracy import balanced_accuracy, measured_accuracy, required_class_accuracy
from . import Answer, Slip

S1 = "section 'The chapter's customer'"
S2 = "section 'Try it yourself'"

#: exercise 1: the smaller customer's images a day and the model's accuracy on each class
SMALL_COUNTS, SMALL_ACC = [450, 50], [0.95, 0.2]
#: exercise 2: the three classes' accuracies
THREE = [0.9, 0.8, 0.1]
#: exercise 3: the chapter's customer (images a day, accuracy per class) and the target
CHAPTER_COUNTS, CHAPTER_ACC, TARGET = [990, 10], [0.9, 0.1], 0.9
#: the widget task: the measured accuracy to reach, with the two classes' accuracies
TASK_TARGET, TASK_COMMON, TASK_RARE = 0.8, 0.9, 0.1


def rare_share_for(target=TASK_TARGET, common=TASK_COMMON, rare=TASK_RARE):
    """Rare share at which the measured accuracy falls to ``target`` (solved from the mix)."""
    share = (common - target) / (common - rare)
    assert abs(measured_accuracy([1 - share, share], [common, rare]) - target) < 1e-12
    return share


def _small_customer():
    return measured_accuracy(SMALL_COUNTS, SMALL_ACC)


def _exotic_needed():
    return required_class_accuracy(TARGET, CHAPTER_COUNTS, CHAPTER_ACC, which=1)


ANSWERS = {
    "small_customer": Answer(
        _small_customer,
        "count the images right in each class (count × accuracy), add them, divide by all images.",
        decimals=2, kind="fraction",
        slips=(Slip("the plain mean", lambda: balanced_accuracy(SMALL_ACC),
                    f"that is the plain mean of the two class accuracies (the balanced accuracy). "
                    f"The customer measures on their own images, most of them common: weight each "
                    f"class by how many images of it they see ({S1})."),
               Slip("images right, not the share", lambda: _small_customer() * sum(SMALL_COUNTS),
                    f"that is how many images the model gets right each day. The question asks for "
                    f"a share: divide by all the customer's images ({S1})."),
               Slip("the common class alone", lambda: SMALL_ACC[0],
                    f"that is the accuracy on the common class alone. The exotic images are part "
                    f"of the customer's day too, each right at the exotic class's accuracy ({S1})."),
               Slip("the exotic images' right answers left out",
                    lambda: SMALL_COUNTS[0] * SMALL_ACC[0] / sum(SMALL_COUNTS),
                    f"that counts only the common images the model gets right. Some exotic images "
                    f"are right too: add their count × the exotic class's accuracy before you "
                    f"divide ({S1})."),
               Slip("counts paired with the wrong class", lambda: measured_accuracy(SMALL_COUNTS[::-1], SMALL_ACC),
                    f"that gives the common class's accuracy to the exotic images and the other way "
                    f"round: multiply each class's count by that class's own accuracy ({S1})."),
               Slip("the share it gets wrong", lambda: 1 - _small_customer(),
                    f"that is the share of images the model gets wrong; the customer's accuracy is "
                    f"the share it gets right ({S1})."))),
    "three_class_balanced": Answer(
        lambda: balanced_accuracy(THREE),
        "balanced accuracy gives every class the same weight: add the three and divide by "
        "how many classes there are (the mean, not the sum).",
        decimals=2, kind="fraction",
        slips=(Slip("the sum, not the mean", lambda: float(np.sum(THREE)),
                    f"that is the sum of the three accuracies. The balanced accuracy is their plain "
                    f"average: the sum divided by the number of classes ({S1})."),
               Slip("two classes only", lambda: balanced_accuracy([max(THREE), min(THREE)]),
                    f"that averages the best and the worst class only, like the chapter's two "
                    f"classes. This model has three classes, and each counts the same ({S1})."),
               Slip("the middle class", lambda: float(np.median(THREE)),
                    f"that is the middle one of the three accuracies. The balanced accuracy is the "
                    f"average of all three ({S1})."),
               Slip("the share it gets wrong", lambda: 1 - balanced_accuracy(THREE),
                    f"that is the average share the model gets wrong; the balanced accuracy is the "
                    f"average share it gets right ({S1})."),
               Slip("the weakest class left out", lambda: balanced_accuracy(sorted(THREE)[1:]),
                    f"that averages the two better classes only. Balanced accuracy gives each of "
                    f"the three classes the same weight, the weakest one too ({S1})."))),
    "exotic_needed": Answer(
        _exotic_needed,
        "write measured = (990 × 0.9 + 10 × a) / 1000, set it equal to the target and solve for a.",
        decimals=2, kind="fraction",
        slips=(Slip("the exotic class as it is", lambda: CHAPTER_ACC[1],
                    f"that is the exotic class's accuracy today, at which the customer measures less "
                    f"than the target. Solve for the accuracy that lifts the measured figure to the "
                    f"target ({S1})."),
               Slip("the rise, not the accuracy", lambda: _exotic_needed() - CHAPTER_ACC[1],
                    f"that is how much the exotic class's accuracy must rise. The question asks for "
                    f"the accuracy it must reach ({S1})."),
               Slip("exotic images right, not the share", lambda: _exotic_needed() * CHAPTER_COUNTS[1],
                    f"that is how many exotic images a day must be right. Give it as a share of the "
                    f"exotic images, a fraction from 0 to 1 ({S1})."),
               Slip("divided by all images", lambda: _exotic_needed() * CHAPTER_COUNTS[1] / sum(CHAPTER_COUNTS),
                    f"that divides by all the customer's images a day. In the equation the unknown "
                    f"accuracy multiplies the exotic images only: divide by their count ({S1})."),
               Slip("a perfect exotic class", lambda: 1.0,
                    f"a perfect exotic class would lift the customer above the target (the "
                    f"section prints what the customer would measure then): less is enough. Solve the "
                    f"equation for the exotic accuracy ({S1})."))),
    # widget task
    "rare_share_for_80": Answer(
        rare_share_for,
        "measured = common accuracy × (1 − share) + rare accuracy × share; set it to 0.8 "
        "and solve for the share.",
        decimals=3, kind="fraction",
        slips=(Slip("the drop alone", lambda: TASK_COMMON - TASK_TARGET,
                    f"that is how far the measured accuracy must fall (and also the rare class's "
                    f"accuracy): neither is the share. Each rare image that takes a "
                    f"common one's place lowers it by the gap between the two classes' accuracies: "
                    f"divide the fall by that gap ({S2})."),
               Slip("divided by the common accuracy", lambda: (TASK_COMMON - TASK_TARGET) / TASK_COMMON,
                    f"that divides the fall by the common class's accuracy. Each rare image lowers the "
                    f"measured accuracy by the gap between the two classes' accuracies: divide by "
                    f"that gap ({S2})."),
               Slip("the common share", lambda: 1 - rare_share_for(),
                    f"that is the share of common images at that point; the task asks for the share "
                    f"of rare images ({S2})."),
               Slip("the share of errors", lambda: 1 - TASK_TARGET,
                    f"that is the share of images the model gets wrong at the target. The errors come "
                    f"from both classes, not from the rare images alone ({S2})."))),
}
