"""`make report`: the class report, end to end on generated submissions with known slips.

Five students hand in notebook 01 the way `tests/test_nbgrader.py` makes submissions (the
released nbgrader notebook, answer cells filled in): one all right, one with the natural log
for log2 (run in a kernel: `math.log(6)`) and a wrong count, one with a percentage for a
fraction, one untouched, and one whose check cells were really run, try after try, in a
kernel (so their outputs record the tries): right at the first try, right after the ln slip,
and a percentage never put right. An nbgrader gradebook adds a student who handed nothing in
and one autograde verdict that disagrees. The report must count exactly those, tell right
first try from right later, name exactly those slips (the ones met on the way included) with
the package's messages, and describe its figure with the numbers.
"""

import html
import math
import os
import re
import subprocess
import sys
import warnings
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from flywheel_lab.exercises import judge, lookup
from flywheel_lab.information import binary_entropy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import class_report  # noqa: E402
import classroom  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
import figure_check  # noqa: E402

ASSIGNMENT = "01_information_in_bits"
KEYS = ["information.same_as_p03", "information.mix_max_bits", "information.die_entropy",
        "information.questions_for_100", "information.coin_90", "information.hd_frame_bits",
        "information.skewed_mix"]


def right(key):
    return f"answer = {lookup(key).value()!r}"


# what each student wrote in place of `answer = None  # your answer` (None: left as it was)
STUDENTS = {
    "ana": {key: right(key) for key in KEYS},
    "ben": {**{key: right(key) for key in KEYS},
            "information.die_entropy": "import math\nanswer = math.log(6)   # ln, not log2",
            "information.coin_90": f"answer = {binary_entropy(0.9) * math.log(2)!r}",
            "information.questions_for_100": "answer = 9"},
    "cleo": {**{key: right(key) for key in KEYS}, "information.same_as_p03": "answer = 70"},
    "dan": {},
}
# fay ran her check cells: each key's tries in order (the last is what she handed in)
FAY_TRIES = {
    "information.mix_max_bits": [right("information.mix_max_bits")],
    "information.die_entropy": ["import math\nanswer = math.log(6)", right("information.die_entropy")],
    "information.same_as_p03": ["answer = 70"],
}
STUDENTS["fay"] = {**{key: right(key) for key in KEYS}, **{k: t[-1] for k, t in FAY_TRIES.items()}}
# the table rows these must give: (right first try, right later, right with tries not recorded,
# named slip, other wrong, blank, slips met)
EXPECTED = {
    "information.same_as_p03": (0, 0, 2, 2, 0, 1, "a percentage for a fraction (2)"),
    "information.mix_max_bits": (1, 0, 3, 0, 0, 1, "–"),
    "information.die_entropy": (0, 1, 2, 1, 0, 1, "ln instead of log2 (2)"),
    "information.questions_for_100": (0, 0, 3, 0, 1, 1, "–"),
    "information.coin_90": (0, 0, 3, 1, 0, 1, "ln instead of log2 (1)"),
    "information.hd_frame_bits": (0, 0, 4, 0, 0, 1, "–"),
    "information.skewed_mix": (0, 0, 4, 0, 0, 1, "–"),
}


def test_the_generated_answers_are_what_they_claim():
    """The slips are really those slips by the package's own rule (so the report is tested, not them)."""
    assert judge("information.die_entropy", math.log(6)).slip == "ln instead of log2"
    assert judge("information.coin_90", binary_entropy(0.9) * math.log(2)).slip == "ln instead of log2"
    assert judge("information.same_as_p03", 70).kind == "percent"
    assert judge("information.questions_for_100", 9).kind == "wrong"
    assert all(judge(key, lookup(key).value()).accepted for key in KEYS)


