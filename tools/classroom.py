"""Classroom editions of the series: a student edition without solutions, and an nbgrader course.

    python tools/classroom.py student  [--out build/student]    # make student
    python tools/classroom.py nbgrader [--out build/nbgrader]   # make nbgrader
    python tools/classroom.py report [--submitted DIR | --gradebook FILE] [--out build/report]
                                                                # make report (tools/class_report.py)

Exercises are found by their pattern, not from a list, so a new exercise (or a widget
"predict, then try" task written the same way) is picked up without touching this file:

* a code cell holding ``answer = <placeholder>  # your answer`` and ``check("topic.name", answer)``,
  followed by a cell tagged ``solution`` (the worked solution);
* a markdown cell tagged ``solution`` is the model answer to an open question.

**Student edition**: every cell tagged ``solution`` is removed (not hidden); everything
else, placeholders and their "Not answered yet" outputs included, is kept as it is.

**nbgrader course** (``source/<notebook>/<notebook>.ipynb``, one assignment per notebook, plus
``nbgrader_config.py``): each exercise's student cell becomes an nbgrader solution cell whose
model answer sits between ``### BEGIN SOLUTION`` / ``### END SOLUTION`` (``generate_assignment``
puts the placeholder back), followed by a locked autograder test cell that asks
``flywheel_lab.exercises.is_correct`` (the rule ``check`` uses). Open questions become manually
graded answer cells with the model answer between the markers.

**Class report** (``report``, in ``tools/class_report.py``): from the handed-in notebooks (and
an nbgrader gradebook if there is one), per self-checked exercise how many students are right,
made a named slip, gave another wrong answer or left it blank, and what to reteach first.
"""

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

PLACEHOLDER = re.compile(r"^answer = (?P<placeholder>.+?)\s*# your answer\s*$", re.MULTILINE)
CHECK = re.compile(r"""^check\((?P<q>["'])(?P<key>[\w.]+)(?P=q),\s*answer\)\s*$""", re.MULTILINE)
CODE_STUB = "answer = None  # your answer"
TEXT_STUB = "YOUR ANSWER HERE"
AUTO_POINTS = 1      # each self-checked exercise
MANUAL_POINTS = 2    # each open question, graded by the teacher
NBGRADER_CONFIG = '''\
"""nbgrader settings for the flywheel-lab course (written by `make nbgrader`)."""
c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "flywheel-lab"
# what generate_assignment writes where a model answer was: the series' own placeholder
c.ClearSolutions.code_stub = {{"python": {code_stub!r}}}
c.ClearSolutions.text_stub = {text_stub!r}
# notebooks 05, 06 and 08 train networks; give autograde's cells time on a busy server
c.Execute.timeout = 600
'''


def is_solution(cell):
    """True for a worked solution or a model answer (a cell tagged ``solution``)."""
    return "solution" in cell.metadata.get("tags", [])


@dataclass
class Exercise:
    """One exercise of a notebook, found by its pattern.

    ``key`` is the ``check`` key (``None`` for an open question), ``answer_cell`` the index of
    the student's cell (``None`` for an open question) and ``solution_cell`` the index of its
    solution (a code cell, or the markdown model answer of an open question).
    """

    key: str | None
    answer_cell: int | None
    solution_cell: int
    placeholder: str | None = None

    @property
    def is_open(self):
        return self.key is None


def find_exercises(nb):
    """Every exercise of ``nb``, in order: self-checked ones and open questions.

    Raises ValueError when a solution cell belongs to no exercise, or an exercise cell
    has no solution right after it, so a malformed exercise is caught rather than skipped.
    """
    found, used = [], set()
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or is_solution(cell):
            continue
        placeholder, check = PLACEHOLDER.search(cell.source), CHECK.search(cell.source)
        if not (placeholder and check):
            continue
        following = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
        if following is None or not is_solution(following) or following.cell_type != "code":
            raise ValueError(f"exercise {check['key']!r} (cell {i}) has no solution cell right after it")
        found.append(Exercise(check["key"], i, i + 1, placeholder["placeholder"]))
        used.add(i + 1)
    for i, cell in enumerate(nb.cells):
        if is_solution(cell) and i not in used:
            if cell.cell_type != "markdown":
                raise ValueError(f"solution cell {i} follows no `answer = …  # your answer` cell")
            found.append(Exercise(None, None, i))
    return sorted(found, key=lambda e: e.solution_cell)


