"""JupyterHub for a class working through flywheel-lab on one server.

Run it from the environment that holds the series (``pip install -e ".[lab,hub]"`` in a
clone of this repository, or the conda environment from ``environment.yml`` plus the
``hub`` extra): that environment is also every student's single-user environment, so the
kernels have exactly the pinned stack the notebooks were tested with. See deploy/README.md.

    npm ci --prefix deploy/proxy          # configurable-http-proxy, once
    FLYWHEEL_TEACHER_PASSWORD_FILE=/srv/flywheel-hub/teacher_password \
        FLYWHEEL_SSL_CERT=... FLYWHEEL_SSL_KEY=... jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Everything a class might want to change is an environment variable (defaults in brackets).
The hub refuses to start, saying why, when a secret its login needs is missing or when it
would listen beyond this machine without TLS.

==============================  =================================================================
FLYWHEEL_LOGIN                  who may log in [native]: ``native``: students sign up with their
                                own password and the teacher approves them (flywheel_login.py);
                                ``lti13``: launched from the course in an LMS (Canvas, Moodle,
                                Blackboard) over LTI 1.3; ``oidc``: the institution's OpenID
                                Connect / OAuth 2 single sign-on; ``demo``: one shared password,
                                no admin, 127.0.0.1 only (trying the hub alone, never a class)
FLYWHEEL_TEACHER                the teacher's user name, the only admin [teacher]
FLYWHEEL_TEACHER_PASSWORD_FILE  (native) a file holding the teacher's password, owner-only;
                                or FLYWHEEL_TEACHER_PASSWORD; 12 characters at least, required
FLYWHEEL_HUB_PASSWORD           (demo) the shared password, 8 characters at least, required
FLYWHEEL_LTI_ISSUER, _CLIENT_ID, _AUTHORIZE_URL, _JWKS_URL
                                (lti13, all required) the LMS's issuer, the client id it gave
                                this tool, its OIDC authorization and JWKS URLs;
                                FLYWHEEL_LTI_USERNAME_KEY: the claim naming a user [email]
FLYWHEEL_OIDC_CLIENT_ID, _CLIENT_SECRET (or _CLIENT_SECRET_FILE), _AUTHORIZE_URL, _TOKEN_URL,
_USERDATA_URL, _CALLBACK_URL    (oidc, all required) the client registered with the identity
                                provider and its endpoints; FLYWHEEL_OIDC_USERNAME_CLAIM
                                [preferred_username]; who may log in: FLYWHEEL_ROSTER (a file,
                                one user name a line) or FLYWHEEL_OIDC_ALLOWED_GROUPS (comma-
                                separated values of the ``groups`` claim), one required
FLYWHEEL_HUB_URL                where students connect [https://:443 with a certificate,
                                otherwise http://127.0.0.1:8000]
FLYWHEEL_SSL_CERT, _KEY         the certificate (chain) and private key: the hub serves HTTPS
FLYWHEEL_BEHIND_TLS_PROXY       ``1``: listen beyond 127.0.0.1 over plain HTTP because a TLS
                                reverse proxy on another machine is the only way in
FLYWHEEL_HUB_API_URL            where the hub's own API listens for the proxy and the servers
                                [JupyterHub's default, http://127.0.0.1:8081]; change it only when
                                two hubs share a machine (the load test does)
FLYWHEEL_PROXY_API_URL          where the proxy's REST API listens [http://127.0.0.1:8001]; the
                                same reason
FLYWHEEL_SERIES                 (start_singleuser.py) the notebooks folder each new student's home
                                is seeded from [this repository's notebooks/]
FLYWHEEL_HUB_STATE              folder for the hub's database, cookie secret and (local spawner)
                                homes, owner-only [/srv/flywheel-hub]
FLYWHEEL_SPAWNER                ``systemd``: one systemd unit per student, limits enforced by the
                                kernel's cgroups, a throwaway system user each whose home no
                                other student can read [systemd]; ``local``: plain processes
                                under the hub's user, limits *not* enforced (a laptop demo, and
                                the CI tests)
FLYWHEEL_MEM_LIMIT              memory per student [1536M]
FLYWHEEL_CPU_LIMIT              cores per student [1]
FLYWHEEL_MAX_STUDENTS           servers running at once, 0 = no limit [0]
FLYWHEEL_KERNEL_IDLE            seconds before an idle kernel is shut down, open tab or not [1200]
FLYWHEEL_SERVER_IDLE            seconds before an idle student server is stopped [3600]
FLYWHEEL_HUB_API_TOKEN          if set, a ``class-admin`` service with this token may list the
                                students and start/stop their servers through the REST API
                                (pre-start a class before it begins), nothing more
FLYWHEEL_HUB_LOAD_TEST          ``1`` (127.0.0.1 only): class-admin may also create users and use
                                their servers, as the load test and ``make bench`` do
==============================  =================================================================

Why these limits (measured; notebooks/README.md has the sizing table): a student running the
heaviest notebook (06) peaks at about 485 MiB RSS (its server plus the kernel), and with a
second notebook's kernel open ≈ 0.8 GiB, so 1.5 GiB leaves headroom while stopping one runaway
kernel from pushing the whole class into swap. Training is single-threaded (the series pins
one thread), so one core per student is all a kernel can use; the limit keeps a student's
infinite loop from slowing everyone else. Idle kernels are the memory a class forgets:
JupyterLab keeps a kernel alive after its tab closes, and a tab left open keeps it forever
unless ``cull_connected`` is on.
"""

