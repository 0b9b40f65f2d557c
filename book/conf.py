"""Sphinx configuration of the course website (`make site`).

    sphinx-build -b html -c book notebooks build/site

The pages are the committed, executed notebooks (never re-executed here) and the teacher
guide (notebooks/README.md); notebooks/index.md is the home page. The theme gives the
sidebar with the notebook map, previous/next links and full-text search; launch buttons
(Binder, Colab, JupyterHub) come from ``Repository`` under ``[project.urls]`` in
pyproject.toml, like every other link of the series (tools/links.py). Cells tagged
``solution`` are folded into dropdowns, as they are collapsed in JupyterLab.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import links  # noqa: E402  (tools/links.py)

project = "flywheel-lab"
author = "the flywheel-lab authors"
copyright = "the flywheel-lab authors"
root_doc = "index"
extensions = ["myst_nb"]
exclude_patterns = ["**.ipynb_checkpoints", "sources"]   # sources/*.md: the notebooks as text (the .ipynb is the page)
nb_execution_mode = "off"            # the committed outputs are the ones nbval checks
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "dollarmath", "substitution"]
html_theme = "sphinx_book_theme"
html_title = "flywheel-lab: the data flywheel, measured"
html_static_path = []
# MathJax 2 from the jupyter-server-mathjax wheel, copied into the site: formulas render offline.
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
myst_update_mathjax = False  # its MathJax 3 settings (window.MathJax = …) stop MathJax 2
mathjax2_config = {"tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                               "processEscapes": True},
                   # the wheel ships the STIX-Web fonts only (as the classic notebook uses them)
                   "HTML-CSS": {"availableFonts": ["STIX-Web"], "preferredFont": "STIX-Web",
                                "webFont": "STIX-Web", "imageFont": None}}
suppress_warnings = ["mystnb.unknown_mime_type"]  # widget views: the still below each shows it

# The address comes from pyproject.toml; these variables let a maintainer preview the launch
# buttons before publishing (and the site test check them).
REPOSITORY = os.environ.get("FLYWHEEL_LAB_REPOSITORY") or links.repository()
JUPYTERHUB = os.environ.get("FLYWHEEL_LAB_JUPYTERHUB") or links.jupyterhub()
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,
}
if REPOSITORY:
    links.owner_repo(REPOSITORY)  # a public GitHub address, or a clear error
    html_theme_options.update({
        "repository_url": REPOSITORY,
        "repository_branch": links.BRANCH,
        "path_to_docs": "notebooks",
        "use_repository_button": True,
        "launch_buttons": {"binderhub_url": "https://mybinder.org",
                           "colab_url": "https://colab.research.google.com",
                           "jupyterhub_url": JUPYTERHUB or "",
                           "notebook_interface": "jupyterlab"},
    })
myst_substitutions = {"launch": links.site_note(REPOSITORY, JUPYTERHUB)}


def fold_solutions(app, docname, source):
    """Fold every cell tagged ``solution`` into a closed dropdown (myst-nb's hide-cell for
    code, a ``<details>`` block for a model answer); drop the launch line and Colab cell."""
    if not app.env.doc2path(docname).name.endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    # the launch line and the Colab cell are for notebooks; pages have launch buttons
    nb["cells"] = [c for c in nb["cells"]
                   if not {"launch", "colab"} & set(c.get("metadata", {}).get("tags", []))]
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if "solution" not in tags:
            continue
        if cell["cell_type"] == "code":
            cell["metadata"]["tags"] = tags + ["hide-cell"]
            cell["metadata"]["mystnb"] = {"code_prompt_show": "Show the solution",
                                          "code_prompt_hide": "Hide the solution"}
        else:
            text = "".join(cell["source"])
            cell["source"] = f":::{{solution-dropdown}}\n{text}\n:::\n"
    source[0] = json.dumps(nb)


def copy_mathjax(app, exception):
    """Put the MathJax files beside the pages (``_static/mathjax``)."""
    if exception is None and app.builder.format == "html":
        import shutil

        import jupyter_server_mathjax
        source = Path(jupyter_server_mathjax.__file__).parent / "static"
        shutil.copytree(source, Path(app.outdir) / "_static" / "mathjax", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("localization", "unpacked"))


def setup(app):
    from docutils import nodes
    from sphinx.util.docutils import SphinxDirective

    class SolutionDropdown(SphinxDirective):
        """A model answer inside a closed ``<details>`` block."""
        has_content = True

        def run(self):
            box = nodes.container(classes=["solution"])
            self.state.nested_parse(self.content, self.content_offset, box)
            return [nodes.raw("", '<details class="solution"><summary>Show the model answer</summary>',
                              format="html"),
                    box, nodes.raw("", "</details>", format="html")]

    app.add_directive("solution-dropdown", SolutionDropdown)
    app.connect("source-read", fold_solutions)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True}
