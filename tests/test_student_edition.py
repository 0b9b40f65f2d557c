"""`make student`: the student edition holds no solution text and runs top to bottom."""

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import classroom  # noqa: E402

NOTEBOOKS = classroom.notebook_paths()
NOT_ANSWERED = "Not answered yet"


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The student edition, written by the same function `make student` calls."""
    out = tmp_path_factory.mktemp("student")
    written = classroom.write_student(out)
    return {path.name: path for path in written}


def texts(nb):
    """Every piece of text a reader of ``nb`` can see: sources, outputs, metadata values."""
    found = []
    for cell in nb.cells:
        found.append(cell.source)
        for out in cell.get("outputs", []):
            found.append(out.get("text", ""))
            found += [v for k, v in out.get("data", {}).items() if k.startswith("text/")]
    return ["".join(t) if isinstance(t, list) else t for t in found]


def solution_lines(nb):
    """Source lines of solution cells that no other cell of the notebook shows."""
    shown = "\n".join(c.source for c in nb.cells if not classroom.is_solution(c))
    return {line.strip() for cell in nb.cells if classroom.is_solution(cell)
            for line in cell.source.splitlines() if line.strip() and line.strip() not in shown}


def test_every_notebook_is_in_the_edition(edition):
    assert sorted(edition) == [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_solution_line_survives(path, edition):
    original = nbformat.read(path, as_version=4)
    lines = solution_lines(original)
    assert len(lines) >= 3, "every notebook has solutions to remove"
    everything = "\n".join(t for p in edition.values() for t in texts(nbformat.read(p, as_version=4)))
    survivors = sorted(line for line in lines if line in everything)
    assert not survivors, f"solution text left in the student edition: {survivors[:3]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_everything_else_is_identical(path, edition):
    original = nbformat.read(path, as_version=4)
    student = nbformat.read(edition[path.name], as_version=4)
    kept = [c for c in original.cells if not classroom.is_solution(c)]
    assert student.cells == kept
    assert student.metadata == original.metadata
    removed = len(original.cells) - len(student.cells)
    assert removed == len(classroom.find_exercises(original)) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_student_notebook_runs_and_checks_say_not_answered(path, edition):
    nb = nbformat.read(edition[path.name], as_version=4)
    NotebookClient(nb, timeout=900, startup_timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(edition[path.name].parent)}}).execute()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{cell.source[:60]!r} raised {out.get('ename')}"
    exercises = [c for c in nb.cells if c.cell_type == "code" and classroom.PLACEHOLDER.search(c.source)]
    assert exercises, "exercise cells keep their placeholders"
    for cell in exercises:
        shown = "".join(out.get("text", "") + out.get("data", {}).get("text/plain", "") for out in cell.outputs)
        assert NOT_ANSWERED.lower() in shown.lower(), f"{cell.source!r} printed {shown!r}"


def test_a_malformed_exercise_is_refused():
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if classroom.is_solution(c) and c.cell_type == "code")
    del nb.cells[index - 1]                   # a solution whose exercise cell went missing
    with pytest.raises(ValueError, match="follows no"):
        classroom.student_notebook(nb)


def test_refuses_to_overwrite_the_series(tmp_path):
    with pytest.raises(ValueError, match="more than a student edition"):
        classroom.write_student(ROOT / "notebooks")
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="more than a student edition"):
        classroom.write_student(tmp_path)
    assert (tmp_path / "notes.txt").exists()
