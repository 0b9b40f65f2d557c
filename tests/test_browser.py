"""The widget notebooks in a real browser: JupyterLab and Voilà, driven by Playwright.

Uses Debian's chromium (`apt-get install chromium`); a tool never downloads its own browser.
On a developer machine without chromium these tests skip and say how to install it; in CI
(`CI=true`) a missing browser fails them.

For each notebook with widgets: open it in JupyterLab, run all cells, check that no cell
shows an error, move every slider, drop-down, checkbox and multi-select once and check that
the figure (or text) the widget drives changed; a screenshot per notebook is saved in the
test's temporary folder. Then open the notebook as a Voilà app and check that its widgets render.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
TOKEN = "flywheel-lab-test"


def widget_notebooks():
    """Committed notebooks that display at least one widget."""
    found = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text())
        if any("application/vnd.jupyter.widget-view+json" in out.get("data", {})
               for cell in nb["cells"] for out in cell.get("outputs", [])):
            found.append(path.name)
    return found


def require_browser():
    if os.path.exists(CHROMIUM):
        return
    message = "chromium is not installed: run `sudo apt-get install chromium` to enable browser tests"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run them)")
    pytest.skip(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


@contextlib.contextmanager
def lab_server(folder, names):
    """JupyterLab on 127.0.0.1 with a token, serving copies of ``names`` (notebooks) in ``folder``."""
    for name in names:
        shutil.copy(ROOT / "notebooks" / name, folder / name)
    settings = folder / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # render every cell (no virtual scrolling), so every widget is in the page
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    workspaces = folder / "workspaces"
    port = free_port()
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
           f"--ServerApp.root_dir={folder}", "--LabApp.expose_app_in_browser=True",
           "--ServerApp.open_browser=False", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--allow-root",
           f"--LabApp.user_settings_dir={folder / 'user-settings'}",
           f"--LabApp.workspaces_dir={workspaces}"]
    log = open(folder / "server.log", "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            get_json(f"{base}/api/status?token={TOKEN}")
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"JupyterLab did not start:\n{(folder / 'server.log').read_text()}")
            time.sleep(0.5)
    try:
        yield {"base": base, "folder": folder}
    finally:
        stop_server(proc)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """JupyterLab serving a scratch copy of the widget notebooks."""
    require_browser()
    with lab_server(tmp_path_factory.mktemp("served"), widget_notebooks()) as served:
        yield served


def stop_server(proc):
    """Stop a server started in its own session, and everything it started (kernels)."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


@contextlib.contextmanager
def chromium():
    """Debian's chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser(server):
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


def wait_for_kernel_idle(page, server, name, timeout=90):
    """Wait until the notebook's kernel is connected and idle (else Run All runs nothing)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        sessions = get_json(f"{server['base']}/api/sessions?token={TOKEN}")
        kernels = [s["kernel"] for s in sessions if s["path"].endswith(name)]
        if kernels and kernels[0]["execution_state"] == "idle" and kernels[0]["connections"] > 0:
            return
        time.sleep(0.5)
    raise AssertionError(f"kernel for {name} never became idle")


def run_all(page, timeout=600):
    """Run every cell and wait until each code cell has run and the kernel is idle."""
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = panel.content.model.cells;
            for (let i = 0; i < cells.length; i++) {
                const cell = cells.get(i);
                if (cell.type === 'code' && !cell.executionCount) return false;
            }
            const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
            return kernel && kernel.status === 'idle';
        }""", timeout=timeout * 1000, polling=500)


def live_widgets(page):
    """Every Live widget: its controls and the output they drive."""
    return page.locator(".widget-vbox:has(> .widget-hbox):has(> .jp-OutputArea, > .widget-output)")


def output_signature(live):
    """What the widget's output shows now: image sources and text."""
    out = live.locator(".widget-output").first
    return out.evaluate("""el => [...el.querySelectorAll('img')].map(i => i.src.slice(-200)).join('|')
                                  + '#' + el.innerText""")


def wait_changed(live, before, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if output_signature(live) != before:
            return True
        time.sleep(0.2)
    return False


def move_controls(live):
    """Move each control once; return [(description, changed?)]."""
    results = []
    sliders = live.locator(".fw-slider input[type=range]")
    for i in range(sliders.count()):
        before = output_signature(live)
        handle = sliders.nth(i)
        handle.focus()
        handle.press("End")  # to the slider's maximum
        changed = wait_changed(live, before, timeout=15)
        if not changed:  # it was already at its maximum: go to the minimum
            handle.press("Home")
            changed = wait_changed(live, before)
        results.append((f"slider {i}", changed))
    selects = live.locator(".widget-dropdown select, .widget-select-multiple select")
    for i in range(selects.count()):
        before = output_signature(live)
        select = selects.nth(i)
        options = select.locator("option").all_inner_texts()
        current = select.evaluate("s => [...s.selectedOptions].map(o => o.textContent)")
        choice = next((o for o in options if o not in current), options[0])
        select.select_option(label=choice)
        results.append((f"select {i} -> {choice}", wait_changed(live, before)))
    boxes = live.locator(".widget-checkbox input[type=checkbox]")
    for i in range(boxes.count()):
        before = output_signature(live)
        boxes.nth(i).click()
        results.append((f"checkbox {i}", wait_changed(live, before)))
    return results


def assert_no_errors(page):
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    texts = errors.all_inner_texts()
    assert not texts, f"cells wrote errors or warnings: {texts[:3]}"


@pytest.mark.parametrize("name", widget_notebooks())
def test_widgets_in_jupyterlab(name, server, page, tmp_path):
    page.goto(f"{server['base']}/lab/tree/{name}?token={TOKEN}&reset")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    wait_for_kernel_idle(page, server, name)
    run_all(page)
    assert_no_errors(page)
    lives = live_widgets(page)
    page.wait_for_function("() => document.querySelectorAll('.widget-output img, .widget-output pre').length > 0",
                           timeout=60_000)
    assert lives.count() >= 1, "no widget rendered"
    moved = []
    for i in range(lives.count()):
        live = lives.nth(i)
        live.scroll_into_view_if_needed()
        moved += [(i, *r) for r in move_controls(live)]
    page.screenshot(path=str(tmp_path / f"{Path(name).stem}.png"), full_page=False)
    assert moved, "no control found to move"
    unchanged = [m for m in moved if not m[2]]
    assert not unchanged, f"moving these controls did not change their output: {unchanged}"
    assert_no_errors(page)


@pytest.mark.parametrize("name", widget_notebooks())
def test_notebook_renders_in_voila(name, server, page, tmp_path):
    page.goto(f"{server['base']}/voila/render/{name}?token={TOKEN}", timeout=600_000)
    page.wait_for_selector(".fw-slider input, .widget-dropdown, .widget-checkbox", timeout=600_000)
    page.wait_for_selector(".widget-output img", timeout=120_000)
    page.screenshot(path=str(tmp_path / f"{Path(name).stem}-voila.png"))
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
