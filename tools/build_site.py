"""Render the executed series to a static HTML site that works offline.

    python tools/build_site.py [--out site]

Writes one page per notebook (its committed outputs, no re-execution) and an
``index.html`` with the notebook map. Solutions stay folded away in ``<details>``
blocks, as they are collapsed in JupyterLab. Widgets cannot run in a static page; the
static figure under each widget shows its default view.
"""

import argparse
import html
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def fold_solution(cell):
    """A solution cell as a markdown cell holding a closed ``<details>`` block."""
    parts = ["<details><summary>Solution (click to open)</summary>", ""]
    if cell.cell_type == "code":
        parts += ["```python", cell.source, "```", ""]
        for out in cell.get("outputs", []):
            text = out.get("text") or out.get("data", {}).get("text/plain", "")
            if text:
                parts += ["```text", text.rstrip("\n"), "```", ""]
    else:
        parts += [cell.source, ""]
    parts.append("</details>")
    return nbformat.v4.new_markdown_cell("\n".join(parts))


def page(path, exporter):
    """HTML of one notebook, with its solutions folded."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [fold_solution(c) if "solution" in c.metadata.get("tags", []) else c
                for c in nb.cells]
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    return body


def title_of(path):
    """The notebook's first markdown heading."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return path.stem


def index(paths):
    """The site's front page: the notebook map."""
    items = "\n".join(f'<li><a href="{p.stem}.html">{html.escape(title_of(p))}</a></li>' for p in paths)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>flywheel-lab</title>"
            "<style>body{font-family:sans-serif;max-width:46em;margin:3em auto;font-size:18px}"
            "li{margin:.4em 0}</style></head><body><h1>flywheel-lab: the data flywheel, measured</h1>"
            "<p>The executed notebooks of the series. To move the sliders, open them in JupyterLab "
            "(<code>make lab</code>).</p><ol start='0'>" + items + "</ol></body></html>")


def build(out):
    """Write the site into ``out``; return the list of pages written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    written = []
    for path in paths:
        target = out / f"{path.stem}.html"
        target.write_text(page(path, exporter), encoding="utf-8")
        written.append(target)
    (out / "index.html").write_text(index(paths), encoding="utf-8")
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "site"))
    args = parser.parse_args(argv)
    pages = build(args.out)
    print(f"wrote {len(pages)} notebook pages and index.html to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
