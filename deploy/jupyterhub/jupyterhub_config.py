"""JupyterHub for a class working through flywheel-lab on one server.

Run it from the environment that holds the series (``pip install -e ".[lab,hub]"`` in a
clone of this repository, or the conda environment from ``environment.yml`` plus the
``hub`` extra): that environment is also every student's single-user environment, so the
kernels have exactly the pinned stack the notebooks were tested with. See deploy/README.md.

    npm ci --prefix deploy/proxy          # configurable-http-proxy, once
    FLYWHEEL_HUB_PASSWORD=... jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Everything a class might want to change is an environment variable (defaults in brackets):

==========================  =====================================================================
FLYWHEEL_HUB_URL            where students connect [http://:8000]; put TLS in front of it
FLYWHEEL_HUB_STATE          folder for the hub's database, cookie secret and (local spawner) homes
                            [/srv/flywheel-hub]
FLYWHEEL_SPAWNER            ``systemd``: one systemd unit per student, limits enforced by the
                            kernel's cgroups, a throwaway system user each [systemd];
                            ``local``: plain processes under the hub's user, limits *not*
                            enforced (a laptop demo, and the CI load test)
FLYWHEEL_MEM_LIMIT          memory per student [1536M]
FLYWHEEL_CPU_LIMIT          cores per student [1]
FLYWHEEL_MAX_STUDENTS       servers running at once, 0 = no limit [0]
FLYWHEEL_KERNEL_IDLE        seconds before an idle kernel is shut down, open tab or not [1200]
FLYWHEEL_SERVER_IDLE        seconds before an idle student server is stopped [3600]
FLYWHEEL_HUB_PASSWORD       the shared password of the built-in dummy login (replace the
                            authenticator with your institution's for a real class)
FLYWHEEL_HUB_API_TOKEN      if set, a ``class-admin`` service with this token may create users
                            and start/stop servers through the REST API (pre-start a class,
                            the load test)
==========================  =====================================================================

Why these limits (measured; notebooks/README.md has the sizing table): a student running the
heaviest notebook (06) peaks at about 720 MiB RSS (its server plus the kernel), and with a
second notebook's kernel open ≈ 1.2 GiB, so 1.5 GiB leaves headroom while stopping one runaway
kernel from pushing the whole class into swap. Training is single-threaded (the series pins
one thread), so one core per student is all a kernel can use; the limit keeps a student's
infinite loop from slowing everyone else. Idle kernels are the memory a class forgets:
JupyterLab keeps a kernel alive after its tab closes, and a tab left open keeps it forever
unless ``cull_connected`` is on.
"""

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPLOY = HERE.parent
env = os.environ.get

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

STATE = Path(env("FLYWHEEL_HUB_STATE", "/srv/flywheel-hub"))
STATE.mkdir(parents=True, exist_ok=True)
SPAWNER = env("FLYWHEEL_SPAWNER", "systemd")
MEM_LIMIT = env("FLYWHEEL_MEM_LIMIT", "1536M")
CPU_LIMIT = float(env("FLYWHEEL_CPU_LIMIT", "1"))
SERVER_CONFIG = json.loads((HERE / "jupyter_server_config.json").read_text())
KERNEL_IDLE = int(env("FLYWHEEL_KERNEL_IDLE",
                      SERVER_CONFIG["MappingKernelManager"]["cull_idle_timeout"]))
SERVER_IDLE = int(env("FLYWHEEL_SERVER_IDLE", 3600))

# -- hub, proxy, state -------------------------------------------------------------------
c.JupyterHub.bind_url = env("FLYWHEEL_HUB_URL", "http://:8000")
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

# -- login ---------------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = env("FLYWHEEL_HUB_PASSWORD", "")
c.Authenticator.allow_all = True
c.Authenticator.admin_users = {env("FLYWHEEL_TEACHER", "teacher")}

# -- the students' servers -----------------------------------------------------------------
if SPAWNER == "systemd":
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.dynamic_users = True       # no system accounts to manage
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
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
    c.JupyterHub.services.append({"name": "class-admin", "api_token": env("FLYWHEEL_HUB_API_TOKEN")})
    c.JupyterHub.load_roles.append({
        "name": "class-admin",
        "scopes": ["admin:users", "admin:servers", "access:servers", "list:users"],
        "services": ["class-admin"],
    })