import ipaddress
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
DEPLOY = HERE.parent
env = os.environ.get

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)
sys.path.insert(0, str(HERE))
import flywheel_login  # noqa: E402 (next to this file)


def refuse(message):
    """Stop before the hub starts, saying why (JupyterHub exits when its config raises)."""
    raise ValueError(f"flywheel hub not started: {message}")


def required(*names):
    """The values of environment variables ``names``, refusing to start if any is unset."""
    missing = [n for n in names if not env(n)]
    if missing:
        refuse(f"FLYWHEEL_LOGIN={LOGIN} needs {', '.join(missing)} (see the top of {Path(__file__).name})")
    return [env(n) for n in names]


def secret(name):
    """A secret from ``NAME_FILE`` (owner-only, like the teacher's) or ``NAME``; removed from the
    environment so that no process the hub starts (proxy, services, servers) inherits it."""
    value = flywheel_login.secret_from(name)
    os.environ.pop(name, None)
    return value


# owner-only: the database (password hashes, tokens), the cookie secret and every file the hub
# and its local-spawner servers write (JupyterHub itself only checks the cookie secret's mode)
os.umask(0o077)
STATE = Path(env("FLYWHEEL_HUB_STATE", "/srv/flywheel-hub"))
STATE.mkdir(parents=True, exist_ok=True)
STATE.chmod(0o700)
for name in ("jupyterhub.sqlite", "jupyterhub_cookie_secret"):
    if (STATE / name).exists():
        (STATE / name).chmod(0o600)
SPAWNER = env("FLYWHEEL_SPAWNER", "systemd")
MEM_LIMIT = env("FLYWHEEL_MEM_LIMIT", "1536M")
CPU_LIMIT = float(env("FLYWHEEL_CPU_LIMIT", "1"))
SERVER_CONFIG = json.loads((HERE / "jupyter_server_config.json").read_text())
KERNEL_IDLE = int(env("FLYWHEEL_KERNEL_IDLE",
                      SERVER_CONFIG["MappingKernelManager"]["cull_idle_timeout"]))
SERVER_IDLE = int(env("FLYWHEEL_SERVER_IDLE", 3600))

# -- where the hub listens: beyond 127.0.0.1 only over TLS -----------------------------------
CERT, KEY = env("FLYWHEEL_SSL_CERT"), env("FLYWHEEL_SSL_KEY")
if bool(CERT) != bool(KEY):
    refuse("set both FLYWHEEL_SSL_CERT and FLYWHEEL_SSL_KEY, or neither")
URL = urlsplit(env("FLYWHEEL_HUB_URL", "https://:443" if CERT else "http://127.0.0.1:8000"))
try:
    LOOPBACK = URL.hostname == "localhost" or ipaddress.ip_address(URL.hostname or "0.0.0.0").is_loopback
except ValueError:  # a host name
    LOOPBACK = False
if URL.scheme == "https" and not CERT:
    refuse(f"{URL.geturl()} is HTTPS: set FLYWHEEL_SSL_CERT and FLYWHEEL_SSL_KEY")
