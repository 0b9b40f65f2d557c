"""Each notebook's core path fits the time box its header states (issue 23), by one rule."""

import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import timebox  # noqa: E402

PATHS = timebox.notebook_paths()


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_core_path_fits_the_time_box(path):
    e = timebox.estimate(nbformat.read(path, as_version=4))
    assert e.minutes <= e.box, (
        f"{path.name}: the core path takes {e.minutes:.1f} min by the rule (tools/timebox.py: "
        f"{e.words} words, {e.exercises} exercises, {e.open_questions} open questions, {e.tasks} tasks, "
        f"{e.figures} figures) against a time box of {e.box} min: move what is not essential into a "
        "'Going further (optional)' section")


def _notebook():
    words = " ".join(["word"] * 150)
    return new_notebook(cells=[
        new_markdown_cell("**Time box:** 10 minutes, exercises included"),
        new_markdown_cell(f"## 1. Core\n\n{words}"),
        new_code_cell("answer = None  # your answer\ncheck('start.x', answer)"),
        new_code_cell("answer = 1", metadata={"tags": ["solution"]}),
        new_markdown_cell(f"## 2. Going further (optional)\n\n{words}"),
        new_markdown_cell(f"### A detail\n\n{words}"),
        new_code_cell("answer = None  # your answer\ncheck('start.y', answer)"),
        new_code_cell("answer = 2", metadata={"tags": ["solution"]}),
        new_markdown_cell(f"## Exercises\n\n{words}"),
        new_markdown_cell("### Exercise 2: open question\n\nWhy?"),
        new_markdown_cell(f"Model answer. {words}", metadata={"tags": ["solution"]}),
    ])


def test_the_rule_counts_the_core_path_only():
    e = timebox.estimate(_notebook())
    # the header (6 words), section 1 (153), Exercises (152) and the question (6 words);
    # neither the optional section nor the model answer
    assert (e.words, e.exercises, e.open_questions, e.tasks, e.figures, e.box) == (317, 1, 1, 0, 0, 10)
    assert e.minutes == pytest.approx(317 / 150 + 3 + 4)


def test_a_notebook_without_a_time_box_is_refused():
    with pytest.raises(ValueError, match="time box"):
        timebox.time_box(new_notebook(cells=[new_markdown_cell("# Title")]))
