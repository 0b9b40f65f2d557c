"""The class report: per self-checked exercise, how many students got it right, which slips they made.

    python tools/classroom.py report [--submitted DIR] [--gradebook FILE] [--out build/report]

Reads the notebooks students handed in, in nbgrader's layout
(``submitted/<student>/<assignment>/<notebook>.ipynb``), one folder per student
(``<student>/<notebook>.ipynb``) or a flat folder (``<student>.ipynb``, any name). Each
notebook is matched to the series notebook whose exercises it holds, and each exercise
cell's ``answer`` is judged by the exercise's own rule (``flywheel_lab.exercises.judge``):

* an answer written as a literal or as arithmetic on literals (``2.585``, ``1920 * 1080 * 24``,
  ``[7, 11]``) is read without running anything (``ast``);
* any other answer (``math.log(6)``, ``information.entropy(...)``) is run in a fresh kernel
  (nbclient) after the notebook's ``imports`` cell; if it needs a name defined elsewhere in the
  notebook, the whole notebook runs, as ``nbgrader autograde`` would run it.

Every answer falls in one of six groups: **right first try**, **right later** (a wrong
try was checked before), **right (tries not recorded)** (the check cell's output holds no
record of tries: never run, or run by an older package), **named slip** (a slip the exercise
recognises, or a format slip such as a percentage for a fraction), **other wrong** (a wrong
value no slip explains, or a cell that stops with an error) and **blank** (the placeholder
left, or the cell deleted). The tries are those ``check`` keeps in its output's metadata
(``flywheel_lab.exercises.TRIES_KEY``); the slips a student made on the way count in "slips
met", even where the answer was put right later.

An nbgrader gradebook (``--gradebook gradebook.db``) adds the class list (who handed nothing
in) and autograde's verdict per exercise; where autograde and this report disagree (an answer
that depended on the state of a student's own session), the report says so.

Writes ``report.md`` (the tables), ``index.html`` (tables and one figure per notebook, the
figures inlined, readable offline) and the figures as PNG files.
"""

import ast
import base64
import html
import io
import json
import operator
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import classroom
import nbformat

SLIP, WRONG, BLANK = "named slip", "other wrong", "blank"
#: the right answers, told apart by the tries recorded before them
RIGHT_FIRST, RIGHT_LATER, RIGHT_UNRECORDED = "right first try", "right later", "right (tries not recorded)"
GROUPS = (RIGHT_FIRST, RIGHT_LATER, RIGHT_UNRECORDED, SLIP, WRONG, BLANK)
RIGHT_GROUPS = (RIGHT_FIRST, RIGHT_LATER, RIGHT_UNRECORDED)
#: how many exercises "What to reteach tomorrow" names at most
RETEACH = 3
#: names for the format slips the exercises recognise without a Slip of their own
FORMAT_SLIPS = {
    "percent": "a percentage for a fraction",
    "fraction": "a fraction for a percentage",
    "too_few_digits": "too few digits",
    "rounded_twice": "rounded twice",
    "truncated": "digits cut off, not rounded",
    "text": "text for a number",
    "list": "several values for one number",
    "number_for_set": "one number for a set",
    "set_as_text": "text for a set",
}
FIRST_TRY_NOTE = (
    "Right means the answer in the handed-in notebook is accepted: at the first try it was "
    "checked, or later, after a wrong try (each check cell records its tries since the notebook "
    "was first run; \"tries not recorded\" means the cell's output holds no record). Slips met "
    "counts every student who made the slip at some try, even one who put it right later.")
PROBE = "<<flywheel-class-report>>"


# ------------------------------------------------------------------ what the series asks

def known_keys(series=None):
    """``{grade id of the answer cell: key}`` for every exercise of the series' notebooks."""
    series = series_exercises() if series is None else series
    return {classroom.grade_id(ex.key + "_answer"): ex.key
            for exercises in series.values() for ex in exercises}


