"""A simulated class on a real JupyterHub: the hub, its students, and what they cost.

Used by the CI load test (tests/test_hub_load.py) and by ``make bench``
(benchmarks/bench_classroom.py). The hub is the repository's own single-server
configuration (deploy/jupyterhub/jupyterhub_config.py) with the local-process spawner,
listening on 127.0.0.1 only, with its state in a scratch folder::

    with running_hub(state_dir, kernel_idle=20) as hub:
        results = run_class(hub, ["s1", "s2"], "06_data_holes.ipynb")

Each student is created through the REST API with the ``class-admin`` service token (the
hub runs with ``FLYWHEEL_HUB_LOAD_TEST=1``, which lets that token create users and use their
servers, on 127.0.0.1 only), starts their own
single-user server, opens a session on their seeded copy of the notebook and runs its code
cells one by one over the kernel websocket, all students at the same time.
``running_hub`` stops everything it started (hub, proxy, culler, servers, kernels) even
when the body fails, and ``leftovers(state_dir)`` lists any process still running there.
"""

import asyncio
import contextlib
import json
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = ROOT / "deploy" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
HTTPError = urllib.error.HTTPError  # what Hub.api raises on a refusal (.code: 403, 404, ...)
SEEDED = "flywheel-lab"  # folder in each home where start_singleuser.py copies the series


def missing_prerequisites():
    """What this machine lacks to run a hub here (empty list: nothing)."""
    missing = []
    for module, extra in [("jupyterhub", "hub"), ("jupyterhub_idle_culler", "hub"),
                          ("aiohttp", "hub"), ("alembic", "hub")]:
        try:
            __import__(module)
        except ImportError:
            missing.append(f"python package {module} (pip install -e '.[{extra}]')")
    if not PROXY.exists():
        missing.append("configurable-http-proxy (npm ci --prefix deploy/proxy)")
    return missing


def require_prerequisites(what):
    """In a test: skip ``what`` (e.g. "the hub load test") when this machine can't run a hub, fail in CI."""
    import pytest
    missing = missing_prerequisites()
    if missing:
        message = f"{what} needs " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run it: .ci/run installs them)")
        pytest.skip(message)


STOP_TIMEOUT = 30   # seconds a service manager should allow the hub to stop (deploy/README.md)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Hub:
    url: str
    token: str
    state: Path
    process: subprocess.Popen
    log: Path
    teacher_password: str = ""    # the teacher's login (the hub's only admin), random per hub
    context: object = None        # ssl.SSLContext trusting the hub's certificate, when it has one
    stop_seconds: float = float("nan")   # after the body: how long the hub took to stop on SIGTERM
    left_after_stop: dict = field(default_factory=dict)  # what its own shutdown left running

    def api(self, method, path, body=None, timeout=60):
        """Call the hub's REST API (``path`` after /hub/api) with the admin service token."""
        return http(method, f"{self.url}/hub/api{path}", self.token, body, timeout, self.context)

    def user_api(self, user, method, path, body=None, timeout=60):
        """Call a student's single-user server API (``path`` after /user/NAME/api) through the proxy."""
        return http(method, f"{self.url}/user/{user}/api{path}", self.token, body, timeout, self.context)


def http(method, url, token, body=None, timeout=60, context=None):
    """One blocking JSON request; returns the decoded reply (None when empty), raises ``HTTPError``."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"token {token}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
        text = response.read()
    return json.loads(text) if text else None


def wait_ready(hub, name):
    """Wait until ``name``'s server (being started) is ready; RuntimeError if it stops instead."""
    while True:
        server = hub.api("GET", f"/users/{name}").get("servers", {}).get("")
        if server and server.get("ready"):
            return
        if not server:
            raise RuntimeError(f"{name}'s server stopped while starting")
        time.sleep(0.5)


def processes_under(state):
    """Running processes that belong to a hub whose state folder is ``state`` (cwd or argument in it)."""
    import psutil
    state = str(Path(state).resolve())
    inside = state + os.sep
    found = []
    for proc in psutil.process_iter(["pid", "cwd", "cmdline"]):
        info = proc.info
        if proc.pid == os.getpid():
            continue
        cwd = info.get("cwd") or ""
        args = info.get("cmdline") or []
        if cwd == state or cwd.startswith(inside) or any(inside in a for a in args):
            found.append(proc)
    return found


def leftovers(state):
    """``pid: command`` of every process still running for the hub in ``state``."""
    out = {}
    for proc in processes_under(state):
        with contextlib.suppress(Exception):
            if proc.status() != "zombie":
                out[proc.pid] = " ".join(proc.cmdline())[:200]
    return out