def released_notebook():
    """Notebook 01 as nbgrader releases it: the course's source with the solutions cleared."""
    from nbgrader.preprocessors import ClearSolutions
    nb = nbformat.read(ROOT / "notebooks" / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = classroom.nbgrader_notebook(nb, ASSIGNMENT)
    clear = ClearSolutions(code_stub={"python": classroom.CODE_STUB}, text_stub=classroom.TEXT_STUB)
    released, _ = clear.preprocess(source, {"language": "python"})
    return released


def run_tries(tries):
    """``{key: outputs of its last check}`` after running every try of ``tries`` in one kernel,
    as a student who edits the answer and runs the cell again."""
    from nbclient import NotebookClient
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = [("", "from flywheel_lab.exercises import check")]
    cells += [(key, f"{code}\ncheck({key!r}, answer)") for key, codes in tries.items() for code in codes]
    nb.cells = [nbformat.v4.new_code_cell(code) for _, code in cells]
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return {key: cell.outputs for (key, _), cell in zip(cells, nb.cells) if key}


def write_submissions(course):
    released = released_notebook()
    fay_outputs = run_tries(FAY_TRIES)
    for student, answers in STUDENTS.items():
        nb = nbformat.from_dict(released)
        for cell in nb.cells:
            check = classroom.CHECK.search(cell.source) if cell.cell_type == "code" else None
            if check and check["key"] in answers and not cell.metadata.get("nbgrader", {}).get("locked"):
                cell.source = cell.source.replace(classroom.CODE_STUB, answers[check["key"]])
                if student == "fay" and check["key"] in fay_outputs:
                    cell.outputs = fay_outputs[check["key"]]
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")


def write_gradebook(course):
    """A gradebook as autograde leaves it, plus `eve`, who handed nothing in, and one verdict
    that disagrees with the report (ben's die_entropy marked right)."""
    from nbgrader.api import Gradebook
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")  # alembic
        gradebook = Gradebook(f"sqlite:///{course / 'gradebook.db'}")
    with gradebook as gb:
        for student in [*STUDENTS, "eve"]:
            gb.add_student(student)
        gb.update_or_create_assignment(ASSIGNMENT)
        gb.update_or_create_notebook(ASSIGNMENT, ASSIGNMENT)
        for key in KEYS:
            gb.update_or_create_grade_cell(classroom.grade_id(key + "_test"), ASSIGNMENT, ASSIGNMENT,
                                           max_score=1, cell_type="code")
        for student, answers in STUDENTS.items():
            with warnings.catch_warnings():     # nbgrader's own SQLAlchemy usage warns
                warnings.simplefilter("ignore")
                gb.add_submission(ASSIGNMENT, student)
            for key in KEYS:
                grade = gb.find_grade(classroom.grade_id(key + "_test"), ASSIGNMENT, ASSIGNMENT, student)
                rightly = answers.get(key) == right(key) or (student, key) == ("ben", "information.die_entropy")
                grade.auto_score = 1 if rightly else 0
        gb.db.commit()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    write_submissions(course)
    write_gradebook(course)
    out = course / "report"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "classroom.py"), "report",
                             "--gradebook", str(course / "gradebook.db"), "--out", str(out)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return out, result.stdout


def table_rows(markdown):
    """``{key: (right first, right later, not recorded, named slip, other wrong, blank, slips)}``
    from the report's table."""
    rows = {}
    for line in markdown.splitlines():
        m = re.fullmatch(r"\| .*\(`([\w.]+)`\) \| (\d+)" + r" \| (\d+)" * 4 + r" \| (\d+)[^|]*"
                         r" \| (\d+) \| (.+) \|", line)
        if m:
            assert int(m[2]) == 5, f"{m[1]}: every student who handed in is counted"
            rows[m[1]] = (*(int(m[i]) for i in range(3, 9)), m[9])
    return rows


def test_the_table_counts_exactly_the_answers_given(report):
    out, _ = report
    markdown = (out / "report.md").read_text()
    assert table_rows(markdown) == EXPECTED
    # each exercise by the heading it sits under in the notebook, then its key
    assert len(re.findall(r"^\| (Exercise \d+: [^|]+|Predict, then try) \(`information\.", markdown,
                          re.MULTILINE)) == len(KEYS)


def test_what_to_reteach_names_the_stuck_exercises_and_their_slips(report):
    out, stdout = report
    markdown = (out / "report.md").read_text()
    top = markdown.split("## What to reteach tomorrow", 1)[1].split(f"## {ASSIGNMENT}", 1)[0]
    # two students stuck on same_as_p03, then one each: those with a named slip come first
    named = re.findall(r"^1\. .*\(`([\w.]+)`\)", top, re.MULTILINE)
    assert named == ["information.same_as_p03", "information.die_entropy", "information.coin_90"]
    ln = next(s for s in lookup("information.die_entropy").slips if s.name == "ln instead of log2")
    # ben handed the slip in, fay met it and put it right: both count
    assert f"*ln instead of log2* (2 students): “{ln.message}”" in top
    assert "1 student more got it right after a wrong try." in top
    assert "*a percentage for a fraction* (2 students)" in top and "fraction between 0 and 1" in top
    assert "at the first try" in top, "the report says what right first try and right later mean"
    assert "reteach: 01_information_in_bits information.die_entropy: 1 of 5 stuck; ln instead of log2 (2)" in stdout


def test_the_gradebook_adds_the_class_list_and_autograde_disagreements(report):
    markdown = (report[0] / "report.md").read_text()
    assert "Not handed in (1): eve." in markdown
    assert ("- 01_information_in_bits, ben, `information.die_entropy`: this report says named slip, "
            "autograde says right.") in markdown
    assert markdown.count("autograde says") == 1


