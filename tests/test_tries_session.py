"""A check's tries survive a kernel restart in a real JupyterLab session.

JupyterLab opens a notebook by creating a session with its path and name; jupyter-server then
starts the kernel with ``JPY_SESSION_NAME`` set to the notebook's file. ``check`` reads the tries
saved in that file on its first call for an exercise, so "Restart and run all" before handing
in keeps a student's first wrong try (the class report's "right later"). Here the session is
created the way JupyterLab creates it, over the server's REST API, and the kernel is driven
through its connection file.
"""

import json
import urllib.request
from pathlib import Path

import nbformat
from jupyter_client import BlockingKernelClient
from jupyter_core.paths import jupyter_runtime_dir
from test_browser import TOKEN, lab_server

from flywheel_lab.exercises import TRIES_KEY

NAME = "01_information_in_bits.ipynb"
KEY = "information.die_entropy"


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def displayed_metadata(client, code):
    """Run ``code`` in the kernel; the metadata of the first display it sends."""
    msg_id = client.execute(code)
    found = None
    while True:
        msg = client.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "display_data" and found is None:
            found = msg["content"]["metadata"]
        if msg["msg_type"] == "error":
            raise AssertionError("\n".join(msg["content"]["traceback"]))
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return found


def test_a_restarted_kernel_continues_the_saved_tries(tmp_path):
    with lab_server(tmp_path, [NAME]) as lab:
        # the student's notebook (no solution cells) as saved before the restart: one try at
        # the die's entropy, with ln
        path = tmp_path / NAME
        nb = nbformat.read(path, as_version=4)
        nb.cells = [c for c in nb.cells if "solution" not in c.metadata.get("tags", [])]
        cell = next(c for c in nb.cells if c.cell_type == "code" and f"check('{KEY}'" in c.source
                    and "solution" not in c.metadata.get("tags", []))
        cell.outputs = [nbformat.v4.new_output(
            "display_data", data={"text/plain": "❌ Not yet: that is the natural log"},
            metadata={TRIES_KEY: {"key": KEY, "tries": [{"kind": "slip", "slip": "ln instead of log2"}]}})]
        nbformat.write(nb, path)
        session = post_json(f"{lab['base']}/api/sessions?token={TOKEN}",
                            {"path": NAME, "name": NAME, "type": "notebook", "kernel": {"name": "python3"}})
        connection = Path(jupyter_runtime_dir()) / f"kernel-{session['kernel']['id']}.json"
        client = BlockingKernelClient(connection_file=str(connection))
        client.load_connection_file()
        client.start_channels(hb=False)   # no heartbeat: a busy machine would read a late beat as a dead kernel
        try:
            client.wait_for_ready(timeout=60)
            meta = displayed_metadata(client, f"from flywheel_lab.exercises import check\n"
                                              f"check({KEY!r}, 2.585)")
        finally:
            client.stop_channels()
    assert meta[TRIES_KEY] == {"key": KEY, "tries": [{"kind": "slip", "slip": "ln instead of log2"},
                                                     {"kind": "correct", "slip": None}]}
