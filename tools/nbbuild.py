"""Helpers for writing a notebook from a Python script (development only).

    from nbbuild import md, code, imports, exercise, hidden_md, save
    save("notebooks/07_diminishing_returns.ipynb", [md("# …"), imports("import …"), …])

Cells are made with the metadata the hygiene test expects: the `imports` tag on the
first code cell, hidden `solution` cells after exercises.
"""

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HIDDEN = {"source_hidden": True, "outputs_hidden": True}


def md(text):
    """A markdown cell."""
    return new_markdown_cell(text.strip("\n"))


def code(text, tags=()):
    """A code cell."""
    cell = new_code_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def imports(text):
    """The notebook's import cell (tagged `imports`, used for the benchmark's floor)."""
    return code(text, tags=["imports"])


def solution(text):
    """A hidden, collapsed solution code cell."""
    cell = code(text, tags=["solution"])
    cell.metadata["jupyter"] = dict(HIDDEN)
    return cell


def hidden_md(text):
    """A hidden, collapsed markdown model answer (for open questions)."""
    cell = md(text)
    cell.metadata["tags"] = ["solution"]
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def exercise(question, key, solution_code, placeholder="None"):
    """Question (markdown), a student cell with a self-check, and its hidden solution."""
    return [md(question),
            code(f"answer = {placeholder}  # your answer\ncheck({key!r}, answer)"),
            solution(solution_code)]


def save(path, cells):
    """Write the notebook (unexecuted): run tools/execute_notebooks.py on it next."""
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                 "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, path)
