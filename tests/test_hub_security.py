"""Every student's work is their own: attacks a student could try, run against the real hub.

The hub is deploy/jupyterhub/jupyterhub_config.py started as deploy/README.md says, with its
default login (``native``: students sign up, the teacher approves, the teacher's password is
a secret set at install) and HTTPS with a certificate made here, on 127.0.0.1 (local
spawner, configurable-http-proxy from deploy/proxy; tools/hub_class.py starts and stops it).
Students act as a browser would: they fill in the sign-up and login forms and follow
redirects. Each test names the attack and what must happen. A test starts the hub
without the secrets it needs, or listening beyond 127.0.0.1 without TLS, and expects it to
refuse; the last runs a class through deploy/jupyterhub/nginx.conf, nginx terminating TLS in
front of the hub on 127.0.0.1 (login, a kernel's websocket, an upload).

Prerequisites as for tests/test_hub_load.py, and nginx for the last test (skipped without
them, failed in CI).
"""

import contextlib
import dataclasses
import datetime
import getpass
import json
import os
import secrets
import shutil
import socket
import ssl
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import hub_class  # noqa: E402

requests = pytest.importorskip("requests")
STUDENT_PASSWORD = {name: secrets.token_urlsafe(12) for name in ("alice", "bob", "carol", "mallory")}


@pytest.fixture(scope="module")
def prerequisites():
    hub_class.require_prerequisites("the hub security test")


def self_signed(folder, host="127.0.0.1"):
    """A certificate and key for ``host`` (an address or a name), valid for a day."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    try:
        alt_name = x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        alt_name = x509.DNSName(host)
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([alt_name]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "hub.crt", folder / "hub.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


class Browser:
    """One person's browser on the hub: cookies, the forms' XSRF token, redirects followed."""

    def __init__(self, hub, cert):
        self.hub = hub
        self.session = requests.Session()
        self.verify = str(cert)  # per request: REQUESTS_CA_BUNDLE would override a session's

    def get(self, path, **kwargs):
        return self.session.get(self.hub.url + path, timeout=60, verify=self.verify, **kwargs)

    def _xsrf(self):
        return next(c.value for c in self.session.cookies if c.name == "_xsrf" and c.path.startswith("/hub"))

    def form(self, path, **fields):
        """Open the form at ``path`` and submit ``fields`` (not following the redirect)."""
        self.get(path)
        return self.session.post(self.hub.url + path, data={**fields, "_xsrf": self._xsrf()},
                                 allow_redirects=False, timeout=60, verify=self.verify)

    def api(self, method, path, **kwargs):
        return self.session.request(method, f"{self.hub.url}/hub/api{path}", timeout=60, verify=self.verify,
                                    headers={"X-XSRFToken": self._xsrf()}, **kwargs)

    def sign_up(self, name, password):
        reply = self.form("/hub/signup", username=name, signup_password=password,
                          signup_password_confirmation=password)
        return reply.text

    def log_in(self, name, password):
        """True when the hub accepted the login (as anyone)."""
        self.form("/hub/login?next=%2Fhub%2Fhome", username=name, password=password)
        return self.me() is not None

    def me(self):
        """The hub's model of who this browser is logged in as (None: nobody)."""
        reply = self.api("GET", "/user")
        return reply.json() if reply.status_code == 200 else None


@pytest.fixture(scope="module")
def hub(prerequisites, tmp_path_factory):
    """The hub with TLS; alice, bob and carol signed up and approved by the teacher, alice's server running."""
    folder = tmp_path_factory.mktemp("security")
    cert, key = self_signed(folder / "tls")
    with hub_class.running_hub(folder / "hub", tls=(cert, key), env={"FLYWHEEL_HUB_LOAD_TEST": None}) as hub:
        teacher = Browser(hub, cert)
        for name in ("alice", "bob", "carol", "mallory"):
            Browser(hub, cert).sign_up(name, STUDENT_PASSWORD[name])
        assert teacher.log_in("teacher", hub.teacher_password), "the teacher logs in with the install secret"
        for name in ("alice", "bob", "carol"):  # mallory is never approved
            assert teacher.get(f"/hub/authorize/{name}").status_code == 200
        hub.cert, hub.teacher = cert, teacher
        student(hub, "alice")  # her first login makes her a hub user; the class-admin token starts her server
        hub.api("POST", "/users/alice/server")
        hub_class.wait_ready(hub, "alice")
        yield hub


def student(hub, name):
    browser = Browser(hub, hub.cert)
    assert browser.log_in(name, STUDENT_PASSWORD[name]), f"{name} logs in with their own password"
    return browser


