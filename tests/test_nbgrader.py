"""`make nbgrader`: the course folder, checked for every notebook and graded end to end by the real nbgrader.

The end-to-end test builds a scratch course, runs ``nbgrader generate_assignment``, writes three
submissions the way students write them (all right, in their own forms; about half right, with
a typo; untouched), runs ``nbgrader autograde`` and reads the scores from nbgrader's gradebook.
"""

import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import classroom  # noqa: E402

NOTEBOOKS = classroom.notebook_paths()

# What three students wrote in place of `answer = None  # your answer`, exercise by exercise,
# and whether it is right. Graded end to end: one notebook of numbers, one of categories and sets.
SUBMISSIONS = {
    "01_information_in_bits": {
        "information.die_entropy": [("answer = 2.585", True), ("answer = 2.585", True)],
        "information.questions_for_100": [
            ("answer = 7", True),
            ("answer = math.ceil(math.log2(100))  # forgot `import math`: NameError", False)],
        "information.coin_90": [
            ("import numpy as np\nanswer = -(0.9 * np.log2(0.9) + 0.1 * np.log2(0.1))", True),
            ("answer = 0.9  # the probability, not the bits", False)],
        "information.hd_frame_bits": [("answer = 1920 * 1080 * 24", True),
                                      ("answer = 1920 * 1080 * 24", True)],
        "information.skewed_mix": [("answer = 1.75", True),
                                   ("answer = 0.5 * 1 + 0.25 * 2 + 0.125 * 3 + 0.125 * 3", True)],
    },
    "05_four_pixel_world": {
        "pixels.category_tl_br": [("answer = pixels.category_of([[1, 0], [0, 1]])", True),
                                  ("answer = 9", False)],
        "pixels.neighbours_15": [("answer = [7, 11, 13, 14]  # a list for the set", True),
                                 ("answer = {7, 11, 13, 14, 15}  # 15 itself too", False)],
        "pixels.two_flips_from_4": [("import numpy as np\n"
                                     "answer = np.sum([pixels.distance(4, c) == 2 for c in range(16)])",
                                     True),
                                    ("answer = 6", True)],
    },
}
OPEN_ANSWER = "Most of its data repeats what it knows; the surprises teach it."
STUDENTS = {"all_right": 0, "half_right": 1, "untouched": None}


