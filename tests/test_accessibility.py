"""axe-core audits in a real browser (WCAG 2.1 A and AA rules), and the keyboard path to a widget.

Every notebook is opened in JupyterLab and run (Run All); axe then checks what the series
puts on the page: every cell's output (figures, widgets, text) and every rendered markdown
cell. Nothing at the critical or serious level may be found there. JupyterLab's own
interface (menus, toolbars, the file browser) is outside the series' reach: what axe reports
there is printed for the README's list of known upstream limits, not asserted.

Uses Debian's chromium through Playwright and axe-core 4.12 from ``axe-playwright-python``
(no browser or script is downloaded). The website's pages are audited in ``test_site.py``.
"""

import json
from pathlib import Path

import pytest
from test_browser import TOKEN, chromium, lab_server, require_browser, run_all, wait_for_kernel_idle

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
BLOCKING = ("critical", "serious")
SERIES_PARTS = [".jp-OutputArea", ".jp-MarkdownOutput"]   # what the notebooks themselves render


def axe_violations(page, context=None):
    """axe's WCAG 2.1 A/AA violations on ``page`` (within ``context`` selectors, if given)."""
    from axe_playwright_python.sync_playwright import Axe
    where = {"include": [[sel] for sel in context]} if context else None
    return Axe().run(page, context=where, options=WCAG_AA).response["violations"]


def summary(violations):
    """``[(rule id, impact, number of nodes, first node's target)]`` for a failure message."""
    return [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"] if v["nodes"] else None)
            for v in violations]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    require_browser()
    with lab_server(tmp_path_factory.mktemp("audited"), NOTEBOOKS) as served:
        yield served


@pytest.fixture(scope="module")
def browser(lab):
    with chromium() as browser:
        yield browser


def open_and_run(browser, lab, name):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{lab['base']}/lab/tree/{name}?token={TOKEN}&reset")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    wait_for_kernel_idle(page, lab, name)
    run_all(page)
    page.wait_for_timeout(1500)          # widget views finish rendering
    return context, page


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_axe_finds_nothing_serious_in_what_a_notebook_renders(name, lab, browser, tmp_path):
    context, page = open_and_run(browser, lab, name)
    try:
        images = page.locator(".jp-OutputArea img")
        assert images.count() > 0, f"{name}: no figure rendered"
        missing = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea img')]
                                     .filter(i => !(i.getAttribute('alt') || '').trim()).length""")
        assert missing == 0, f"{name}: {missing} figure(s) without alt text"
        found = axe_violations(page, SERIES_PARTS)
        blocking = [v for v in found if v["impact"] in BLOCKING]
        assert not blocking, f"{name}: axe in JupyterLab: {summary(blocking)}"
        whole = axe_violations(page)           # JupyterLab's own interface: reported only
        (tmp_path / "jupyterlab-interface.json").write_text(json.dumps(summary(whole), indent=1))
        print(f"{name}: JupyterLab interface (not the series): {summary(whole)}")
    finally:
        context.close()


def test_a_widget_from_the_keyboard_alone(lab, browser):
    """Tab to the coin slider in notebook 01, move it with the arrow keys: it has a name, the
    focus is visible, and the figure's new description reaches the polite live region."""
    context, page = open_and_run(browser, lab, "01_information_in_bits.ipynb")
    try:
        slider = page.locator(".fw-slider input[type=range]").first
        slider.scroll_into_view_if_needed()
        name = slider.evaluate("el => el.labels.length ? el.labels[0].textContent : ''")
        assert name.strip(), "the slider has no label"
        slider.focus()
        outline = slider.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
        assert outline.startswith("solid") and not outline.endswith(" 0px"), f"no visible focus: {outline}"
        status = page.locator(".fw-announce[role=status][aria-live=polite]").first
        before, text_before = slider.input_value(), status.inner_text()
        slider.press("ArrowLeft")
        slider.press("ArrowLeft")
        page.wait_for_function("([el, t]) => el.textContent !== t",
                               arg=[status.element_handle(), text_before], timeout=30_000)
        assert slider.input_value() != before
        said = status.inner_text()
        assert any(ch.isdigit() for ch in said) and len(said.split()) >= 6, said
        assert slider.get_attribute("aria-valuetext"), "the value is not read out in words"
    finally:
        context.close()