if CERT and URL.scheme != "https":
    refuse(f"a certificate is set but FLYWHEEL_HUB_URL is {URL.geturl()}: use https://")
if not LOOPBACK and URL.scheme != "https" and env("FLYWHEEL_BEHIND_TLS_PROXY") != "1":
    refuse(f"{URL.geturl()} would carry passwords in clear beyond this machine: set FLYWHEEL_SSL_CERT "
           "and FLYWHEEL_SSL_KEY, listen on 127.0.0.1 behind a local TLS proxy, or set "
           "FLYWHEEL_BEHIND_TLS_PROXY=1 if a TLS proxy elsewhere is the only way in")
c.JupyterHub.bind_url = URL.geturl()
if CERT:
    c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key = CERT, KEY

# -- hub, proxy, state -------------------------------------------------------------------
if env("FLYWHEEL_HUB_API_URL"):
    c.JupyterHub.hub_bind_url = env("FLYWHEEL_HUB_API_URL")
if env("FLYWHEEL_PROXY_API_URL"):
    c.ConfigurableHTTPProxy.api_url = env("FLYWHEEL_PROXY_API_URL")
proxy = DEPLOY / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
if proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(proxy)]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.active_server_limit = int(env("FLYWHEEL_MAX_STUDENTS", 0))

# -- login: one admin, the teacher; every student's account only their own ------------------
LOGIN = env("FLYWHEEL_LOGIN", "native")
TEACHER = env("FLYWHEEL_TEACHER", "teacher")
c.Authenticator.admin_users = {TEACHER}
if LOGIN == "native":
    c.JupyterHub.authenticator_class = "flywheel_login.ClassAuthenticator"
    c.ClassAuthenticator.teacher = TEACHER
    c.ClassAuthenticator.teacher_password = secret("FLYWHEEL_TEACHER_PASSWORD")
    # (the authenticator refuses to start when it is missing or short)
elif LOGIN == "lti13":
    issuer, client_id, authorize_url, jwks = required(
        "FLYWHEEL_LTI_ISSUER", "FLYWHEEL_LTI_CLIENT_ID", "FLYWHEEL_LTI_AUTHORIZE_URL", "FLYWHEEL_LTI_JWKS_URL")
    c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
    c.LTI13Authenticator.issuer = issuer
    c.LTI13Authenticator.client_id = [client_id]
    c.LTI13Authenticator.authorize_url = authorize_url
    c.LTI13Authenticator.jwks_endpoint = jwks
    c.LTI13Authenticator.username_key = env("FLYWHEEL_LTI_USERNAME_KEY", "email")
    c.Authenticator.allow_all = True  # whoever the course launches (the LMS signs who they are)
elif LOGIN == "oidc":
    required("FLYWHEEL_OIDC_CLIENT_ID", "FLYWHEEL_OIDC_AUTHORIZE_URL", "FLYWHEEL_OIDC_TOKEN_URL",
             "FLYWHEEL_OIDC_USERDATA_URL", "FLYWHEEL_OIDC_CALLBACK_URL")
    oidc = c.GenericOAuthenticator
    c.JupyterHub.authenticator_class = "generic-oauth"
    oidc.client_id = env("FLYWHEEL_OIDC_CLIENT_ID")
    oidc.client_secret = secret("FLYWHEEL_OIDC_CLIENT_SECRET")
    if not oidc.client_secret:
        refuse("FLYWHEEL_LOGIN=oidc needs FLYWHEEL_OIDC_CLIENT_SECRET or FLYWHEEL_OIDC_CLIENT_SECRET_FILE")
    oidc.authorize_url = env("FLYWHEEL_OIDC_AUTHORIZE_URL")
    oidc.token_url = env("FLYWHEEL_OIDC_TOKEN_URL")
    oidc.userdata_url = env("FLYWHEEL_OIDC_USERDATA_URL")
    oidc.oauth_callback_url = env("FLYWHEEL_OIDC_CALLBACK_URL")
    oidc.username_claim = env("FLYWHEEL_OIDC_USERNAME_CLAIM", "preferred_username")
    oidc.scope = ["openid", "profile", "email"]
    if env("FLYWHEEL_ROSTER"):
        roster = Path(env("FLYWHEEL_ROSTER")).read_text().split()
        oidc.allowed_users = set(roster) - {TEACHER}
    elif env("FLYWHEEL_OIDC_ALLOWED_GROUPS"):
        oidc.allowed_groups = set(env("FLYWHEEL_OIDC_ALLOWED_GROUPS").split(","))
        oidc.auth_state_groups_key = "oauth_user.groups"
    else:
        refuse("FLYWHEEL_LOGIN=oidc needs FLYWHEEL_ROSTER or FLYWHEEL_OIDC_ALLOWED_GROUPS: "
               "who of the identity provider's users may log in")