def _kill_all(state, hub_process):
    """SIGTERM then SIGKILL the hub's process group and every process under ``state``."""
    import psutil
    try:
        family = psutil.Process(hub_process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    family += processes_under(state)
    groups = set()
    for proc in family:
        with contextlib.suppress(Exception):
            groups.add(os.getpgid(proc.pid))
    groups.discard(os.getpgrp())  # never our own group (the test runner's)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for group in groups | {hub_process.pid}:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, sig)
        for proc in family:
            with contextlib.suppress(Exception):
                proc.send_signal(sig)
        _, alive = psutil.wait_procs(family, timeout=10)
        with contextlib.suppress(subprocess.TimeoutExpired):
            hub_process.wait(timeout=10)
        if not alive and hub_process.poll() is not None:
            break


@contextlib.contextmanager
def running_hub(state, kernel_idle=None, server_idle=None, start_timeout=120, tls=None, env=None):
    """Start the deploy/ hub on 127.0.0.1 (free ports, local spawner), yield a ``Hub``, then stop everything.

    ``tls=(certificate, key)`` serves HTTPS with them; ``env`` adds or overrides environment
    variables of the hub (a value of None removes one). A hub that exits while starting
    raises RuntimeError with the end of its log.

    On exit the hub is asked to stop (it stops every server and the proxy), then anything
    left in its process groups or under ``state`` is killed: nothing keeps running, even
    when the body raised.
    """
    state = Path(state).resolve()
    state.mkdir(parents=True, exist_ok=True)
    port = free_port()
    token = secrets.token_hex(16)
    scheme = "https" if tls else "http"
    overrides = dict(FLYWHEEL_SPAWNER="local",
                     FLYWHEEL_HUB_STATE=str(state),
                     FLYWHEEL_HUB_URL=f"{scheme}://127.0.0.1:{port}",
                     FLYWHEEL_HUB_API_URL=f"http://127.0.0.1:{free_port()}",
                     FLYWHEEL_PROXY_API_URL=f"http://127.0.0.1:{free_port()}",
                     FLYWHEEL_LOGIN="native",
                     FLYWHEEL_TEACHER="teacher",
                     FLYWHEEL_TEACHER_PASSWORD=secrets.token_urlsafe(18),
                     FLYWHEEL_HUB_API_TOKEN=token,
                     FLYWHEEL_HUB_LOAD_TEST="1",
                     FLYWHEEL_SSL_CERT=str(tls[0]) if tls else None,
                     FLYWHEEL_SSL_KEY=str(tls[1]) if tls else None,
                     FLYWHEEL_KERNEL_IDLE=None if kernel_idle is None else str(kernel_idle),
                     FLYWHEEL_SERVER_IDLE=None if server_idle is None else str(server_idle))
    overrides.update(env or {})
    env = {k: v for k, v in {**os.environ, **overrides}.items() if v is not None}
    context = ssl.create_default_context(cafile=str(tls[0])) if tls else None
    log = state / "hub.log"
    with open(log, "w") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                                   cwd=state, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    hub = Hub(f"{scheme}://127.0.0.1:{port}", token, state, process, log,
              env.get("FLYWHEEL_TEACHER_PASSWORD", ""), context)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                hub.api("GET", "/", timeout=5)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the hub did not start:\n{log.read_text()[-4000:]}")
                time.sleep(0.5)
        yield hub
    finally:
        stopping = time.monotonic()
        with contextlib.suppress(Exception):
            process.send_signal(signal.SIGTERM)  # the hub stops servers, culler and proxy itself
            process.wait(timeout=STOP_TIMEOUT)
        hub.stop_seconds = time.monotonic() - stopping
        time.sleep(1)                            # let the processes it signalled exit
        hub.left_after_stop = leftovers(state)
        _kill_all(state, process)


@dataclass
class Student:
    """What one simulated student saw: seconds to a ready server, to the last cell, and each cell's outcome."""
    name: str
    server_ready: float = float("nan")
    last_cell: float = float("nan")
    cells_ok: int = 0
    errors: list = field(default_factory=list)
    kernel_id: str = ""
    culled_after: float = float("nan")  # seconds from the last cell until the idle kernel was gone


def code_cells(notebook):
    """Source of each code cell of a notebook model (as returned by the contents API)."""
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in notebook["cells"] if c["cell_type"] == "code"]


