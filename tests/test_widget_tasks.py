"""Every widget has a "predict, then try" task right above it (issue 11), and its check right
below it, so a student resubmits without scrolling back past the widget (issue 23)."""

import re
from pathlib import Path

import nbformat
import pytest

from flywheel_lab import exercises

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TASK = "### Predict, then try"   # a heading, so a screen reader can jump to it


def widget_cells(nb):
    """Cells that show an interactive widget (a ``widgets.Live``; progress bars don't count)."""
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and any(WIDGET_VIEW in o.get("data", {}) and o["data"]["text/plain"].startswith("Live(")
                    for o in c.get("outputs", []))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_widget_has_a_task_above_it_and_its_check_below(path):
    nb = nbformat.read(path, as_version=4)
    for i in widget_cells(nb):
        above, below = nb.cells[max(0, i - 3):i], nb.cells[i + 1:i + 3]
        tasks = [c for c in above if c.cell_type == "markdown" and c.source.startswith(TASK)]
        assert tasks, f"{path.name}: no '{TASK}' task above {nb.cells[i].source[:60]!r}"
        stray = [c for c in above if c.cell_type == "code" and c.source.startswith("answer = None")]
        assert not stray, f"{path.name}: the check of the task above cell {i} must come after its widget"
        checks = [c for c in below if c.cell_type == "code" and c.source.startswith("answer = None")]
        solutions = [c for c in below if "solution" in c.metadata.get("tags", [])]
        for cell in checks:
            key = re.search(r"check\('([\w.]+)', answer\)", cell.source).group(1)
            exercises.lookup(key)                      # a registered answer
            assert "Not answered yet" in "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert len(solutions) == len(checks), f"{path.name}: a hidden solution for each check"
        for cell in solutions:
            assert cell.metadata["jupyter"]["source_hidden"] is True
            assert "✅ Correct!" in "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def test_count_of_widget_tasks():
    tasks = sum(1 for p in NOTEBOOKS for c in nbformat.read(p, as_version=4).cells
                if c.cell_type == "markdown" and c.source.startswith(TASK))
    widgets = sum(len(widget_cells(nbformat.read(p, as_version=4))) for p in NOTEBOOKS)
    assert tasks == widgets >= 11
