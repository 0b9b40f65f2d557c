"""The teacher guide (notebooks/README.md) adds up, and each notebook's header matches its row."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "notebooks" / "README.md").read_text()
NOTEBOOKS = {p.name[:2]: p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))}
SKILLS = ["log₂", "basic probability", "basic Python"]
SESSION_MINUTES = 120


def split(text):
    return [part.strip() for part in text.split(";") if part.strip()]


def guide_rows():
    """``{number: (prerequisites, objectives, minutes)}`` from the guide's notebook table."""
    rows = {}
    for line in GUIDE.splitlines():
        m = re.fullmatch(r"\| (\d\d) \| [^|]+ \| [^|]+ \| ([^|]+) \| ([^|]+) \| (\d+) \|", line)
        if m:
            rows[m[1]] = (split(m[2]), split(m[3]), int(m[4]))
    return rows


def plan_rows():
    """``[(start, end, text, minutes)]`` from the 90-minute plan."""
    return [(int(m[1]), int(m[2]), m[3], int(m[4])) for m in
            re.finditer(r"^\| (\d+)–(\d+) \| (.+) \| (\d+) \|$", GUIDE, re.MULTILINE)]


def header(nb):
    """The notebook's header cell: time box, prerequisites, learning objectives."""
    cells = [c for c in nb.cells if "header" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "one markdown cell tagged `header`"
    assert nb.cells.index(cells[0]) <= 2, "the header comes right after the title"
    text = cells[0].source
    minutes = int(re.search(r"\*\*Time box:\*\* (\d+) minutes", text)[1])
    prerequisites = split(re.search(r"\*\*Prerequisites:\*\* (.+)", text)[1])
    objectives = [line[2:].strip() for line in text.splitlines() if line.startswith("* ")]
    return prerequisites, objectives, minutes


def headings(number):
    nb = nbformat.read(NOTEBOOKS[number], as_version=4)
    return {re.sub(r"^#+\s*(\d+\.\s*)?", "", line).strip()
            for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if line.startswith("#")}


def test_the_table_has_a_row_per_notebook():
    assert sorted(guide_rows()) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_notebook_header_matches_the_guide(number):
    prerequisites, objectives, minutes = guide_rows()[number]
    assert header(nbformat.read(NOTEBOOKS[number], as_version=4)) == (prerequisites, objectives, minutes)
    skills = [p for p in prerequisites if not p.startswith("notebook ")]
    assert skills and set(skills) <= set(SKILLS), f"prerequisites are drawn from {SKILLS}"
    for p in prerequisites:
        if p.startswith("notebook "):
            assert p[-2:] in NOTEBOOKS and p[-2:] < number, f"{number} needs a notebook before it: {p}"


def test_the_90_minute_plan_adds_up():
    rows = plan_rows()
    assert rows[0][0] == 0 and rows[-1][1] == 90
    for (start, end, text, minutes), following in zip(rows, rows[1:] + [None]):
        assert end - start == minutes, text
        if following:
            assert following[0] == end, "the plan's rows follow each other"
        parts = [int(m) for m in re.findall(r"\((?:[^()]*?, )?(\d+) min\)", text)]
        if parts:  # the parts of a row (reading, exercises) fill its minutes exactly
            assert sum(parts) == minutes, text
    assert sum(r[3] for r in rows) == 90
    assert any("exercise" in r[2] for r in rows), "the plan leaves time for exercises"


def test_the_plan_names_sections_that_exist():
    named = 0
    for _, _, text, _ in plan_rows():
        numbers = re.findall(r"\b(\d\d) (?=[\"§])", text.split("|")[0])
        sections = headings(numbers[0]) if numbers else set()
        for number in numbers[1:]:
            sections |= headings(number)
        for title in re.findall(r'"([^"]+)"', text.split("|")[0]):
            if title.startswith("cost is driven"):
                continue  # a quotation, not a section
            named += 1
            assert title in sections, f"no section {title!r} in notebooks {numbers}"
        for section, title in re.findall(r'§(\d) "([^"]+)"', text):
            assert any(f"## {section}. {title}" in raw_headings(n) for n in numbers), (section, title)
    assert named >= 8


def raw_headings(number):
    nb = nbformat.read(NOTEBOOKS[number], as_version=4)
    return [line for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if line.startswith("## ")]


def test_the_flywheel_figure_it_projects_is_drawn_in_notebook_00():
    assert "The flywheel loop" in headings("00")
    nb = nbformat.read(NOTEBOOKS["00"], as_version=4)
    cell = next(c for c in nb.cells if "plot_flywheel_loop()" in c.source)
    assert any('<img alt="' in out.get("data", {}).get("text/html", "") for out in cell.outputs)
    assert re.search(r'^\| 0–\d+ \| 00 .*"The flywheel loop"', GUIDE, re.MULTILINE)


def test_the_three_sessions_cover_the_series_within_their_time():
    minutes = {n: row[2] for n, row in guide_rows().items()}
    sessions = re.findall(r"^\d\. \*\*[^*]+\*\* — ([\d, ]+) \((\d+) min\)", GUIDE, re.MULTILINE)
    assert len(sessions) == 3
    seen = []
    for numbers, total in sessions:
        numbers = [n.strip() for n in numbers.split(",")]
        seen += numbers
        assert sum(minutes[n] for n in numbers) == int(total) <= SESSION_MINUTES
    assert seen == sorted(NOTEBOOKS), "each notebook once, in order"


def test_the_plan_gives_each_named_section_and_exercise_its_time():
    """Reading minutes cover the named sections by the series' time rule (tools/timebox.py), and
    exercise minutes cover the exercises named (issue 23: a plan that times what it assigns)."""
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    import timebox
    for _, _, text, minutes in plan_rows():
        reading, exercises = (part.strip() for part in text.split(" | "))
        needed, number = 0.0, None
        for m in re.finditer(r'\b(\d\d)\b(?= ["§])|"([^"]+)"', reading):
            if m[1]:
                number = m[1]
                sections = timebox.section_minutes(nbformat.read(NOTEBOOKS[number], as_version=4))
            elif number and m[2] in sections:
                needed += sections[m[2]]
        assert needed or not re.search(r'"[A-Z]', reading.replace('"cost is', "")), reading
        given = sum(int(n) for n in re.findall(r"\((?:[^()]*?, )?(\d+) min\)", reading))
        assert given >= needed, f"{reading[:60]!r}: {given} min for sections that need {needed:.1f}"
        for number, first, last, given in re.findall(r"(\d\d) exercises? (\d)(?:–(\d))? \((\d+) min\)", exercises):
            count = int(last or first) - int(first) + 1
            assert int(given) >= count * timebox.EXERCISE_MINUTES, exercises