elif LOGIN == "demo":
    if not LOOPBACK:
        refuse("the demo login (one shared password) listens on 127.0.0.1 only")
    c.JupyterHub.authenticator_class = "shared-password"   # DummyAuthenticator.password is deprecated
    c.SharedPasswordAuthenticator.user_password = secret("FLYWHEEL_HUB_PASSWORD")
    if len(c.SharedPasswordAuthenticator.user_password or "") < 8:
        refuse("FLYWHEEL_LOGIN=demo needs FLYWHEEL_HUB_PASSWORD (the shared password, 8 characters at least)")
    c.Authenticator.allow_all = True
    c.Authenticator.admin_users = set()  # everyone shares one password: nobody is admin
    print(f"flywheel hub: DEMO login on {URL.geturl()} only: anyone with the shared password can be "
          "any user; no admin. Never for a class.", file=sys.stderr)
else:
    refuse(f"FLYWHEEL_LOGIN is {LOGIN!r}: use 'native', 'lti13', 'oidc' or 'demo'")

# -- the students' servers -----------------------------------------------------------------
if SPAWNER == "systemd":
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.dynamic_users = True       # no system accounts to manage
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
    # DynamicUser= keeps each home in /var/lib/private/NAME (root-only above it) and makes the
    # rest of the disk read-only; UMask keeps a student's files their own inside it too
    c.SystemdSpawner.unit_extra_properties = {"UMask": "0077"}
elif SPAWNER == "local":
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
else:
    raise ValueError(f"FLYWHEEL_SPAWNER is {SPAWNER!r}: use 'systemd' or 'local'")

c.Spawner.mem_limit = MEM_LIMIT
c.Spawner.cpu_limit = CPU_LIMIT
c.Spawner.cmd = [sys.executable, str(HERE / "start_singleuser.py")]
c.Spawner.default_url = "/lab/tree/flywheel-lab/00_start_here.ipynb"
c.Spawner.environment = {
    # this folder first (its culling and extension settings win), then the project's
    # jupyter_config/ (JupyterLab shuts a notebook's kernel down when its tab closes)
    "JUPYTER_CONFIG_PATH": os.pathsep.join([str(HERE), str(HERE.parent.parent / "jupyter_config")]),
    "OMP_NUM_THREADS": "1",                     # one core per student: no thread oversubscription
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
# keep the machine's OpenBLAS CPU-type override, if it has one (some CPUs need it)
c.Spawner.env_keep.extend(["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"])
c.Spawner.args = [f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
                  f"--MappingKernelManager.cull_interval={max(1, min(60, KERNEL_IDLE // 4))}"]
if SPAWNER == "local" and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")
# a whole class logs in within a minute: give a busy server time to start everyone
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300

# -- services: idle-server culler, optional admin token --------------------------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={SERVER_IDLE}", f"--cull-every={max(1, min(600, SERVER_IDLE // 4))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
if env("FLYWHEEL_HUB_API_TOKEN"):
    # what pre-starting a class needs: see who is there, start and stop their servers; not
    # create, change or delete users, nor enter their servers (their files are theirs)
    scopes = ["list:users", "read:servers", "servers"]
    if env("FLYWHEEL_HUB_LOAD_TEST") == "1":
        if not LOOPBACK:
            refuse("FLYWHEEL_HUB_LOAD_TEST (create users, use their servers) is for a hub on 127.0.0.1")
        scopes += ["admin:users", "access:servers"]  # create simulated students, run their notebooks
    c.JupyterHub.services.append({"name": "class-admin", "api_token": secret("FLYWHEEL_HUB_API_TOKEN")})
    c.JupyterHub.load_roles.append({"name": "class-admin", "scopes": scopes, "services": ["class-admin"]})
