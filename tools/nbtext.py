"""A notebook as reviewable text, for ``git diff`` (a textconv; ``make setup`` registers it).

    python tools/nbtext.py notebooks/07_diminishing_returns.ipynb

Prints each cell's source (with its tags) and its text outputs; an image or a figure's
``<img>`` becomes one line with its alt text, so a diff shows what changed in words and
numbers, never base64. Execution counts and cell ids are left out: inserting a cell does
not show up as a change to every later cell.
"""

import re
import sys

import nbformat

IMG_ALT = re.compile(r'<img alt="([^"]*)"')


def output_lines(out):
    """The text an output shows a reader: streams and plain text; figures by their alt text."""
    if out.output_type == "stream":
        return out.text.rstrip("\n").splitlines()
    if out.output_type == "error":
        return [f"{out.ename}: {out.evalue}"]
    data = out.get("data", {})
    alts = IMG_ALT.findall(data.get("text/html", ""))
    if alts:
        return [f"[figure: {alt}]" for alt in alts]
    if "image/png" in data:
        return ["[image]"]
    if "application/vnd.jupyter.widget-view+json" in data:
        return ["[widget]"]
    return data.get("text/plain", "").splitlines()


def as_text(nb):
    """The whole notebook as lines of text."""
    lines = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        hidden = [part for part, key in (("source", "source_hidden"), ("outputs", "outputs_hidden"))
                  if cell.metadata.get("jupyter", {}).get(key)]
        lines.append(f"--- {cell.cell_type} cell" + (f" [{', '.join(tags)}]" if tags else "")
                     + (f" ({' and '.join(hidden)} hidden)" if hidden else ""))
        lines += cell.source.splitlines()
        for out in cell.get("outputs", []):
            lines += [f"> {line}" for line in output_lines(out)]
    return lines


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    for path in argv:
        print("\n".join(as_text(nbformat.read(path, as_version=4))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
