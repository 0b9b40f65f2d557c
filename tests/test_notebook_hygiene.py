"""Every committed notebook was run top to bottom in a fresh kernel and is fit to publish."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ABSOLUTE_PATH = re.compile(r"(?<![\w.])(/(home|root|tmp|work|Users|usr|opt|var)/|[A-Z]:\\\\)")
EXPECTED = ["00_start_here", "01_information_in_bits", "02_which_example_teaches", "03_long_tail",
            "04_measured_vs_real_accuracy", "05_four_pixel_world", "06_data_holes",
            "07_diminishing_returns", "08_feature_coverage_map", "09_cheaper_information",
            "10_the_flywheel"]


def load(path):
    return nbformat.read(path, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_series_exists():
    names = [p.stem for p in NOTEBOOKS]
    for expected in EXPECTED:
        assert expected in names
    numbers = [n[:2] for n in names]
    assert len(numbers) == len(set(numbers)), f"two notebooks share a number: {names}"


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def nb(request):
    return load(request.param)


def test_execution_counts_are_sequential(nb):
    counts = [c.execution_count for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"not run in order from a fresh kernel: {counts}"


def test_no_errors_or_stderr(nb):
    for cell in code_cells(nb):
        for out in cell.outputs:
            assert out.output_type != "error", f"error output in cell: {cell.source[:80]!r}"
            assert not (out.output_type == "stream" and out.name == "stderr"), (
                f"stderr (a warning?) in cell {cell.source[:80]!r}: {out.text[:200]!r}")


def test_kernel_and_clean_metadata(nb):
    assert nb.metadata.kernelspec.name == "python3"
    assert "widgets" not in nb.metadata, "strip widget state (tools/execute_notebooks.py does)"
    for cell in nb.cells:
        assert "execution" not in cell.metadata, "strip timing metadata"


def test_no_absolute_paths(nb):
    for cell in nb.cells:
        texts = [cell.source]
        for out in cell.get("outputs", []):
            texts.append(out.get("text", ""))
            texts += [v for k, v in out.get("data", {}).items() if k.startswith("text/")]
        for text in texts:
            text = "".join(text) if isinstance(text, list) else text
            match = ABSOLUTE_PATH.search(text)
            assert not match, f"absolute path {match.group(0)!r} in {cell.source[:60]!r}"


def test_the_colab_cell_comes_first_then_the_imports_cell(nb):
    """The first code cell installs the package on Colab only (tools/links.py writes it);
    the second is the imports cell."""
    first, second = code_cells(nb)[:2]
    assert first.metadata.get("tags") == ["colab"], "run `make links`: the Colab cell comes first"
    assert "imports" in second.metadata.get("tags", []), "tag the first code cell after it `imports`"
    assert not first.outputs, "the Colab cell prints nothing outside Colab"


def imports_cell(nb):
    return next(c for c in code_cells(nb) if "imports" in c.metadata.get("tags", []))


def test_plot_cells_end_with_show(nb):
    for cell in code_cells(nb):
        src = cell.source.strip()
        if "plt.subplots" in src and "NBVAL_IGNORE_OUTPUT" not in src:
            assert src.endswith("plt.show()"), f"end plot cells with plt.show(): {src[:80]!r}"


def test_widget_cells_are_ignored_by_nbval(nb):
    for cell in code_cells(nb):
        if any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell.outputs):
            ignored = (cell.source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT")
                       or "nbval-ignore-output" in cell.metadata.get("tags", []))
            assert ignored, f"widget cell must start with # NBVAL_IGNORE_OUTPUT: {cell.source[:80]!r}"


def test_a_named_widget_is_followed_by_its_still(nb):
    """A widget kept in a name gets a ``name.snapshot()`` cell right after it, or right after its
    task's check and solution (static viewers see it)."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or not cell.source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT"):
            continue
        last = cell.source.strip().splitlines()[-1]
        if re.fullmatch(r"[A-Za-z_]\w*", last) and f"{last} = " in cell.source:
            # after the widget: its task's check and hidden solution (if any), then the still
            after = [c for c in cells[i + 1:] if c.cell_type == "code"]
            skip = 2 if after and after[0].source.startswith("answer = None") else 0
            following = [c.source.strip() for c in after[skip:skip + 1]]
            assert f"{last}.snapshot()" in following, f"show {last}.snapshot() after {cell.source[:80]!r}"


def test_exercises_with_hidden_solutions(nb):
    headings = [c for c in nb.cells if c.cell_type == "markdown"
                and any(line.startswith("## Exercises") for line in c.source.splitlines())]
    assert headings, "every notebook ends with a `## Exercises` section"
    start = nb.cells.index(headings[-1])
    after = nb.cells[start:]
    solutions = [c for c in after if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= 3, "at least three exercises, each with a solution"
    for cell in solutions:
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, "hide solution cells"
    checks = [c for c in after if c.cell_type == "code" and "check(" in c.source]
    assert len(checks) >= 2, "exercises come with self-check cells"


def test_figures_use_the_series_style(nb):
    uses_pyplot = any("plt." in c.source for c in code_cells(nb))
    if uses_pyplot:
        assert "plots.use_style()" in imports_cell(nb).source, "call plots.use_style() in the imports cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_headings_a_screen_reader_can_jump_to(path):
    """One H1 (the title); each exercise and each widget task is a heading (WCAG 1.3.1, 2.4.6)."""
    nb = nbformat.read(path, as_version=4)
    lines = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()]
    assert sum(line.startswith("# ") for line in lines) == 1, f"{path.name}: one H1, the title"
    bold_items = [line[:50] for line in lines if re.match(r"\*\*(\d+\.|Exercise|Predict)", line)]
    assert not bold_items, f"{path.name}: make these headings (### Exercise N: …): {bold_items}"
    start = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "## Exercises" in c.source)
    asks = [c for c in nb.cells[start:] if c.cell_type == "code" and "# your answer" in c.source]
    headed = [line for c in nb.cells[start:] if c.cell_type == "markdown"
              for line in c.source.splitlines() if line.startswith("### Exercise")]
    assert len(headed) >= max(3, len(asks) and 3), f"{path.name}: each exercise under its own ### heading"
    assert not re.search(r"\bthe (blue|orange|green|red|vermillion|sky|yellow|purple) (line|dots?|bars?|curve)\b",
                         " ".join(lines)), f"{path.name}: prose names a series by its colour alone"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_links_say_where_they_go(path):
    """Link text a screen reader can read out of context (WCAG 2.4.4): never "here" or a bare address."""
    nb = nbformat.read(path, as_version=4)
    texts = [t for c in nb.cells if c.cell_type == "markdown"
             for t in re.findall(r"\[([^\]]+)\]\([^)]+\)", c.source)]
    vague = [t for t in texts if t.strip().lower() in {"here", "this", "link", "click here", "this link"}
             or re.match(r"https?://", t.strip())]
    assert not vague, f"{path.name}: say where these links go: {vague}"
