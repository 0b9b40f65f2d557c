"""`make notebooks` is reproducible: re-running a notebook leaves it as committed."""

import configparser
import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from execute_notebooks import WIDGET_VIEW, execute, strip_volatile  # noqa: E402


def sanitizers():
    """The ``(regex, replacement)`` pairs nbval applies (tests/nbval_sanitize.cfg)."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "tests" / "nbval_sanitize.cfg")
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def without_images(nb):
    """The notebook as a dict, images dropped (pixels may differ on another CPU) and volatile
    text sanitized as nbval does (versions in notebook 00 differ on the lower bounds or
    another Python)."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for key in [k for k in out.get("data", {}) if k.startswith("image/")]:
                del out["data"][key]
            for regex, replace in sanitizers():
                if "text" in out:
                    out["text"] = regex.sub(replace, out["text"])
                if "text/plain" in out.get("data", {}):
                    out["data"]["text/plain"] = regex.sub(replace, out["data"]["text/plain"])
    return nb


def test_reexecuting_leaves_the_notebook_unchanged(tmp_path):
    for name in ("00_start_here.ipynb", "01_information_in_bits.ipynb"):
        copy = tmp_path / name
        shutil.copy(ROOT / "notebooks" / name, copy)
        execute(copy)
        committed = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        assert without_images(nbformat.read(copy, as_version=4)) == without_images(committed), (
            f"{name} changes when re-executed: run `make notebooks` and commit")


def test_strip_volatile_removes_state_and_fixes_widget_ids():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w")
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "3f2a", "version_major": 2, "version_minor": 0}})]
    nb.cells = [nbformat.v4.new_markdown_cell("x"), cell]
    nb.metadata["widgets"] = {"state": {}}
    strip_volatile(nb)
    assert "widgets" not in nb.metadata
    assert "execution" not in nb.cells[1].metadata
    assert nb.cells[1].outputs[0]["data"][WIDGET_VIEW]["model_id"] == "0" * 15 + "1" + "0" * 16


def test_strip_volatile_joins_a_split_stream():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1); print(2)")
    new = nbformat.v4.new_output
    cell.outputs = [new("stream", name="stdout", text="1\n"), new("stream", name="stdout", text="2\n"),
                    new("stream", name="stderr", text="w\n"), new("stream", name="stdout", text="3\n")]
    nb.cells = [cell]
    strip_volatile(nb)
    assert [(o.name, o.text) for o in nb.cells[0].outputs] == [
        ("stdout", "1\n2\n"), ("stderr", "w\n"), ("stdout", "3\n")]