def notebook_paths(folder=NOTEBOOKS):
    """The series' notebooks, in order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


# ---------------------------------------------------------------- student edition

def student_notebook(nb):
    """A copy of ``nb`` with every solution cell and model answer removed."""
    find_exercises(nb)  # refuse a notebook whose exercises don't follow the pattern
    copy = nbformat.from_dict(nb)
    copy.cells = [cell for cell in copy.cells if not is_solution(cell)]
    return copy


def write_student(out, sources=None):
    """Write the student edition of every notebook into ``out``; return the written paths."""
    out = Path(out)
    if out.resolve() == NOTEBOOKS.resolve() or (out.exists() and any(
            p.suffix != ".ipynb" and p.name != ".ipynb_checkpoints" for p in out.iterdir())):
        raise ValueError(f"{out} holds more than a student edition: choose an empty or new folder")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for path in sources or notebook_paths():
        target = out / path.name
        nbformat.write(student_notebook(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written


# ---------------------------------------------------------------- nbgrader course

def grade_id(text):
    """An nbgrader grade id (letters, digits, ``_`` and ``-`` only)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


def _nbgrader(grade, solution, locked, gid, points=None):
    meta = {"grade": grade, "solution": solution, "locked": locked, "task": False,
            "grade_id": gid, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    return meta


def model_answer_code(solution_source):
    """The solution cell's code without its closing ``check(...)`` line (the answer cell keeps its own)."""
    lines = [line for line in solution_source.rstrip().splitlines() if not CHECK.match(line)]
    return "\n".join(lines).rstrip()


def answer_cell_source(student_source, solution_source):
    """The student's cell with the placeholder line replaced by the marked model answer."""
    marked = f"### BEGIN SOLUTION\n{model_answer_code(solution_source)}\n### END SOLUTION"
    return PLACEHOLDER.sub(lambda _: marked, student_source, count=1)


def test_cell_source(key):
    """The autograder test: the exercise's own rule, ``flywheel_lab.exercises.is_correct``."""
    return ("# Autograder test: the same rule as check(), from flywheel_lab.exercises\n"
            "from flywheel_lab.exercises import is_correct\n"
            f"assert is_correct({key!r}, answer), {key + ': not the expected answer'!r}")


def nbgrader_notebook(nb, name):
    """The nbgrader *source* version of ``nb``: answer, test and open-answer cells marked up."""
    exercises = find_exercises(nb)
    copy = nbformat.from_dict(nb)
    for cell in copy.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    open_number = 0
    for ex in exercises:
        solution = copy.cells[ex.solution_cell]
        if ex.is_open:
            open_number += 1
            solution.source = f"### BEGIN SOLUTION\n{solution.source.strip()}\n### END SOLUTION"
            solution.metadata = {"nbgrader": _nbgrader(True, True, False,
                                                       grade_id(f"{name}_open_{open_number}"),
                                                       MANUAL_POINTS)}
            continue
        answer = copy.cells[ex.answer_cell]
        answer.source = answer_cell_source(answer.source, solution.source)
        answer.metadata["nbgrader"] = _nbgrader(False, True, False, grade_id(ex.key + "_answer"))
        test = new_code_cell(test_cell_source(ex.key))
        test.metadata["nbgrader"] = _nbgrader(True, False, True, grade_id(ex.key + "_test"),
                                              AUTO_POINTS)
        copy.cells[ex.solution_cell] = test
    return copy


def write_nbgrader(out, sources=None):
    """Write an nbgrader course folder (``source/<assignment>/…`` + config); return the notebooks."""
    out = Path(out)
    if (out / "source").exists():
        shutil.rmtree(out / "source")
    written = []
    for path in sources or notebook_paths():
        folder = out / "source" / path.stem
        folder.mkdir(parents=True)
        nb = nbgrader_notebook(nbformat.read(path, as_version=4), path.stem)
        nbformat.write(nb, folder / path.name)
        written.append(folder / path.name)
    (out / "nbgrader_config.py").write_text(
        NBGRADER_CONFIG.format(code_stub=CODE_STUB, text_stub=TEXT_STUB))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", choices=["student", "nbgrader", "report"])
    parser.add_argument("--out", type=Path, help="output folder (default build/<edition>)")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: the whole series")
    parser.add_argument("--submitted", type=Path,
                        help="report: the handed-in notebooks (default build/nbgrader/submitted)")
    parser.add_argument("--gradebook", type=Path,
                        help="report: an nbgrader gradebook.db (class list, autograde's verdicts)")
    args = parser.parse_intermixed_args(argv)
    if args.edition == "report":
        if args.notebooks:
            parser.error("report reads --submitted DIR (or --gradebook FILE), not notebook paths")
        import class_report  # tools/class_report.py: judges each handed-in answer
        return class_report.main(args.submitted, args.gradebook, args.out)
    if args.submitted or args.gradebook:
        parser.error("--submitted and --gradebook belong to the report")
    out = args.out or ROOT / "build" / args.edition
    write = write_student if args.edition == "student" else write_nbgrader
    written = write(out, args.notebooks or None)
    print(f"wrote {len(written)} notebooks to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