def test_the_page_is_offline_and_its_figure_has_a_text_alternative_with_the_numbers(report):
    out, _ = report
    page = (out / "index.html").read_text()
    assert '<html lang="en">' in page
    assert not re.search(r"""(src|href)=["'](?!data:)""", page), "nothing to fetch: readable offline"
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,', page)
    assert len(images) == 1
    alt = html.unescape(images[0])
    assert alt.startswith(f"{ASSIGNMENT}: answers per exercise: Answers of 5 students to 7 self-checked")
    for key, counts in EXPECTED.items():
        said = [f"{n} {group}" for n, group in zip(counts, class_report.GROUPS)
                if n or group in ("right first try", "named slip")]
        assert f"{key.split('.')[1]}: {', '.join(said)}" in alt
    assert "<th scope=\"col\">Right later</th>" in page and "ln instead of log2 (2)" in page
    assert (out / f"{ASSIGNMENT}.png").read_bytes()[:4] == b"\x89PNG"
    assert f"]({ASSIGNMENT}.png)" in (out / "report.md").read_text()


def test_a_flat_folder_and_an_answer_that_needs_the_whole_notebook(tmp_path):
    """A notebook handed in as `<student>.ipynb`, whose answers name a variable of an earlier cell."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from flywheel_lab.exercises import check",
                                          metadata={"tags": ["imports"]}),
                nbformat.v4.new_code_cell("import math\nbits = math.log2(6)"),
                nbformat.v4.new_code_cell("answer = bits  # your answer\n"
                                          "check('information.die_entropy', answer)"),
                nbformat.v4.new_code_cell("answer = 2\ncheck('information.mix_max_bits', answer)"),
                # an nbgrader answer cell whose check line the student deleted: found by its grade id
                nbformat.v4.new_code_cell("answer = round(bits) + 4", metadata={"nbgrader": {
                    "grade_id": "information_questions_for_100_answer", "solution": True}})]
    nbformat.write(nb, tmp_path / "zoe.ipynb")
    (tmp_path / "notes.ipynb").write_text("not a notebook")
    report = class_report.build_report(tmp_path)
    rows = {row.key: row for row in report.rows}
    assert report.students == ["zoe"] and rows["information.die_entropy"].right == 1
    assert rows["information.mix_max_bits"].counts["other wrong"] == 1
    assert rows["information.questions_for_100"].right == 1
    assert sum(rows["information.skewed_mix"].counts.values()) == 1    # not in the file: blank
    assert rows["information.skewed_mix"].counts["blank"] == 1
    assert [path.name for path, _ in report.unread] == ["notes.ipynb"]


@pytest.mark.parametrize("code, read, value", [
    ("answer = 2.585", True, 2.585),
    ("answer = 1920 * 1080 * 24  # bits", True, 1920 * 1080 * 24),
    ("answer = [7, 11, -13]", True, [7, 11, -13]),
    ("answer = 1 / 6", True, 1 / 6),
    ("answer = '90%'", True, "90%"),
    ("answer = None  # your answer", True, None),
    ("", True, None),
    ("answer = math.log(6)", False, None),
    ("import math\nanswer = 2", False, None),
    ("answer = 10 ** 10 ** 10", False, None),
    ("answer = 1 / 0", False, None),
    ("answer = (", False, None),
])
def test_literal_answers_are_read_without_running_anything(code, read, value):
    assert class_report.literal_answer(code) == (read, value)


def test_the_figure_keeps_the_series_figure_rules():
    """Title, labelled axes, legend clear of the bars, contrast, no series told apart by colour alone."""
    rows = [class_report.Row(ASSIGNMENT, key, "", Counter(dict(zip(class_report.GROUPS, counts[:6]))))
            for key, counts in EXPECTED.items()]
    fig, png = class_report.figure(ASSIGNMENT, rows)
    assert figure_check.problems(fig) == []
    assert png[:4] == b"\x89PNG"


def test_tries_survive_a_kernel_restart(tmp_path, monkeypatch):
    """After a restart, check starts from the tries saved in the notebook (JupyterLab names it in
    JPY_SESSION_NAME), so "restart and run all" before handing in keeps the first wrong try."""
    from flywheel_lab import exercises
    outputs = run_tries({"information.die_entropy": ["import math\nanswer = math.log(6)"]})
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("check('information.die_entropy', answer)",
                                          outputs=outputs["information.die_entropy"])]
    nbformat.write(nb, tmp_path / "saved.ipynb")
    assert exercises._saved_tries(tmp_path / "saved.ipynb", "information.die_entropy") == [
        {"kind": "slip", "slip": "ln instead of log2"}]
    assert exercises._saved_tries(tmp_path / "missing.ipynb", "information.die_entropy") == []
    monkeypatch.setattr(exercises, "_TRIES", {})
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "saved.ipynb"))
    tries = exercises._tries("information.die_entropy")
    tries.append({"kind": "correct", "slip": None})
    verdict = class_report.with_tries(class_report.Verdict("s", ASSIGNMENT, "information.die_entropy",
                                                           class_report.RIGHT_UNRECORDED), tries)
    assert verdict.group == "right later" and verdict.met == ("ln instead of log2",)
