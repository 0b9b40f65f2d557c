"""Kernels don't pile up: the project's Jupyter settings (jupyter_config/), in a real JupyterLab.

JupyterLab is started the way `make lab` starts it (``JUPYTER_CONFIG_PATH`` = the repository's
``jupyter_config``), with a short idle timeout so culling can be watched. Debian's chromium
opens notebook 00; a kernel started with no tab is culled while the open notebook's kernel is
kept; then the notebook's tab is closed with a click on its close icon, and its kernel must be
gone — shut down by the close, not by the culler.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TOKEN,
    free_port,
    get_json,
    require_browser,
    stop_server,
    wait_for_kernel_idle,
)

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "jupyter_config"
NAME = "00_start_here.ipynb"
CULLED = r"Culling '\w+' kernel"  # the server's log line when the culler shuts a kernel
CULL_AFTER = 8  # seconds (the shipped setting is 900; the test can't wait that long)


def test_settings_ship_in_the_repository():
    server = json.loads((CONFIG / "jupyter_server_config.json").read_text())["MappingKernelManager"]
    assert server["cull_idle_timeout"] > 0 and server["cull_interval"] > 0
    assert server["cull_connected"] is False and server["cull_busy"] is False
    lab = json.loads((CONFIG / "labconfig" / "default_setting_overrides.json").read_text())
    assert lab["@jupyterlab/notebook-extension:tracker"]["kernelShutdown"] is True
    makefile = (ROOT / "Makefile").read_text()
    assert "JUPYTER_CONFIG_PATH" in makefile and "jupyter_config" in makefile
    assert "jupyter_config" in (ROOT / "start").read_text()  # Binder


def kernels(base):
    return {k["id"]: k for k in get_json(f"{base}/api/kernels?token={TOKEN}")}


def start_kernel(base):
    request = urllib.request.Request(f"{base}/api/kernels?token={TOKEN}", data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["id"]


def wait_until(condition, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting until {what}")


@pytest.fixture
def lab(tmp_path):
    """JupyterLab with the project's settings (as `make lab` runs it), serving a copy of notebook 00."""
    require_browser()
    shutil.copy(ROOT / "notebooks" / NAME, tmp_path / NAME)
    port = free_port()
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(CONFIG))
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
           f"--ServerApp.root_dir={tmp_path}", "--LabApp.expose_app_in_browser=True",
           "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--allow-root", f"--LabApp.user_settings_dir={tmp_path / 'user-settings'}",
           f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
           f"--MappingKernelManager.cull_idle_timeout={CULL_AFTER}",
           "--MappingKernelManager.cull_interval=2"]
    log_path = tmp_path / "server.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: proc.poll() is None and _up(base), 90, "JupyterLab answers")
    except AssertionError:
        raise RuntimeError(f"JupyterLab did not start:\n{log_path.read_text()}") from None
    yield {"base": base, "folder": tmp_path, "log": log_path}
    stop_server(proc)
    log.close()


def culled_lines(log_path):
    """The server's log lines about kernels the culler shut down."""
    return [line for line in log_path.read_text().splitlines() if re.search(CULLED, line)]


def _appears(locator, timeout=5_000):
    try:
        locator.first.wait_for(timeout=timeout)
        return True
    except Exception:  # playwright's TimeoutError: no dialog this time
        return False


def _up(base):
    try:
        get_json(f"{base}/api/status?token={TOKEN}")
        return True
    except OSError:
        return False


def test_closing_a_notebook_tab_frees_its_kernel(lab):
    from playwright.sync_api import sync_playwright
    base = lab["base"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/lab/tree/{NAME}?token={TOKEN}&reset")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        wait_for_kernel_idle(page, lab, NAME)
        (notebook_kernel,) = kernels(base)

        # a kernel nobody is connected to (a closed browser) is culled once idle ...
        orphan = start_kernel(base)
        wait_until(lambda: orphan not in kernels(base), 60, "the unconnected kernel is culled")
        # ... while the open notebook's kernel, idle just as long, is kept
        assert kernels(base)[notebook_kernel]["connections"] > 0
        assert orphan in "".join(culled_lines(lab["log"]))

        preference = page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.kernelPreference")
        assert preference["shutdownOnDispose"] is True, preference
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=NAME)
        tab.locator(".lm-TabBar-tabCloseIcon").click()
        # the kernel fills in the notebook's language version on connecting, so JupyterLab asks
        # whether to save before closing: answer as a student would
        save = page.locator(".jp-Dialog button", has_text="Save")
        if save.count() or _appears(save):
            save.first.click()
        wait_until(lambda: notebook_kernel not in kernels(base), 30, "closing the tab frees the kernel")
        page.wait_for_selector(".jp-Notebook", state="detached", timeout=10_000)
        browser.close()
    # the close shut it down, not the culler (which may still try a moment later)
    lines = lab["log"].read_text().splitlines()
    first = next(line for line in lines if notebook_kernel in line
                 and ("Kernel shutdown" in line or re.search(CULLED, line)))
    assert "Kernel shutdown" in first, first