def _execute_request(code, session):
    msg_id = uuid.uuid4().hex
    return msg_id, {
        "header": {"msg_id": msg_id, "username": "student", "session": session,
                   "msg_type": "execute_request", "version": "5.3",
                   "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    }


async def _run_cell(ws, code, session, timeout):
    """Run one cell; return None when it succeeded, else a description of the failure."""
    msg_id, message = _execute_request(code, session)
    await ws.write_message(json.dumps(message))
    reply, idle = None, False
    deadline = time.monotonic() + timeout
    while reply is None or not idle:
        left = deadline - time.monotonic()
        if left <= 0:
            return f"no reply within {timeout} s"
        raw = await asyncio.wait_for(ws.read_message(), left)
        if raw is None:
            return "kernel websocket closed"
        if isinstance(raw, bytes):
            continue  # a binary message (buffers): not ours to check
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if msg["channel"] == "shell" and msg["msg_type"] == "execute_reply":
            reply = msg["content"]
        elif msg["channel"] == "iopub" and msg["msg_type"] == "status":
            idle = msg["content"]["execution_state"] == "idle"
    if reply["status"] != "ok":
        return f"{reply.get('ename')}: {reply.get('evalue')}"
    return None


async def _student(hub, student, notebook, cell_timeout, start, sockets):
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect
    call = asyncio.to_thread
    name = student.name
    await call(hub.api, "POST", f"/users/{name}/server")
    await call(wait_ready, hub, name)
    student.server_ready = time.monotonic() - start
    path = f"{SEEDED}/{notebook}"
    nb = (await call(hub.user_api, name, "GET", f"/contents/{path}"))["content"]
    session = await call(hub.user_api, name, "POST", "/sessions",
                         {"path": path, "type": "notebook", "name": notebook,
                          "kernel": {"name": "python3"}})
    student.kernel_id = session["kernel"]["id"]
    session_id = uuid.uuid4().hex
    url = (hub.url.replace("http", "ws", 1)
           + f"/user/{name}/api/kernels/{student.kernel_id}/channels?session_id={session_id}")
    ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {hub.token}"}),
                                 max_message_size=1 << 28)
    try:
        for code in code_cells(nb):
            error = await _run_cell(ws, code, session_id, cell_timeout)
            if error:
                student.errors.append(error)
                break
            student.cells_ok += 1
        student.last_cell = time.monotonic() - start
    finally:
        sockets.append(ws)  # the tab stays open (and connected) until the class ends


async def _wait_culled(hub, student, start, timeout):
    """Poll the student's server until their (idle, still connected) kernel is gone."""
    while time.monotonic() - start - student.last_cell < timeout:
        if not await asyncio.to_thread(kernels, hub, student.name):
            student.culled_after = time.monotonic() - start - student.last_cell
            return
        await asyncio.sleep(1)


async def _class(hub, students, notebook, cell_timeout, cull_wait, on_done):
    start = time.monotonic()
    sockets = []

    async def one(student):
        try:
            await _student(hub, student, notebook, cell_timeout, start, sockets)
            if on_done:
                await asyncio.to_thread(on_done, student)
            if cull_wait:
                await _wait_culled(hub, student, start, cull_wait)
        except Exception as error:  # noqa: BLE001 (reported per student, the others go on)
            student.errors.append(f"{type(error).__name__}: {error}")

    try:
        await asyncio.gather(*(one(s) for s in students))
    finally:
        for ws in sockets:
            ws.close()


def run_class(hub, names, notebook, cell_timeout=600, cull_wait=0, on_done=None):
    """Create ``names`` as users, then have all of them run ``notebook`` at the same time.

    Each student's kernel websocket stays open after their last cell, like a browser tab
    left open. ``on_done(student)`` runs in a thread right after a student's last cell (e.g.
    to read their processes' CPU time); with ``cull_wait`` > 0 each student then waits up to
    that many seconds for the idle culler to shut their connected kernel down.
    Returns the list of ``Student`` results.
    """
    hub.api("POST", "/users", {"usernames": list(names)})
    students = [Student(n) for n in names]
    asyncio.run(_class(hub, students, notebook, cell_timeout, cull_wait, on_done))
    return students


def processes_by_student(hub):
    """``{student: [processes]}``: each student's server and kernels (by working folder, in their home)."""
    homes = hub.state / "home"
    by_student = {}
    for proc in processes_under(homes):
        with contextlib.suppress(Exception):
            name = Path(proc.cwd()).relative_to(homes).parts[0]
            by_student.setdefault(name, []).append(proc)
    return by_student


def memory_mib(processes):
    """``(RSS, PSS)`` in MiB summed over ``processes`` (PSS splits shared pages between processes)."""
    rss = pss = 0
    for proc in processes:
        with contextlib.suppress(Exception):
            info = proc.memory_full_info()
            rss += info.rss
            pss += info.pss
    return rss / 2**20, pss / 2**20


def cpu_seconds(processes):
    """User + system CPU seconds of ``processes`` and their finished children (e.g. node helpers)."""
    total = 0.0
    for proc in processes:
        with contextlib.suppress(Exception):
            t = proc.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
    return total


def kernels(hub, name):
    """The kernels running in a student's server."""
    return hub.user_api(name, "GET", "/kernels")