def test_the_teacher_is_the_only_admin_and_sees_the_sign_ups(hub):
    assert hub.teacher.me()["admin"] is True
    assert hub.teacher.get("/hub/admin").status_code == 200
    page = hub.teacher.get("/hub/authorize").text
    assert "mallory" in page and "alice" in page  # every sign-up, approved or waiting
    assert student(hub, "bob").me()["admin"] is False


def test_a_student_cannot_log_in_as_the_teacher(hub):
    attacker = Browser(hub, hub.cert)
    for guess in ["", STUDENT_PASSWORD["bob"], "teacher", "password"]:
        assert not attacker.log_in("teacher", guess)
    for claim in ("teacher", "Teacher", " teacher"):  # claim the reserved name by signing up
        attacker.sign_up(claim, "a-password-of-mine")
        assert not attacker.log_in(claim.strip(), "a-password-of-mine"), claim


def test_a_student_cannot_log_in_as_a_classmate(hub):
    attacker = Browser(hub, hub.cert)
    assert not attacker.log_in("alice", STUDENT_PASSWORD["bob"])
    assert not attacker.log_in("alice", "")
    attacker.sign_up("alice", "a-password-of-mine")  # the name is taken: no second account
    assert not attacker.log_in("alice", "a-password-of-mine")
    assert not attacker.log_in("mallory", STUDENT_PASSWORD["mallory"]), "not approved by the teacher"


def test_guessing_a_password_gets_the_name_blocked(hub):
    attacker = Browser(hub, hub.cert)
    for _ in range(5):
        assert not attacker.log_in("carol", "wrong-guess-123")
    assert not attacker.log_in("carol", STUDENT_PASSWORD["carol"]), "blocked for 2 minutes after 5 failures"


def test_a_student_cannot_open_a_classmates_server_or_files(hub):
    bob = student(hub, "bob")
    for path in ["/user/alice/lab", "/user/alice/api/contents/flywheel-lab",
                 "/user/alice/files/flywheel-lab/00_start_here.ipynb"]:
        reply = bob.get(path)
        assert reply.status_code == 403, (path, reply.status_code, reply.url)
        assert '"cells"' not in reply.text
    assert bob.api("DELETE", "/users/alice/server").status_code in (403, 404)  # stop her server
    assert hub.api("GET", "/users/alice")["servers"][""]["ready"], "her server still runs"
    assert bob.api("GET", "/users").status_code == 403
    assert bob.api("PATCH", "/users/bob", json={"admin": True}).status_code == 403
    for page in ["/hub/admin", "/hub/authorize", "/hub/authorize/mallory", "/hub/change-password/alice"]:
        assert bob.get(page).status_code == 403, page
    assert not Browser(hub, hub.cert).log_in("mallory", STUDENT_PASSWORD["mallory"])  # still not approved


def test_the_class_admin_token_only_starts_and_stops_servers(hub):
    assert "alice" in [u["name"] for u in hub.api("GET", "/users")]
    for method, path, body in [("POST", "/users", {"usernames": ["eve"]}),
                               ("PATCH", "/users/alice", {"admin": True}),
                               ("DELETE", "/users/bob", None)]:
        with pytest.raises(hub_class.HTTPError) as refused:
            hub.api(method, path, body)
        assert refused.value.code == 403, (method, path)
    with pytest.raises(hub_class.HTTPError) as refused:
        hub.user_api("alice", "GET", "/contents/flywheel-lab")
    assert refused.value.code in (403, 302), "the token cannot enter a student's server"


def test_a_forgotten_password_is_reset_by_the_teacher(hub):
    new = secrets.token_urlsafe(12)
    reply = hub.teacher.form("/hub/change-password/bob", new_password=new, new_password_confirmation=new)
    assert "changed successfully" in reply.text
    assert Browser(hub, hub.cert).log_in("bob", new)
    STUDENT_PASSWORD["bob"] = new
    # nobody changes the teacher's password through the hub: it is the install secret
    hub.teacher.form("/hub/change-password/teacher", new_password=new, new_password_confirmation=new)
    assert not Browser(hub, hub.cert).log_in("teacher", new)


