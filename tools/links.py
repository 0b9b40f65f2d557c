"""Colab and Binder links, and the Colab install cell, from one address in pyproject.toml.

    python tools/links.py           # rewrite README.md's launch block and each notebook's
                                    # launch line and Colab cell (make links)
    python tools/links.py --check   # exit 1 if any of them is out of date

The address is ``Repository`` in ``[project.urls]`` of pyproject.toml (a public GitHub
repository). The course website (book/conf.py) takes its launch buttons from the same
place. While no address is set, every link says so plainly instead of showing a
placeholder, and the Colab cell stops with that message on Colab.

In each notebook the tool keeps two cells right before the ``imports`` cell: a markdown
line tagged ``launch`` (Colab and Binder badges) and the first code cell, tagged ``colab``,
which installs the package only when the notebook runs on Colab (``google.colab`` is
imported there) and does nothing anywhere else.
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BRANCH = "main"
CLONE = "/content/flywheel-lab"  # where the Colab cell clones the repository
README_START = "<!-- launch: written by tools/links.py from [project.urls] in pyproject.toml -->"
README_END = "<!-- /launch -->"
NOT_SET = ("not available yet: the series has no public address (set `Repository` under "
           "`[project.urls]` in pyproject.toml, then run `make links`)")
NOT_SET_HERE = ("not available yet: the series has no public address. Work in JupyterLab instead "
                "(README.md, *Two commands*)")
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"


def repository(pyproject=ROOT / "pyproject.toml"):
    """The public repository address from pyproject.toml, or None while it is not set."""
    urls = tomllib.loads(Path(pyproject).read_text())["project"].get("urls", {})
    url = urls.get("Repository", "").strip().rstrip("/")
    if not url:
        return None
    owner_repo(url)  # validates
    return url


def jupyterhub(pyproject=ROOT / "pyproject.toml"):
    """The class JupyterHub's address (``JupyterHub`` in ``[project.urls]``), or None."""
    urls = tomllib.loads(Path(pyproject).read_text())["project"].get("urls", {})
    return urls.get("JupyterHub", "").strip().rstrip("/") or None


def owner_repo(url):
    """``(owner, name)`` of a GitHub address like ``https://github.com/owner/flywheel-lab``."""
    m = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", url or "")
    if not m:
        raise ValueError(f"Repository = {url!r} in pyproject.toml: Colab and Binder need a "
                         "public GitHub address like https://github.com/<owner>/flywheel-lab")
    return m.group(1), m.group(2)


def colab_url(url, notebook):
    """Address that opens ``notebooks/<notebook>`` from the repository in Colab."""
    owner, name = owner_repo(url)
    return f"https://colab.research.google.com/github/{owner}/{name}/blob/{BRANCH}/notebooks/{notebook}"


def binder_url(url, notebook="00_start_here.ipynb"):
    """Address that opens ``notebooks/<notebook>`` in JupyterLab on mybinder.org."""
    owner, name = owner_repo(url)
    return f"https://mybinder.org/v2/gh/{owner}/{name}/{BRANCH}?urlpath=lab/tree/notebooks/{notebook}"


def launch_line(url, notebook):
    """The markdown line with a notebook's Colab and Binder badges (or why there are none)."""
    if url is None:
        return f"*Open in Colab or Binder:* {NOT_SET_HERE}."
    return (f"[![Open in Colab]({COLAB_BADGE})]({colab_url(url, notebook)}) "
            f"[![Open in Binder]({BINDER_BADGE})]({binder_url(url, notebook)})")


def colab_source(url):
    """Source of the Colab cell: install the package on Colab, nothing anywhere else."""
    head = "# Colab only: install the flywheel_lab package (this cell does nothing anywhere else).\nimport sys\n\n"
    if url is None:
        return head + ('if "google.colab" in sys.modules:\n'
                       f'    raise RuntimeError("Colab is {NOT_SET_HERE}.")')
    return head + ('if "google.colab" in sys.modules:\n'
                   f'    get_ipython().system("git clone --quiet --depth 1 {url} {CLONE}")\n'
                   f'    get_ipython().run_line_magic("pip", "install --quiet -e {CLONE}")\n'
                   f'    sys.path.insert(0, "{CLONE}")  # importable now, without restarting')


def readme_block(url):
    """README.md's paragraph on Colab and Binder, between its markers."""
    if url is None:
        body = (f"**Colab and Binder** links are {NOT_SET}. Once it is set, every notebook's "
                "first cell installs the package when it runs on Colab, and Binder builds "
                "`environment.yml`.")
    else:
        body = (f"**Colab**: [![Open in Colab]({COLAB_BADGE})]({colab_url(url, '00_start_here.ipynb')}) "
                "— each notebook's first cell installs the package there (Colab keeps its own "
                "numpy, torch … wherever they are in range). "
                f"**Binder**: [![Binder]({BINDER_BADGE})]({binder_url(url)}) — repo2docker "
                "builds `environment.yml`.")
    return f"{README_START}\n{body}\n{README_END}"


def site_note(url, hub=None):
    """The website's sentence about its launch buttons."""
    if url is None:
        return f"Launch buttons (Binder, Colab, JupyterHub) are {NOT_SET}."
    return ("The rocket button at the top of each notebook page opens it in Binder or Colab"
            + (" or on the class JupyterHub." if hub else "."))


def tagged(nb, tag):
    """The cells of ``nb`` carrying ``tag``."""
    return [c for c in nb.cells if tag in c.metadata.get("tags", [])]


def update_notebook(nb, url, notebook):
    """Put the launch line and the Colab cell (in that order) right before the imports cell."""
    launch = tagged(nb, "launch")
    colab = tagged(nb, "colab")
    for cell in launch + colab:
        nb.cells.remove(cell)
    line = launch[0] if launch else nbformat.v4.new_markdown_cell()
    line.source = launch_line(url, notebook)
    line.metadata["tags"] = ["launch"]
    cell = colab[0] if colab else nbformat.v4.new_code_cell()
    if cell.source != colab_source(url):
        cell.source = colab_source(url)
        cell.execution_count, cell.outputs = None, []
    cell.metadata["tags"] = ["colab"]
    at = nb.cells.index(tagged(nb, "imports")[0])
    nb.cells[at:at] = [line, cell]
    return nb


def files(url):
    """``{path: new text}`` for README.md and every notebook."""
    readme = (ROOT / "README.md").read_text()
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.S)
    if not pattern.search(readme):
        raise ValueError(f"README.md lacks the launch block markers {README_START!r} … {README_END!r}")
    out = {ROOT / "README.md": pattern.sub(lambda _: readme_block(url), readme)}
    from execute_notebooks import source_of, source_text
    for path in NOTEBOOKS:
        nb = update_notebook(nbformat.read(path, as_version=4), url, path.name)
        out[path] = nbformat.writes(nb) + "\n"
        out[source_of(path)] = source_text(nb)      # the text source says the same
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in files(repository()).items():
        if path.read_text() != text:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.write_text(text)
    verb = "out of date" if args.check else "rewritten"
    print(f"{len(stale)} file(s) {verb}: " + ", ".join(map(str, stale)) if stale else "all links up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
