"""The calls notebook 08 suggests for checking an answer work as the notebook says (issue 23)."""

import inspect
import re
from pathlib import Path

import pytest

from flywheel_lab import coverage, digits
from flywheel_lab.exercises import is_correct

SOURCE = Path(__file__).resolve().parent.parent / "notebooks" / "sources" / "08_feature_coverage_map.md"


def _question(title):
    """The text of the exercise whose heading starts with ``title``, up to its code cell."""
    text = SOURCE.read_text()
    start = text.index(f"### {title}")
    return text[start:text.index("```", start)]


@pytest.fixture(scope="module")
def pool():
    X_pool, _, y_pool, _ = digits.train_test_split(test_size=0.3, seed=0)
    return X_pool, y_pool


def test_the_margin_check_call_takes_one_probability_row():
    question = _question("Exercise 2")
    call = re.search(r"`(coverage\.uncertainty\(\[[^`]*\))`", question).group(1)
    result = eval(call, {"coverage": coverage})                 # the call exactly as printed
    assert result.shape == (1,) and "one score" in question
    assert is_correct("coverage.margin_uncertainty", result)     # what it returns is accepted as typed


def test_the_duplicate_check_call_gives_the_answer(pool):
    question = _question("Exercise 1")
    call = re.search(r"`(coverage\.novelty\([^`]*\))`", question).group(1)
    assert is_correct("coverage.duplicate_novelty", eval(call, {"coverage": coverage, "X_pool": pool[0]}))


def test_the_late_class_question_states_every_setting_that_differs_from_help(pool):
    """A student who follows the question (and help() for the rest) gets the expected answer."""
    question = _question("Exercise 4")
    stated = {k: int(v) for k, v in re.findall(r"`(\w+)=(\d+)`", question)}
    defaults = {name: p.default for name, p in inspect.signature(coverage.hole_first_batch).parameters.items()
                if p.default is not inspect.Parameter.empty}
    assert stated["batch"] != defaults["batch"] and f"default batch of {defaults['batch']}" in question
    assert "seed 0" in question and defaults["seed"] == 0
    answer = coverage.hole_first_batch("kcenter", *pool, **stated)
    assert is_correct("coverage.hole_kcenter", answer)