def test_secrets_are_owner_only_and_out_of_every_process_environment(hub):
    state = hub.state
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    for name in ("jupyterhub.sqlite", "jupyterhub_cookie_secret"):
        assert stat.S_IMODE((state / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE((state / "home" / "alice").stat().st_mode) & 0o077 == 0
    children = [p for p in hub_class.processes_under(state) if p.pid != hub.process.pid]
    assert len(children) >= 3  # the proxy, the idle culler, alice's server (and her kernels)
    for proc in children:  # the hub's own environment is readable by its owner only
        environ = Path(f"/proc/{proc.pid}/environ").read_bytes()
        assert hub.teacher_password.encode() not in environ, proc.cmdline()
        assert hub.token.encode() not in environ, proc.cmdline()
    login = next(c for c in hub.teacher.session.cookies if c.name == "jupyterhub-hub-login")
    assert login.secure, "over HTTPS the login cookie is never sent in clear"


# (the other refusals, e.g. demo without a password or LTI without its settings, are
# checked on the configuration alone in tests/test_deploy.py: starting a hub costs ~10 s)
@pytest.mark.parametrize("env, reason", [
    ({"FLYWHEEL_TEACHER_PASSWORD": None}, "FLYWHEEL_TEACHER_PASSWORD"),
    ({"FLYWHEEL_HUB_URL": "http://0.0.0.0:{port}"}, "in clear beyond this machine"),
], ids=["no-teacher-secret", "plain-http-on-all-interfaces"])
def test_the_hub_refuses_to_start_without_what_it_needs(prerequisites, tmp_path, env, reason):
    env = {k: v.format(port=hub_class.free_port()) if v else v for k, v in env.items()}
    env.setdefault("FLYWHEEL_HUB_LOAD_TEST", None)
    with pytest.raises(RuntimeError, match="the hub did not start") as failed:
        with hub_class.running_hub(tmp_path / "hub", env=env, start_timeout=60):
            pass
    assert reason in str(failed.value)
    assert not hub_class.leftovers(tmp_path / "hub")


# -- behind a TLS reverse proxy: deploy/jupyterhub/nginx.conf in front of the hub on 127.0.0.1 ----
NGINX_SITE = hub_class.ROOT / "deploy" / "jupyterhub" / "nginx.conf"


def nginx_config(folder, host, site_ports, upstream, tls):
    """An nginx.conf running deploy/jupyterhub/nginx.conf as a class would, with only what this
    machine needs changed: the host name, ports, the hub's address (``upstream``: HOST:PORT),
    the certificate, and files kept in ``folder``."""
    (http_port, https_port), (cert, key) = site_ports, tls
    site = NGINX_SITE.read_text()
    for old, new in [("server_name hub.example.org;", f"server_name {host};"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                     ("/etc/letsencrypt/live/hub.example.org/fullchain.pem", str(cert)),
                     ("/etc/letsencrypt/live/hub.example.org/privkey.pem", str(key)),
                     ("proxy_pass http://127.0.0.1:8000;", f"proxy_pass http://{upstream};")]:
        assert old in site, f"{NGINX_SITE.name} no longer has {old!r}: update this test"
        site = site.replace(old, new)
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = folder / "nginx.conf"
    conf.write_text(f"user {getpass.getuser()};\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} info;\n"
                    f"events {{ worker_connections 256; }}\nhttp {{\n    access_log {folder / 'access.log'};\n"
                    f"{temp}\n{site}\n}}\n")
    return conf


@contextlib.contextmanager
def running_nginx(folder, upstream, tls, host="localhost"):
    """nginx for ``host`` in front of the hub at ``upstream`` (HOST:PORT, plain HTTP), listening on
    127.0.0.1; yields its (https URL, http URL)."""
    nginx = shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if not nginx:
        message = "the reverse-proxy test needs nginx (apt-get install nginx)"
        pytest.fail(message + " (CI must run it: .ci/run installs it)") if os.environ.get("CI") else pytest.skip(message)
    folder.mkdir(parents=True, exist_ok=True)
    ports = hub_class.free_port(), hub_class.free_port()
    conf = nginx_config(folder, host, ports, upstream, tls)
    check = subprocess.run([nginx, "-t", "-p", str(folder), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([nginx, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"])
    try:
        deadline = time.monotonic() + 20
        while socket.socket().connect_ex(("127.0.0.1", ports[1])) and process.poll() is None:
            assert time.monotonic() < deadline, "nginx did not start listening"
            time.sleep(0.2)
        assert process.poll() is None, (folder / "error.log").read_text()
        yield f"https://{host}:{ports[1]}", f"http://{host}:{ports[0]}"
    finally:
        process.terminate()
        process.wait(timeout=20)


class Recorder:
    """A websocket that keeps every message it reads (hub_class runs the cell, we read its output)."""

    def __init__(self, ws):
        self.ws, self.messages = ws, []

    def write_message(self, message):
        return self.ws.write_message(message)

    async def read_message(self):
        raw = await self.ws.read_message()
        self.messages.append(raw)
        return raw


async def run_cell_over_websocket(url, browser, code, cert):
    """Run ``code`` in a kernel over its websocket at ``url``, as JupyterLab does (the browser's
    cookies, its Origin); returns what the cell printed."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(browser.hub.url))
    cookie = browser.session.prepare_request(requests.Request("GET", url.replace("wss", "https", 1))).headers["Cookie"]
    session = uuid.uuid4().hex
    ws = await websocket_connect(HTTPRequest(f"{url}?session_id={session}", ca_certs=str(cert),
                                             headers={"Cookie": cookie, "Origin": origin}))
    try:
        recorder = Recorder(ws)
        error = await hub_class._run_cell(recorder, code, session, timeout=60)
        assert error is None, error
    finally:
        ws.close()
    messages = [json.loads(m) for m in recorder.messages if isinstance(m, str)]
    return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")


def test_a_class_behind_nginx_logs_in_runs_a_kernel_and_uploads_over_https(prerequisites, tmp_path):
    """deploy/README.md's reverse proxy, run: nginx terminates TLS (deploy/jupyterhub/nginx.conf),
    the hub listens on 127.0.0.1 in plain HTTP; everything a class does goes through nginx."""
    cert, key = self_signed(tmp_path / "tls", host="localhost")
    with hub_class.running_hub(tmp_path / "hub", env={"FLYWHEEL_HUB_LOAD_TEST": None}) as hub, \
            running_nginx(tmp_path / "nginx", urlsplit(hub.url).netloc, (cert, key)) as urls:
        print("\n" + a_class_through_the_proxy(hub, *urls, cert))


def a_class_through_the_proxy(hub, https_url, http_url, cert):
    """The teacher logs in and approves a student, starts her server; she opens a kernel, runs a
    cell over its websocket and uploads a 3 MB file: all through the proxy at ``https_url``."""
    import asyncio
    front = dataclasses.replace(hub, url=https_url, context=ssl.create_default_context(cafile=str(cert)))
    plain = requests.get(f"{http_url}/hub/login", allow_redirects=False, timeout=30)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://"), "no login in clear"

    teacher = Browser(front, cert)
    assert teacher.log_in("teacher", hub.teacher_password), "the teacher logs in through the proxy"
    login = next(c for c in teacher.session.cookies if c.name == "jupyterhub-hub-login")
    assert login.secure, "the hub knows it is served over HTTPS (X-Scheme)"
    Browser(front, cert).sign_up("alice", STUDENT_PASSWORD["alice"])
    assert teacher.get("/hub/authorize/alice").status_code == 200
    alice = Browser(front, cert)
    assert alice.log_in("alice", STUDENT_PASSWORD["alice"])
    started = teacher.api("POST", "/users/alice/server")
    assert started.status_code in (201, 202), "the teacher starts her server"
    hub_class.wait_ready(front, "alice")

    lab = alice.get("/user/alice/lab")
    assert lab.status_code == 200 and lab.url.startswith(https_url), lab.url
    xsrf = {"X-XSRFToken": next(c.value for c in alice.session.cookies
                                if c.name == "_xsrf" and c.path.startswith("/user/alice"))}
    kernel = alice.session.post(f"{https_url}/user/alice/api/kernels", json={"name": "python3"},
                                headers=xsrf, verify=str(cert), timeout=60)
    assert kernel.status_code == 201, kernel.text
    ws_url = f"{https_url.replace('https', 'wss', 1)}/user/alice/api/kernels/{kernel.json()['id']}/channels"
    printed = asyncio.run(run_cell_over_websocket(ws_url, alice, "import getpass; print(6 * 7, getpass.getuser())",
                                                  cert))
    assert printed.split()[0] == "42", printed

    upload = alice.session.put(f"{https_url}/user/alice/api/contents/{hub_class.SEEDED}/upload.ipynb",
                               json={"type": "file", "format": "text", "content": "x" * 3_000_000},
                               headers=xsrf, verify=str(cert), timeout=60)
    assert upload.status_code == 201, (upload.status_code, upload.text[:300])  # nginx's default: 413
    return (f"through {https_url}: http -> {plain.status_code}, teacher login ok (secure cookie), server start "
            f"{started.status_code}, lab {lab.status_code}, kernel {kernel.status_code}, cell printed "
            f"{printed.strip()!r}, 3 MB upload {upload.status_code}")


def test_the_readme_shows_the_nginx_config_that_is_run():
    def directives(text):
        return [line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()]
    readme = (hub_class.ROOT / "deploy" / "README.md").read_text()
    shown = readme.split("```nginx\n", 1)[1].split("```", 1)[0]
    assert directives(shown) == directives(NGINX_SITE.read_text()), "keep deploy/README.md's copy equal"
