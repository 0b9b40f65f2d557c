"""How long each notebook's core path takes a student, by one rule for the whole series.

    python tools/timebox.py          # a table: words, exercises, tasks, minutes, time box

The rule (issue 23): reading at WORDS_PER_MINUTE words a minute, counting the words of every
markdown cell except model answers (cells tagged ``solution``), plus EXERCISE_MINUTES for each
self-checked exercise, OPEN_MINUTES for each open question and TASK_MINUTES for each
"predict, then try" task, and FIGURE_MINUTES to look at each figure or widget the core path
shows (outside model answers). A section whose heading says "going further" is optional: it and
everything under it (up to the next heading of the same or a higher level) is left out of the
core path. The core path must fit the time box the notebook's header states.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from classroom import find_exercises, is_solution, notebook_paths  # noqa: E402

WORDS_PER_MINUTE = 150
EXERCISE_MINUTES = 3
OPEN_MINUTES = 4
TASK_MINUTES = 2
FIGURE_MINUTES = 1
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TASK = "### Predict, then try"
HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.MULTILINE)
TIME_BOX = re.compile(r"\*\*Time box:\*\*\s*(\d+)\s*minutes")
SECTION = re.compile(r"^##\s+(?:\d+\.\s*)?(.+?)\s*$", re.MULTILINE)
OPTIONAL = re.compile(r"going further", re.IGNORECASE)


@dataclass
class Estimate:
    """The core path of one notebook: what it holds and the minutes the rule gives it."""

    words: int
    exercises: int
    open_questions: int
    tasks: int
    figures: int
    box: int

    @property
    def minutes(self):
        return (self.words / WORDS_PER_MINUTE + EXERCISE_MINUTES * self.exercises
                + OPEN_MINUTES * self.open_questions + TASK_MINUTES * self.tasks
                + FIGURE_MINUTES * self.figures)


def core_cells(nb):
    """Indices of the cells on the core path: those outside every "going further" section."""
    core, optional_level = [], None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for hashes, title in HEADING.findall(cell.source):
                level = len(hashes)
                if optional_level is not None and level <= optional_level:
                    optional_level = None
                if optional_level is None and OPTIONAL.search(title):
                    optional_level = level
        if optional_level is None:
            core.append(i)
    return core


def time_box(nb):
    """The minutes the notebook's header promises (``**Time box:** N minutes``)."""
    for cell in nb.cells:
        found = TIME_BOX.search(cell.source) if cell.cell_type == "markdown" else None
        if found:
            return int(found.group(1))
    raise ValueError("the notebook states no time box (a '**Time box:** N minutes' line)")


def estimate(nb, cells=None):
    """The :class:`Estimate` of ``nb``'s core path (only of the cells numbered in ``cells``, if given)."""
    core = set(core_cells(nb)) & (set(range(len(nb.cells))) if cells is None else set(cells))
    words = sum(len(nb.cells[i].source.split()) for i in core
                if nb.cells[i].cell_type == "markdown" and not is_solution(nb.cells[i]))
    tasks = sum(nb.cells[i].cell_type == "markdown" and nb.cells[i].source.lstrip().startswith(TASK)
                for i in core)
    found = [e for e in find_exercises(nb) if e.solution_cell in core and not _is_task(nb, e)]
    figures = sum(_is_figure(output) for i in core if nb.cells[i].cell_type == "code"
                  and not is_solution(nb.cells[i]) for output in nb.cells[i].get("outputs", []))
    return Estimate(words, sum(not e.is_open for e in found), sum(e.is_open for e in found), tasks,
                    figures, time_box(nb))


def _is_figure(output):
    """True for a figure (an ``<img>``, as the series shows them) or an interactive widget."""
    shown = output.get("data", {})
    return "<img" in shown.get("text/html", "") or "image/png" in shown or WIDGET_VIEW in shown


def section_minutes(nb):
    """``{heading: minutes}`` of each ``##`` section's core path by the same rule (reading, tasks,
    figures, and the exercises in it), so that a plan can time the sections it names. A heading's
    number ("3. ") is left out of its name."""
    sections, current = {}, None
    for i, cell in enumerate(nb.cells):
        found = cell.cell_type == "markdown" and SECTION.findall(cell.source)
        if found:
            current = found[-1]                  # a cell's last heading owns what follows it
        if current is not None:
            sections.setdefault(current, []).append(i)
    return {name: estimate(nb, cells).minutes for name, cells in sections.items()}


def _is_task(nb, exercise):
    """True when the exercise's check belongs to a "predict, then try" task (counted as a task)."""
    if exercise.is_open:
        return False
    for cell in reversed(nb.cells[:exercise.answer_cell]):
        if cell.cell_type == "markdown" and HEADING.search(cell.source):
            return cell.source.lstrip().startswith(TASK)
    return False


def main():
    print("| notebook | words | exercises | open questions | tasks | figures | core path (min) | time box (min) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in notebook_paths():
        e = estimate(nbformat.read(path, as_version=4))
        print(f"| {path.stem} | {e.words} | {e.exercises} | {e.open_questions} | {e.tasks} | {e.figures} | "
              f"{e.minutes:.1f} | {e.box} |")


if __name__ == "__main__":
    main()
