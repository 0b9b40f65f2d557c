"""Every notebook has a text source (notebooks/sources/<name>.md, MyST Markdown via jupytext) that
people edit; the committed .ipynb agrees with it, cell by cell, and is built from it by
``make notebooks`` (tools/execute_notebooks.py) so that a one-sentence change in the source is a
one-sentence change in the notebook."""

import shutil
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import execute_notebooks  # noqa: E402  (tools/execute_notebooks.py)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOURCES = sorted((ROOT / "notebooks" / "sources").glob("*.md"))
VOLATILE = {"execution", "collapsed", "scrolled", "ExecuteTime", "trusted"}


def cells_of(nb):
    """What a source must agree on: each cell's type, text and (non-volatile) metadata."""
    return [(c.cell_type, c.source, {k: v for k, v in c.metadata.items() if k not in VOLATILE})
            for c in nb.cells]


def disagreements(path):
    """Cells where ``path`` (an .ipynb) and its text source differ, as ``(index, what)``."""
    notebook = cells_of(nbformat.read(path, as_version=4))
    source = cells_of(jupytext.read(execute_notebooks.source_of(path)))
    out = [(i, f"{a[0]} {a[1][:60]!r} ≠ {b[0]} {b[1][:60]!r}")
           for i, (a, b) in enumerate(zip(notebook, source)) if a != b]
    if len(notebook) != len(source):
        out.append((min(len(notebook), len(source)), f"{len(notebook)} cells in the notebook, "
                                                      f"{len(source)} in its source"))
    return out


def test_every_notebook_has_a_source_and_every_source_a_notebook():
    assert [p.stem for p in NOTEBOOKS] == [p.stem for p in SOURCES]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_notebook_agrees_with_its_source(path):
    found = disagreements(path)
    assert not found, (f"{path.name} differs from sources/{path.stem}.md (edit the source and run "
                       f"`make notebooks`, or save the notebook in JupyterLab with jupytext): {found[:3]}")


@pytest.fixture
def scratch(tmp_path):
    """A copy of notebook 04 and its source, to edit."""
    (tmp_path / "sources").mkdir()
    shutil.copy(ROOT / "notebooks" / "jupytext.toml", tmp_path)
    name = "04_measured_vs_real_accuracy"
    shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", tmp_path)
    shutil.copy(ROOT / "notebooks" / "sources" / f"{name}.md", tmp_path / "sources")
    return tmp_path / f"{name}.ipynb"


def test_a_one_sentence_change_in_the_source_changes_that_sentence_only(scratch):
    source = execute_notebooks.source_of(scratch)
    before = scratch.read_text()
    old = "A customer's camera takes"
    assert old in source.read_text()
    source.write_text(source.read_text().replace(old, "A customer's camera checks"))
    for _ in range(2):                                   # twice: the second build changes nothing
        execute_notebooks.main(["--inputs-only", str(scratch)])
    changed = [(a, b) for a, b in zip(before.splitlines(), scratch.read_text().splitlines()) if a != b]
    assert len(before.splitlines()) == len(scratch.read_text().splitlines())
    assert len(changed) == 1 and "camera checks" in changed[0][1]


def test_a_hand_edited_notebook_that_disagrees_with_its_source_is_caught(scratch):
    nb = nbformat.read(scratch, as_version=4)
    nb.cells[0].source += "\nA sentence typed into the .ipynb only."
    nbformat.write(nb, scratch)
    assert disagreements(scratch)[0][0] == 0


def test_a_prose_only_diff_of_the_readable_notebook_shows_words_not_json():
    sys.path.insert(0, str(ROOT / "tools"))
    import nbtext
    lines = nbtext.as_text(nbformat.read(NOTEBOOKS[4], as_version=4))
    assert not any("base64" in line or '"cell_type"' in line for line in lines)
    assert any(line.startswith("> [figure: ") for line in lines)


def test_saving_a_notebook_in_jupyterlab_writes_its_source(tmp_path):
    """A teacher who edits in JupyterLab keeps the pair in step: jupytext's contents manager,
    configured by notebooks/jupytext.toml, writes sources/<name>.md when the notebook is saved."""
    import json
    import urllib.request

    from test_browser import TOKEN, lab_server
    name = "04_measured_vs_real_accuracy"
    (tmp_path / "sources").mkdir()
    shutil.copy(ROOT / "notebooks" / "jupytext.toml", tmp_path)
    shutil.copy(ROOT / "notebooks" / "sources" / f"{name}.md", tmp_path / "sources")
    with lab_server(tmp_path, [f"{name}.ipynb"]) as lab:
        url = f"{lab['base']}/api/contents/{name}.ipynb?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=30) as response:
            model = json.loads(response.read())
        model["content"]["cells"][0]["source"] += "\nA sentence a teacher added in JupyterLab."
        body = json.dumps({"type": "notebook", "format": "json", "content": model["content"]}).encode()
        request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=30).close()
    assert "A sentence a teacher added in JupyterLab." in (tmp_path / "sources" / f"{name}.md").read_text()
    assert disagreements(tmp_path / f"{name}.ipynb") == []
