"""The course website (`make site`: Sphinx + myst-nb + the book theme) builds offline from
the committed notebooks, every internal link resolves, and a browser finds its sidebar and
full-text search."""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import links  # noqa: E402  (tools/links.py)
from test_browser import CHROMIUM, CHROMIUM_ARGS, require_browser  # noqa: E402

NOTEBOOKS = links.NOTEBOOKS
URL = "https://github.com/a-teacher/flywheel-lab"
HUB = "https://hub.example.edu"
OFFLINE = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "no_proxy": ""}


class Page(HTMLParser):
    """The ids, links and loaded resources of one HTML page."""

    def __init__(self, path):
        super().__init__()
        self.ids, self.links, self.resources = set(), [], []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for key in ("src",) if tag in ("script", "img") else ("href",) if tag == "link" else ():
            if attrs.get(key):
                self.resources.append(attrs[key])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The website, built once with a (made-up) public address and class hub."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, **OFFLINE, "FLYWHEEL_LAB_REPOSITORY": URL, "FLYWHEEL_LAB_JUPYTERHUB": HUB}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-c", "book",
         "-d", str(out / "doctrees"), "notebooks", str(out / "html")],
        cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not result.stderr.strip(), result.stderr
    return out / "html"


def pages(site):
    return sorted(site.glob("*.html"))


def test_every_notebook_and_the_teacher_guide_is_a_page(site):
    index = (site / "index.html").read_text()
    for nb in NOTEBOOKS:
        assert (site / f"{nb.stem}.html").exists(), f"{nb.name} missing from the site"
        assert f'href="{nb.stem}.html"' in index, f"{nb.name} missing from the notebook map"
    guide = (site / "README.html").read_text()
    assert "Teacher" in guide or "teacher" in guide
    assert 'href="README.html"' in index


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_solutions_are_folded_and_nothing_failed(site, nb):
    text = (site / f"{nb.stem}.html").read_text()
    folded = text.count("Show the solution") + text.count("Show the model answer")
    assert folded >= 3, f"{nb.stem}: solutions not folded into dropdowns"
    assert re.search(r"<details[^>]*>\s*<summary", text)
    assert "Traceback" not in text


def test_every_internal_link_resolves(site):
    targets = {}
    broken = []
    for path in pages(site):
        for href in Page(path).links + Page(path).resources:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            file = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not file.exists():
                broken.append(f"{path.name}: {href}")
            elif parts.fragment and file.suffix == ".html":
                ids = targets.setdefault(file, Page(file).ids)
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.name}: {href} (no such anchor)")
    assert not broken, "broken internal links:\n" + "\n".join(broken[:30])


def test_the_site_loads_nothing_from_the_internet(site):
    """Scripts, styles, images and MathJax are files beside the pages or inline figures (``data:``):
    the site is browsable offline."""
    for path in pages(site):
        remote = [r[:80] for r in Page(path).resources
                  if (urlsplit(r).scheme and urlsplit(r).scheme != "data") or r.startswith("//")]
        assert not remote, f"{path.name} loads {remote}"
    assert (site / "_static" / "mathjax" / "MathJax.js").exists()
    assert "_static/mathjax/MathJax.js" in (site / "01_information_in_bits.html").read_text()


def test_launch_buttons_come_from_the_repository_address(site):
    text = (site / "06_data_holes.html").read_text()
    assert links.binder_url(URL, "06_data_holes.ipynb").replace("&", "&amp;") in text or (
        "mybinder.org/v2/gh/a-teacher/flywheel-lab/main?urlpath=lab/tree/notebooks/06_data_holes.ipynb" in text)
    assert "colab.research.google.com/github/a-teacher/flywheel-lab/blob/main/notebooks/06_data_holes.ipynb" in text
    assert HUB + "/hub/user-redirect/git-pull?repo=" in text
    assert links.site_note(URL, HUB) in (site / "index.html").read_text()


def test_without_an_address_the_site_says_so():
    assert "not available yet" in links.site_note(None)


def test_a_browser_finds_the_sidebar_and_search(site, tmp_path):
    """Chromium opens a page from disk: the sidebar lists the series, previous/next link the
    neighbours, search finds a word, and formulas are typeset by the MathJax beside the pages."""
    require_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto((site / "06_data_holes.html").as_uri())
        sidebar = page.locator("#pst-primary-sidebar")
        sidebar.wait_for(state="visible", timeout=30_000)
        for nb in NOTEBOOKS:
            link = "a.current" if nb.stem == "06_data_holes" else f'a[href="{nb.stem}.html"]'
            assert sidebar.locator(link).count() == 1, nb.stem
        assert sidebar.locator('a[href="README.html"]').count() == 1, "teacher guide"
        assert page.locator("a.left-prev").get_attribute("href") == "05_four_pixel_world.html"
        assert page.locator("a.right-next").get_attribute("href") == "07_diminishing_returns.html"
        page.screenshot(path=str(tmp_path / "06_data_holes.png"))
        search = page.locator("form.bd-search input[name=q]").first
        assert search.count() == 1, "no search box"
        page.goto((site / "search.html").as_uri() + "?q=entropy")
        results = page.locator("#search-results ul.search li")
        results.first.wait_for(timeout=30_000)
        assert results.count() >= 2
        page.screenshot(path=str(tmp_path / "search.png"))
        page.goto((site / "01_information_in_bits.html").as_uri())
        page.locator(".MathJax").first.wait_for(state="attached", timeout=30_000)  # offline MathJax
        browser.close()


def test_axe_finds_no_wcag_violation_on_any_page_and_every_figure_says_what_it_shows(site):
    """axe-core (WCAG 2.1 A and AA rules) on every page of the site: no violation at all; every
    figure's alt text is a sentence from its data, never its file name."""
    from test_accessibility import WCAG_AA, axe_violations, summary
    from test_browser import chromium
    require_browser()
    found, figures, alts = {}, 0, []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path in pages(site):
            if path.name in ("search.html", "genindex.html"):
                continue
            page.goto(path.as_uri())
            violations = axe_violations(page)
            if violations:
                found[path.name] = summary(violations)
            for alt in page.evaluate("() => [...document.querySelectorAll('main img')].map(i => i.alt)"):
                figures += 1
                alts.append(alt)
    assert WCAG_AA["runOnly"]["values"][-1] == "wcag21aa"
    assert not found, f"axe on the site: {found}"
    assert figures >= 40, f"only {figures} figures found on the site"
    bad = [a for a in alts if not a or a.endswith(".png") or "_images/" in a]
    assert not bad, f"{len(bad)} figures with no alt text or a file name for one: {bad[:3]}"
