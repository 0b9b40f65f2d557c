"""Build the executed notebooks from their text sources (``make notebooks``).

    python tools/execute_notebooks.py                 # every notebook in notebooks/
    python tools/execute_notebooks.py notebooks/05_*.ipynb
    python tools/execute_notebooks.py --inputs-only   # sources -> .ipynb cells, no execution

A notebook's text source, ``notebooks/sources/<name>.md`` (MyST Markdown, paired by
jupytext: ``notebooks/jupytext.toml``), is what people edit. Its cells and their tags become
the ``.ipynb``'s cells (cells that did not change keep their ids and outputs), then the
notebook runs in a fresh kernel. Widget state (``metadata.widgets``) and per-cell timing
(``metadata.execution``) are removed, so re-running with no change leaves ``git diff`` empty.
"""

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip_volatile(nb):
    """Remove widget state and timing metadata from a notebook (in place).

    Widget views keep their place in the outputs, but their random model ids are
    replaced by ids made from the cell's position, so a re-run changes nothing.
    Consecutive writes to one stream are joined: how the kernel happens to split a
    cell's prints (it depends on the machine's load) must not change the file.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("jupytext", None)          # the pairing lives in notebooks/jupytext.toml
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = _join_streams(cell.outputs)
            for number, out in enumerate(cell.outputs):
                out.get("metadata", {}).pop("execution", None)
                view = out.get("data", {}).get(WIDGET_VIEW)
                if view:
                    view["model_id"] = f"{index:016x}{number:016x}"
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                 "language": "python", "name": "python3"}
    nb.metadata.get("language_info", {}).pop("version", None)
    return nb


def _join_streams(outputs):
    """``outputs`` with consecutive stream outputs of the same name merged into one."""
    joined = []
    for out in outputs:
        last = joined[-1] if joined else None
        if (last is not None and out.output_type == last.output_type == "stream"
                and out.name == last.name):
            last.text += out.text
        else:
            joined.append(out)
    return joined


def source_of(path):
    """The text source of notebook ``path``: ``sources/<name>.md`` beside it."""
    return Path(path).parent / "sources" / f"{Path(path).stem}.md"


def source_text(nb):
    """The text source of notebook ``nb``, written as jupytext writes it for this folder (the
    pairing in JupyterLab, ``notebooks/jupytext.toml``): used where a tool changes a notebook's
    cells (``make links``) and when a source is first made."""
    import jupytext
    from jupytext.config import load_jupytext_config
    return jupytext.writes(nb, fmt="md:myst", config=load_jupytext_config(str(NOTEBOOKS / "x.ipynb")))


def from_source(path):
    """Notebook ``path`` with the cells of its text source (outputs and ids of unchanged cells kept)."""
    import jupytext
    from jupytext.combine import combine_inputs_with_outputs
    nb = jupytext.read(source_of(path))
    if Path(path).exists():
        nb = combine_inputs_with_outputs(nb, nbformat.read(path, as_version=4), fmt="md:myst")
    return nb


def execute(path, timeout=900, inputs_only=False):
    """Build one notebook from its source and execute it in place (its folder is the working directory)."""
    nb = from_source(path) if source_of(path).exists() else nbformat.read(path, as_version=4)
    if inputs_only:
        nbformat.write(strip_volatile(nb), path)
        return
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nbformat.write(strip_volatile(nb), path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--inputs-only", action="store_true",
                        help="copy the sources' cells into the notebooks without executing them")
    args = parser.parse_args(argv)
    paths = args.paths or sorted({*NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"),
                                  *(NOTEBOOKS / p.with_suffix(".ipynb").name
                                    for p in (NOTEBOOKS / "sources").glob("[0-9][0-9]_*.md"))})
    for path in paths:
        start = time.perf_counter()
        execute(path.resolve(), inputs_only=args.inputs_only)
        print(f"executed {path.name} in {time.perf_counter() - start:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