def answer_cells(nb):
    return [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return classroom.write_nbgrader(tmp_path_factory.mktemp("course"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_exercise_becomes_graded_cells(path, course):
    original = nbformat.read(path, as_version=4)
    exercises = classroom.find_exercises(original)
    source = nbformat.read(next(p for p in course if p.name == path.name), as_version=4)
    assert len(source.cells) == len(original.cells)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in source.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids)), "grade ids are unique"
    for ex in exercises:
        if ex.is_open:
            cell = source.cells[ex.solution_cell]
            meta = cell.metadata["nbgrader"]
            assert cell.cell_type == "markdown" and meta["solution"] and meta["grade"]
            assert meta["points"] == classroom.MANUAL_POINTS
            assert original.cells[ex.solution_cell].source.strip() in cell.source
            continue
        answer, test = source.cells[ex.answer_cell], source.cells[ex.solution_cell]
        assert answer.metadata["nbgrader"]["solution"] and not answer.metadata["nbgrader"]["locked"]
        model = classroom.model_answer_code(original.cells[ex.solution_cell].source)
        assert f"### BEGIN SOLUTION\n{model}\n### END SOLUTION" in answer.source
        assert f"check({ex.key!r}, answer)" in answer.source
        meta = test.metadata["nbgrader"]
        assert meta["grade"] and meta["locked"] and meta["points"] == classroom.AUTO_POINTS
        assert f"is_correct({ex.key!r}, answer)" in test.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_released_cells_are_the_student_cells(path, course):
    """nbgrader's own ClearSolutions turns each answer cell back into the series' placeholder cell."""
    from nbgrader.preprocessors import ClearSolutions
    source = nbformat.read(next(p for p in course if p.name == path.name), as_version=4)
    clear = ClearSolutions(code_stub={"python": classroom.CODE_STUB}, text_stub=classroom.TEXT_STUB)
    released, _ = clear.preprocess(source, {"language": "python"})
    student = classroom.student_notebook(nbformat.read(path, as_version=4))
    student_exercises = [c.source for c in student.cells
                         if c.cell_type == "code" and classroom.PLACEHOLDER.search(c.source)]
    released_code = [c.source for c in answer_cells(released) if c.cell_type == "code"]
    assert released_code == [s.replace("answer = None  # your answer", classroom.CODE_STUB)
                             for s in student_exercises]
    assert all(c.source == classroom.TEXT_STUB for c in answer_cells(released)
               if c.cell_type == "markdown")


def nbgrader(course_dir, *args):
    """Run one nbgrader command in the course folder (alembic, which it calls, must be on PATH)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course_dir, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result


def submissions(assignment):
    """What each student wrote, per exercise key: ``SUBMISSIONS``, and for an exercise added to
    the notebook since, the model answer from the all-right student and nothing from the others."""
    original = nbformat.read(ROOT / "notebooks" / f"{assignment}.ipynb", as_version=4)
    written = {}
    for ex in classroom.find_exercises(original):
        if not ex.is_open:
            model = classroom.model_answer_code(original.cells[ex.solution_cell].source)
            written[ex.key] = SUBMISSIONS[assignment].get(
                ex.key, [(model, True), (classroom.CODE_STUB, False)])
    assert set(SUBMISSIONS[assignment]) <= set(written), "SUBMISSIONS names exercises that exist"
    return written


def write_submission(course_dir, assignment, student, which):
    """Copy the released notebook into submitted/ and answer it as ``which`` says (None: untouched)."""
    name = f"{assignment}.ipynb"
    nb = nbformat.read(course_dir / "release" / assignment / name, as_version=4)
    if which is not None:
        written = submissions(assignment)
        for cell in answer_cells(nb):
            if cell.cell_type == "markdown":
                cell.source = OPEN_ANSWER
                continue
            key = classroom.CHECK.search(cell.source)["key"]
            code, _ = written[key][which]
            cell.source = cell.source.replace(classroom.CODE_STUB, code)
    folder = course_dir / "submitted" / student / assignment
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / name)


def expected_score(assignment, which):
    if which is None:
        return 0
    return sum(classroom.AUTO_POINTS for forms in submissions(assignment).values() if forms[which][1])


def test_three_submissions_grade_as_expected(tmp_path):
    from nbgrader.api import Gradebook
    sources = [p for p in NOTEBOOKS if p.stem in SUBMISSIONS]
    classroom.write_nbgrader(tmp_path, sources)
    for assignment in SUBMISSIONS:
        nbgrader(tmp_path, "generate_assignment", assignment)
        for student, which in STUDENTS.items():
            write_submission(tmp_path, assignment, student, which)
        nbgrader(tmp_path, "autograde", assignment, "--create")
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        for assignment in SUBMISSIONS:
            auto_max = classroom.AUTO_POINTS * len(submissions(assignment))
            for student, which in STUDENTS.items():
                sub = gb.find_submission(assignment, student)
                assert sub.score == expected_score(assignment, which), (assignment, student)
                # the open question waits for the teacher unless it was left untouched (then 0)
                assert sub.needs_manual_grade == (which is not None), (assignment, student)
            assert gb.find_submission(assignment, "all_right").score == auto_max
            assert 0 < gb.find_submission(assignment, "half_right").score < auto_max
            # the teacher grades the open answer: the all-right student reaches the maximum
            open_grade = next(g for g in gb.find_submission_notebook(assignment, assignment, "all_right").grades
                              if g.name.endswith("_open_1"))
            open_grade.manual_score = classroom.MANUAL_POINTS
            gb.db.commit()
            assert gb.find_submission(assignment, "all_right").score == \
                gb.find_submission(assignment, "all_right").max_score
    nbgrader(tmp_path, "export", "--to", str(tmp_path / "grades.csv"))
    with open(tmp_path / "grades.csv") as f:
        rows = list(csv.DictReader(f))
    scores = {(r["assignment"], r["student_id"]): float(r["score"]) for r in rows}
    assert scores[("01_information_in_bits", "half_right")] == expected_score("01_information_in_bits", 1)
    assert scores[("05_four_pixel_world", "untouched")] == 0


DEMO_SOURCE = """\
# A notebook

```{code-cell} ipython3
:tags: [imports]

w = some_widget()
w
```

Predict first, then move the slider.

```{code-cell} ipython3
# predict, then try
answer = None  # your answer
check('pixels.neighbours_15', answer)
```

```{code-cell} ipython3
:tags: [solution]
:jupyter: {source_hidden: true, outputs_hidden: true}

answer = [7, 11, 13, 14]
```

+++

Another.

```{code-cell} ipython3
answer = None  # your answer
check('information.die_entropy', answer)
```

```{code-cell} ipython3
:tags: [solution]
:jupyter: {source_hidden: true, outputs_hidden: true}

answer = 2.585
check('information.die_entropy', answer)
```

+++

Open question.

+++ {"tags": ["solution"], "jupyter": {"source_hidden": true}}

*Model answer.* Because.
"""


def test_any_cell_in_the_exercise_pattern_is_found_not_a_list():
    """A widget "predict, then try" task written like an exercise is graded like one."""
    import jupytext
    nb = jupytext.reads(DEMO_SOURCE, fmt="md:myst")
    found = classroom.find_exercises(nb)
    assert [(e.key, e.answer_cell, e.solution_cell) for e in found] == [
        ("pixels.neighbours_15", 3, 4), ("information.die_entropy", 6, 7), (None, None, 9)]
    graded = classroom.nbgrader_notebook(nb, "demo")
    assert "### BEGIN SOLUTION\n# predict, then try" not in graded.cells[3].source
    assert graded.cells[3].source.startswith("# predict, then try\n### BEGIN SOLUTION\nanswer = [7, 11")
    assert "is_correct('information.die_entropy', answer)" in graded.cells[7].source
    assert graded.cells[9].metadata["nbgrader"]["points"] == classroom.MANUAL_POINTS
    assert len(classroom.student_notebook(nb).cells) == len(nb.cells) - 3