@dataclass
class SeriesExercise:
    assignment: str
    key: str
    title: str      # the heading the exercise sits under ("Exercise 1: a die")
    order: int


def heading_before(nb, index):
    """The text of the last ``###`` (or higher) heading above cell ``index``, or ''."""
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "markdown":
            headings = [line for line in cell.source.splitlines() if re.match(r"#{1,4} ", line)]
            if headings:
                return headings[-1].lstrip("#").strip()
    return ""


def series_exercises(folder=classroom.NOTEBOOKS):
    """``{assignment: [SeriesExercise, …]}``: the self-checked exercises of each series notebook."""
    found = {}
    for order, path in enumerate(classroom.notebook_paths(folder)):
        nb = nbformat.read(path, as_version=4)
        found[path.stem] = [SeriesExercise(path.stem, ex.key, heading_before(nb, ex.answer_cell),
                                           order * 1000 + ex.answer_cell)
                            for ex in classroom.find_exercises(nb) if not ex.is_open]
    return found


# ------------------------------------------------------------------ reading a submission

@dataclass
class AnswerCell:
    key: str
    code: str        # the cell without its check(...) line
    index: int = None  # its place in the notebook
    tries: list = None  # the tries its check output records ([{"kind", "slip"}]), None if none


def recorded_tries(cell):
    """The tries a check cell's output records (``exercises.TRIES_KEY``), or None."""
    from flywheel_lab.exercises import _recorded_tries
    return _recorded_tries(cell.get("outputs", []))


@dataclass
class Submission:
    student: str
    path: Path
    assignment: str = None
    cells: list = field(default_factory=list)      # AnswerCell, in order
    nb: object = None


def answer_cells(nb, keys=None):
    """The exercise cells of a handed-in notebook (``AnswerCell``), found by their check line,
    or in an nbgrader notebook by the answer cell's grade id (a deleted check line)."""
    keys = known_keys() if keys is None else keys
    found = []
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or classroom.is_solution(cell) or meta.get("locked"):
            continue
        check = classroom.CHECK.search(cell.source)
        key = check["key"] if check else keys.get(meta.get("grade_id"))
        if key is None:
            continue
        code = "\n".join(line for line in cell.source.splitlines()
                         if not classroom.CHECK.match(line.strip()))
        found.append(AnswerCell(key, code, index, recorded_tries(cell)))
    return found


def find_submissions(folder):
    """Every handed-in notebook under ``folder`` (nbgrader layout, per-student folders or flat)."""
    folder = Path(folder)
    subs = []
    for path in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        parts = path.relative_to(folder).parts
        student = parts[0] if len(parts) > 1 else path.stem
        nbgrader_folder = parts[1] if len(parts) == 3 else None
        subs.append(Submission(student, path, nbgrader_folder))
    return subs


def match_assignment(sub, series):
    """The series notebook whose exercises the submission holds (most keys in common)."""
    keys = {cell.key for cell in sub.cells}
    best = max(series, key=lambda name: (len(keys & {e.key for e in series[name]}),
                                         name == sub.assignment), default=None)
    if best is not None and keys & {e.key for e in series[best]}:
        return best
    return sub.assignment or sub.path.stem


# ------------------------------------------------------------------ judging an answer

_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
           ast.Pow: operator.pow}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}


class NotLiteral(Exception):
    """The answer needs running: it uses a name, a call or something else than literals."""


