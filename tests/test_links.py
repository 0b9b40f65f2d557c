"""Colab and Binder links and the Colab install cell come from one address (tools/links.py)."""

import sys
import types
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import links  # noqa: E402  (tools/links.py)

URL = "https://github.com/a-teacher/flywheel-lab"


class FakeIPython:
    """Records what the Colab cell asks IPython to run instead of running it."""

    def __init__(self):
        self.calls = []

    def system(self, command):
        self.calls.append(("!", command))

    def run_line_magic(self, name, line):
        self.calls.append((f"%{name}", line))


def run_cell(source, monkeypatch, on_colab):
    """Execute a Colab cell's source, on a faked Colab or not; return the IPython calls."""
    if on_colab:
        google = types.ModuleType("google")
        google.colab = types.ModuleType("google.colab")
        monkeypatch.setitem(sys.modules, "google", google)
        monkeypatch.setitem(sys.modules, "google.colab", google.colab)
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the cell may prepend the clone
    ipython = FakeIPython()
    exec(compile(source, "<colab cell>", "exec"), {"get_ipython": lambda: ipython})
    return ipython.calls


def test_on_colab_the_cell_clones_and_installs_the_repository(monkeypatch):
    calls = run_cell(links.colab_source(URL), monkeypatch, on_colab=True)
    assert calls == [("!", f"git clone --quiet --depth 1 {URL} /content/flywheel-lab"),
                     ("%pip", "install --quiet -e /content/flywheel-lab")]
    assert sys.path[0] == "/content/flywheel-lab"


@pytest.mark.parametrize("url", [URL, None])
def test_anywhere_else_the_cell_does_nothing(monkeypatch, url):
    assert run_cell(links.colab_source(url), monkeypatch, on_colab=False) == []


def test_without_an_address_the_cell_says_so_on_colab(monkeypatch):
    with pytest.raises(RuntimeError, match="no public address"):
        run_cell(links.colab_source(None), monkeypatch, on_colab=True)


@pytest.mark.parametrize("path", links.NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_runs_the_cell_built_from_pyproject(path, monkeypatch):
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    url = links.repository()
    assert cell.source == links.colab_source(url)
    if url is None:
        with pytest.raises(RuntimeError, match="no public address"):
            run_cell(cell.source, monkeypatch, on_colab=True)
    else:
        assert any(url in line for _, line in run_cell(cell.source, monkeypatch, on_colab=True))


def test_readme_and_notebooks_are_up_to_date_with_pyproject():
    assert links.main(["--check"]) == 0, "run `make links`"


def test_links_from_an_address():
    assert links.colab_url(URL, "06_data_holes.ipynb") == (
        "https://colab.research.google.com/github/a-teacher/flywheel-lab/blob/main/notebooks/06_data_holes.ipynb")
    assert links.binder_url(URL) == (
        "https://mybinder.org/v2/gh/a-teacher/flywheel-lab/main?urlpath=lab/tree/notebooks/00_start_here.ipynb")
    line = links.launch_line(URL, "06_data_holes.ipynb")
    assert line.count("](https://") == 4 and "<owner>" not in line


def test_no_placeholder_while_no_address_is_set():
    assert "not available yet" in links.launch_line(None, "00_start_here.ipynb")
    assert "not available yet" in links.readme_block(None)
    for text in [(ROOT / "README.md").read_text()] + [p.read_text() for p in links.NOTEBOOKS]:
        assert "<owner>" not in text


def test_the_address_is_read_from_project_urls(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f'[project]\nname = "x"\n[project.urls]\nRepository = "{URL}/"\n')
    assert links.repository(pyproject) == URL
    pyproject.write_text('[project]\nname = "x"\n')
    assert links.repository(pyproject) is None
    pyproject.write_text('[project]\nname = "x"\n[project.urls]\nRepository = "https://gitlab.com/a/b"\n')
    with pytest.raises(ValueError, match="public GitHub address"):
        links.repository(pyproject)