def _arithmetic(node):
    """The value of literals and arithmetic on them; anything else raises NotLiteral."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, type(None))):
        return node.value
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_arithmetic(node.operand))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left, right = _arithmetic(node.left), _arithmetic(node.right)
        if isinstance(node.op, ast.Pow) and (abs(right) > 64 or abs(left) > 10**6):
            raise NotLiteral("a power too large to compute here")
        try:
            return _BINOPS[type(node.op)](left, right)
        except (ArithmeticError, TypeError) as error:
            raise NotLiteral(str(error)) from None
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [_arithmetic(item) for item in node.elts]
        return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
    raise NotLiteral(ast.dump(node)[:60])


def literal_answer(code):
    """``(True, value)`` when the cell only sets ``answer`` to literals; ``(False, None)`` if it needs running."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False, None             # the kernel reports the error as a student would see it
    if not tree.body:
        return True, None              # the cell emptied: nothing answered
    if len(tree.body) != 1:
        return False, None
    stmt = tree.body[0]
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == "answer"):
        return False, None
    try:
        return True, ast.literal_eval(stmt.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    try:
        return True, _arithmetic(stmt.value)
    except (NotLiteral, RecursionError):
        return False, None


@dataclass
class Verdict:
    student: str
    assignment: str
    key: str
    group: str
    name: str = None        # the slip's name (named slip), or what stopped the cell
    message: str = ""       # what the student was told about the slip
    how: str = ""           # "read", "run", "run with the whole notebook", "missing"
    met: tuple = ()         # the slips named at the recorded tries, in order


def slip_name(kind, slip):
    """The report's name for a verdict ``kind`` (and its slip), or None if it names no slip."""
    from flywheel_lab import exercises
    return slip if kind == exercises.SLIP else FORMAT_SLIPS.get(kind)


def with_tries(verdict, tries):
    """``verdict`` with the right group told apart by ``tries``, and the slips met on the way."""
    from flywheel_lab import exercises
    if tries is None:
        return verdict
    met = tuple(dict.fromkeys(n for t in tries if (n := slip_name(t.get("kind"), t.get("slip")))))
    group = verdict.group
    if group == RIGHT_UNRECORDED and tries:
        wrong_first = not exercises.ACCEPTED.get(tries[0].get("kind"), False)
        group = RIGHT_LATER if wrong_first else RIGHT_FIRST
    return Verdict(verdict.student, verdict.assignment, verdict.key, group, verdict.name,
                   verdict.message, verdict.how, met)


def _verdict(sub, key, kind, slip, message, how):
    from flywheel_lab import exercises
    name = slip_name(kind, slip)
    if exercises.ACCEPTED[kind]:
        group = RIGHT_UNRECORDED
    elif kind == exercises.PLACEHOLDER:
        group = BLANK
    else:
        group = SLIP if name else WRONG
    message = re.sub(r"^❌\s*(Not yet:\s*)?", "", message).strip()
    return Verdict(sub.student, sub.assignment, key, group, name, message if name else "", how)


def judge_read(sub, cell, value):
    from flywheel_lab.exercises import judge
    feedback = judge(cell.key, value)
    return _verdict(sub, cell.key, feedback.kind, feedback.slip, feedback.message, "read")


def _probe(key):
    return ("import json as _report_json\n"
            "from flywheel_lab.exercises import judge as _report_judge\n"
            f"_report_f = _report_judge({key!r}, answer)\n"
            f"print({PROBE!r} + _report_json.dumps({{'kind': _report_f.kind, "
            "'slip': _report_f.slip, 'message': _report_f.message}))")


def _run(nb_cells, folder, timeout):
    """Execute code cells in a fresh kernel; return the executed cells."""
    from nbclient import NotebookClient
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in nb_cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb.cells


def _error(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output.get("ename", "Error")
    return None


def _probed(cell):
    for output in cell.get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(PROBE):
                return json.loads(line[len(PROBE):])
    return None


def judge_run(sub, pending, whole, timeout=600):
    """Judge ``pending`` answer cells by running them (after the imports, or the whole notebook)."""
    pending_ids = {id(cell) for cell in pending}
    sources, slots = [], []      # slots: (AnswerCell, index of its code, index of its probe)
    if whole:
        for index, cell in enumerate(sub.nb.cells):
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code" or classroom.is_solution(cell) or meta.get("locked"):
                continue
            mine = next((c for c in pending if c.index == index), None)
            if mine is None:
                sources.append(cell.source)
                continue
            sources += ["answer = None", mine.code, _probe(mine.key)]
            slots.append((mine, len(sources) - 2, len(sources) - 1))
    else:
        sources += [c.source for c in sub.nb.cells
                    if c.cell_type == "code" and "imports" in c.metadata.get("tags", [])]
        for cell in sub.cells:
            if id(cell) in pending_ids:
                sources += ["answer = None", cell.code, _probe(cell.key)]
                slots.append((cell, len(sources) - 2, len(sources) - 1))
    ran = _run(sources, sub.path.parent, timeout)
    how = "run with the whole notebook" if whole else "run"
    verdicts, missing_name = {}, []
    for cell, code_at, probe_at in slots:
        error = _error(ran[code_at])
        if error == "NameError" and not whole:
            missing_name.append(cell)
            continue
        if error:
            verdicts[id(cell)] = Verdict(sub.student, sub.assignment, cell.key, WRONG,
                                         f"the cell stops with {error}", "", how)
            continue
        result = _probed(ran[probe_at])
        if result is None:
            verdicts[id(cell)] = Verdict(sub.student, sub.assignment, cell.key, WRONG,
                                         "could not be judged", "", how)
            continue
        verdicts[id(cell)] = _verdict(sub, cell.key, result["kind"], result["slip"],
                                      result["message"], how)
    return verdicts, missing_name


def judge_submission(sub, series, timeout=600):
    """Every exercise of ``sub``'s assignment judged: ``[Verdict]`` in the series' order."""
    read, pending = {}, []
    for cell in sub.cells:
        ok, value = literal_answer(cell.code)
        if ok:
            read[id(cell)] = judge_read(sub, cell, value)
        else:
            pending.append(cell)
    if pending:
        ran, retry = judge_run(sub, pending, whole=False, timeout=timeout)
        read.update(ran)
        if retry:
            ran, _ = judge_run(sub, retry, whole=True, timeout=timeout)
            read.update(ran)
    by_key = {}
    for cell in sub.cells:                              # a repeated cell: the first one counts
        by_key.setdefault(cell.key, with_tries(read.get(id(cell)) or Verdict(
            sub.student, sub.assignment, cell.key, WRONG, "could not be judged", "", "run"), cell.tries))
    verdicts = []
    for ex in series.get(sub.assignment, []):
        verdicts.append(by_key.pop(ex.key, None)
                        or Verdict(sub.student, sub.assignment, ex.key, BLANK, how="missing"))
    return verdicts + list(by_key.values())


# ------------------------------------------------------------------ the gradebook

def read_gradebook(path, series=None):
    """``(students, {(assignment, student, key): autograde says right})`` from an nbgrader gradebook."""
    from nbgrader.api import Gradebook
    # nbgrader runs `alembic` when it opens a gradebook: find it next to this Python
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    keys = {gid[: -len("_answer")] + "_test": key for gid, key in known_keys(series).items()}
    verdicts = {}
    with Gradebook(f"sqlite:///{Path(path).resolve()}") as gb:
        students = sorted(s.id for s in gb.students)
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.name in keys and grade.auto_score is not None:
                            verdicts[(assignment.name, submission.student.id, keys[grade.name])] = \
                                grade.auto_score >= grade.max_score
    return students, verdicts


# ------------------------------------------------------------------ the report

@dataclass
class Row:
    """The class's answers to one exercise."""

    assignment: str
    key: str
    title: str
    counts: Counter = field(default_factory=Counter)     # group -> students
    slips: Counter = field(default_factory=Counter)      # slip name -> students
    messages: dict = field(default_factory=dict)         # slip name -> message
    errors: Counter = field(default_factory=Counter)     # "the cell stops with NameError" -> students

    @property
    def students(self):
        return sum(self.counts.values())

    @property
    def right(self):
        """Students whose handed-in answer is right (first try, later, or tries not recorded)."""
        return sum(self.counts[group] for group in RIGHT_GROUPS)

    @property
    def stuck(self):
        """Students who answered but are not right (a named slip or another wrong answer)."""
        return self.counts[SLIP] + self.counts[WRONG]


@dataclass
class ClassReport:
    rows: list
    submissions: int
    students: list
    unread: list = field(default_factory=list)           # (path, why)
    not_submitted: dict = field(default_factory=dict)    # assignment -> [student]
    disagreements: list = field(default_factory=list)    # (assignment, student, key, ours, autograde)
    handed_in: list = field(default_factory=list)        # students with at least one notebook

    def summary(self):
        handed_in = len(set(self.handed_in))
        text = f"{self.submissions} handed-in notebooks from {handed_in} students"
        if len(self.students) > handed_in:
            text += f" ({len(self.students)} on the class list)"
        return text + "."

    def assignments(self):
        return list(dict.fromkeys(row.assignment for row in self.rows))

    def reteach(self, top=RETEACH):
        """The exercises with the most stuck students, at most ``top``; on a tie first those with
        more named slips (a slip says what to reteach), then more blanks, then the series' order."""
        stuck = [row for row in self.rows if row.stuck]
        return sorted(stuck, key=lambda r: (-r.stuck, -r.counts[SLIP], -r.counts[BLANK],
                                            self.rows.index(r)))[:top]


def build_report(submitted, gradebook=None, series=None, timeout=600):
    """Read, judge and count every handed-in notebook under ``submitted``."""
    series = series_exercises() if series is None else series
    keys = known_keys(series)
    subs, unread = [], []
    for sub in find_submissions(submitted):
        try:
            sub.nb = nbformat.read(sub.path, as_version=4)
        except Exception as error:  # noqa: BLE001 — a broken file is reported, not fatal
            unread.append((sub.path, f"not a readable notebook ({type(error).__name__})"))
            continue
        sub.cells = answer_cells(sub.nb, keys)
        if not sub.cells:
            unread.append((sub.path, "no self-checked exercise found"))
            continue
        sub.assignment = match_assignment(sub, series)
        subs.append(sub)
    verdicts = [v for sub in subs for v in judge_submission(sub, series, timeout)]

    titles = {(e.assignment, e.key): e for exs in series.values() for e in exs}
    rows = {}
    for v in sorted(verdicts, key=lambda v: (titles[(v.assignment, v.key)].order
                                             if (v.assignment, v.key) in titles else 10**9,
                                             v.assignment, v.key)):
        ex = titles.get((v.assignment, v.key))
        row = rows.setdefault((v.assignment, v.key),
                              Row(v.assignment, v.key, ex.title if ex else ""))
        row.counts[v.group] += 1
        if v.group == SLIP:
            row.messages.setdefault(v.name, v.message)
        elif v.group == WRONG and v.name:
            row.errors[v.name] += 1
        for name in dict.fromkeys([*v.met, *([v.name] if v.group == SLIP else [])]):
            row.slips[name] += 1                         # each student once per slip met
            if name not in row.messages:
                row.messages[name] = _slip_message(v.key, name)
    students = sorted({sub.student for sub in subs})
    report = ClassReport(list(rows.values()), len(subs), students, unread, handed_in=students)
    if gradebook is not None:
        roster, autograde = read_gradebook(gradebook, series)
        report.students = sorted(set(students) | set(roster))
        for assignment in report.assignments():
            handed_in = {sub.student for sub in subs if sub.assignment == assignment}
            missing = sorted(set(roster) - handed_in)
            if missing:
                report.not_submitted[assignment] = missing
        for v in verdicts:
            said = autograde.get((v.assignment, v.student, v.key))
            if said is not None and said != (v.group in RIGHT_GROUPS):
                report.disagreements.append((v.assignment, v.student, v.key, v.group,
                                             "right" if said else "not right"))
    return report


def _slip_message(key, name):
    """What exercise ``key`` tells a student who made the slip ``name`` ('' for a format slip)."""
    from flywheel_lab.exercises import lookup
    try:
        return next((slip.message for slip in lookup(key).slips if slip.name == name), "")
    except ValueError:
        return ""


# ------------------------------------------------------------------ writing it

def _slip_list(row):
    return "; ".join(f"{name} ({count})" for name, count in row.slips.most_common()) or "–"


def _wrong_text(row):
    text = str(row.counts[WRONG])
    if row.errors:
        text += " (" + "; ".join(f"{count} {name}" for name, count in row.errors.most_common()) + ")"
    return text


def _exercise_name(row):
    return f"{row.title} (`{row.key}`)" if row.title else f"`{row.key}`"


def reteach_sentence(row):
    """One exercise of "what to reteach tomorrow", in markdown."""
    later = row.counts[RIGHT_LATER]
    return (f"**{row.assignment}, {_exercise_name(row)}**: {row.stuck} of {row.students} "
            f"students stuck ({row.counts[SLIP]} with a named slip, {row.counts[WRONG]} with "
            f"another wrong answer; {row.counts[BLANK]} left it blank)."
            + (f" {_students(later)} more got it right after a wrong try." if later else ""))


def _students(count):
    return f"{count} student{'s' if count != 1 else ''}"


def reteach_lines(report):
    """The "what to reteach tomorrow" list, one markdown item per exercise with its top slips."""
    lines = []
    for row in report.reteach():
        items = [f"   - *{name}* ({_students(count)})" + (f": “{row.messages[name]}”" if row.messages[name] else "")
                 for name, count in row.slips.most_common(3)]
        lines.append("\n".join([f"1. {reteach_sentence(row)}", *items]))
    return lines


#: the table's columns after the exercise's name
COLUMNS = ("Students", "Right first try", "Right later", "Right (tries not recorded)", "Named slip",
           "Other wrong", "Blank", "Slips met (students)")


def table_cells(r):
    """One exercise's cells under :data:`COLUMNS`, as text."""
    return [str(r.students), *(str(r.counts[g]) for g in RIGHT_GROUPS), str(r.counts[SLIP]),
            _wrong_text(r), str(r.counts[BLANK]), _slip_list(r)]


def markdown_table(rows):
    header = ("| Exercise | " + " | ".join(COLUMNS) + " |\n|---|" + "---:|" * (len(COLUMNS) - 1) + "---|")
    body = [f"| {_exercise_name(r)} | " + " | ".join(table_cells(r)) + " |" for r in rows]
    return "\n".join([header, *(line.replace("\\", "\\\\") for line in body)])


def alt_text(assignment, rows):
    """The figure's text alternative, computed from the counts it draws."""
    students = max((r.students for r in rows), default=0)
    parts = [f"{r.key.split('.', 1)[-1]}: " + ", ".join(
        f"{r.counts[g]} {g}" for g in GROUPS if r.counts[g] or g in (RIGHT_FIRST, SLIP)) for r in rows]
    worst = max(rows, key=lambda r: (r.stuck, r.counts[BLANK]), default=None)
    summary = (f" Most students stuck: {worst.key.split('.', 1)[-1]}, {worst.stuck} of "
               f"{worst.students}." if worst is not None and worst.stuck else
               " No student gave a wrong answer.")
    return (f"Answers of {students} students to {len(rows)} self-checked exercises of "
            f"{assignment}, per exercise: " + "; ".join(parts) + "." + summary)


#: how each group is drawn: colour (Okabe & Ito), hatch pattern, and a dark edge for the light one
STYLES = {RIGHT_FIRST: ("#009E73", ""), RIGHT_LATER: ("#56B4E9", "\\\\"),
          RIGHT_UNRECORDED: ("#DDDDDD", "--"), SLIP: ("#D55E00", "//"), WRONG: ("#CC79A7", "xx"),
          BLANK: ("#FFFFFF", "..")}


def figure(assignment, rows):
    """Stacked bars per exercise (right / named slip / other wrong / blank), described."""
    from matplotlib.figure import Figure

    from flywheel_lab import plots
    with plots.style_context():
        fig = Figure(figsize=(8.5, 1.6 + 0.55 * len(rows)), layout="constrained")
        ax = fig.subplots()
        names = [r.key.split(".", 1)[-1] for r in rows]
        y = list(range(len(rows)))[::-1]
        left = [0] * len(rows)
        for group in GROUPS:
            colour, hatch = STYLES[group]
            counts = [r.counts[group] for r in rows]
            bars = ax.barh(y, counts, left=left, color=colour, hatch=hatch, edgecolor="#222222",
                           linewidth=1, label=group)
            for bar, count in zip(bars, counts):
                if count:
                    ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                            str(count), ha="center", va="center", color="black", fontsize=11,
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
            left = [a + b for a, b in zip(left, counts)]
        ax.set_yticks(y, names)
        plots.integer_axis(ax, "x")
        ax.set_xlim(0, max(left + [1]))
        plots.decorate(ax, xlabel="answers (students)", ylabel="exercise",
                       title=f"{assignment}: answers per exercise")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        plots.describe(ax, alt_text(assignment, rows))
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100)
    return fig, buf.getvalue()


def write_markdown(report, path, figures):
    lines = ["# Class report", "",
             report.summary(), "",
             "## What to reteach tomorrow", ""]
    reteach = reteach_lines(report)
    lines += reteach or ["No student gave a wrong answer to a self-checked exercise."]
    lines += ["", "Stuck = answered, but not right: a named slip or another wrong answer. " + FIRST_TRY_NOTE]
    for assignment in report.assignments():
        rows = [r for r in report.rows if r.assignment == assignment]
        lines += ["", f"## {assignment}", "", markdown_table(rows), ""]
        if assignment in report.not_submitted:
            names = report.not_submitted[assignment]
            lines += [f"Not handed in ({len(names)}): {', '.join(names)}.", ""]
        png, alt = figures[assignment]
        lines += [f"![{alt}]({png})"]
    lines += _notes_markdown(report)
    path.write_text("\n".join(lines) + "\n")


def _notes_markdown(report):
    lines = []
    if report.disagreements:
        lines += ["", "## Where autograde disagrees", "",
                  "Autograde ran each whole notebook; this report judged each answer cell after "
                  "the notebook's imports where it could. Look at these answers by hand.", ""]
        lines += [f"- {a}, {s}, `{k}`: this report says {ours}, autograde says {theirs}."
                  for a, s, k, ours, theirs in report.disagreements]
    if report.unread:
        lines += ["", "## Files not counted", ""]
        lines += [f"- `{path}`: {why}." for path, why in report.unread]
    return lines


def _inline_markdown(text):
    """Escape ``text`` for HTML, then turn its ``code``, **bold** and *italic* into tags."""
    text = html.escape(text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", text)


def write_html(report, path, figures_html):
    e = _inline_markdown
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>Class report</title>",
           "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
           "padding:0 1rem;line-height:1.5;color:#111}table{border-collapse:collapse;margin:1rem 0}"
           "th,td{border:1px solid #777;padding:.3rem .5rem;vertical-align:top}"
           "td.n{text-align:right}img{max-width:100%;height:auto}"
           "caption{text-align:left;font-weight:bold}</style>",
           "</head>", "<body>", "<main>", "<h1>Class report</h1>",
           f"<p>{html.escape(report.summary())}</p>",
           "<h2>What to reteach tomorrow</h2>"]
    rows = report.reteach()
    if rows:
        out.append("<ol>")
        for row in rows:
            out.append(f"<li><p>{e(reteach_sentence(row))}</p>")
            if row.slips:
                out.append("<ul>" + "".join(
                    f"<li><em>{html.escape(name)}</em> ({_students(count)})"
                    + (f": “{html.escape(row.messages[name])}”" if row.messages[name] else "") + "</li>"
                    for name, count in row.slips.most_common(3)) + "</ul>")
            out.append("</li>")
        out.append("</ol>")
    else:
        out.append("<p>No student gave a wrong answer to a self-checked exercise.</p>")
    out.append(f"<p>Stuck = answered, but not right: a named slip or another wrong answer. "
               f"{html.escape(FIRST_TRY_NOTE)}</p>")
    for assignment in report.assignments():
        out.append(f"<h2>{html.escape(assignment)}</h2>")
        out.append(f"<table><caption>{html.escape(assignment)}: students per exercise</caption>"
                   "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in ("Exercise", *COLUMNS))
                   + "</tr></thead><tbody>")
        for r in (r for r in report.rows if r.assignment == assignment):
            *numbers, slips = table_cells(r)
            out.append(f'<tr><th scope="row">{e(_exercise_name(r))}</th>'
                       + "".join(f'<td class="n">{html.escape(v)}</td>' for v in numbers)
                       + f"<td>{html.escape(slips)}</td></tr>")
        out.append("</tbody></table>")
        if assignment in report.not_submitted:
            names = report.not_submitted[assignment]
            out.append(f"<p>Not handed in ({len(names)}): {html.escape(', '.join(names))}.</p>")
        out.append(f"<figure>{figures_html[assignment]}</figure>")
    notes = _notes_markdown(report)
    if notes:
        for line in notes:
            if line.startswith("## "):
                out.append(f"<h2>{html.escape(line[3:])}</h2>")
            elif line.startswith("- "):
                out.append(f"<p>{e(line[2:])}</p>")
            elif line:
                out.append(f"<p>{e(line)}</p>")
    out += ["</main>", "</body>", "</html>"]
    path.write_text("\n".join(out) + "\n")


def write_report(submitted, out, gradebook=None, series=None, timeout=600):
    """Build the report and write ``report.md``, ``index.html`` and a PNG per notebook into ``out``."""
    from flywheel_lab import plots
    report = build_report(submitted, gradebook, series, timeout)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    figures, figures_html = {}, {}
    for assignment in report.assignments():
        rows = [r for r in report.rows if r.assignment == assignment]
        fig, png = figure(assignment, rows)
        name = f"{classroom.grade_id(assignment)}.png"
        (out / name).write_bytes(png)
        figures[assignment] = (name, plots.alt_text(fig))
        figures_html[assignment] = plots.figure_html(fig, base64.b64encode(png).decode("ascii"))
    write_markdown(report, out / "report.md", figures)
    write_html(report, out / "index.html", figures_html)
    return report


def main(submitted=None, gradebook=None, out=None):
    """The command line's ``report``: defaults to the course ``make nbgrader`` writes."""
    course = classroom.ROOT / "build" / "nbgrader"
    if submitted is None:
        submitted = Path(gradebook).parent / "submitted" if gradebook else course / "submitted"
    if gradebook is None and submitted == course / "submitted" and (course / "gradebook.db").exists():
        gradebook = course / "gradebook.db"
    if not Path(submitted).is_dir():
        raise SystemExit(f"no folder of handed-in notebooks at {submitted}: give one with --submitted DIR")
    out = Path(out or classroom.ROOT / "build" / "report")
    report = write_report(submitted, out, gradebook)
    print(f"{report.summary()} Wrote {out / 'report.md'} and {out / 'index.html'}.")
    for row in report.reteach():
        top = ", ".join(f"{name} ({count})" for name, count in row.slips.most_common(2))
        print(f"  reteach: {row.assignment} {row.key}: {row.stuck} of {row.students} stuck"
              + (f"; {top}" if top else ""))
    return 0
