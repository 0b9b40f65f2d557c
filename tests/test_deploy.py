"""deploy/: the single-server hub configuration and the Zero to JupyterHub values, checked offline.

The hub configuration is loaded the way JupyterHub loads it and its settings are read back;
the Helm values are checked for the structure and types the chart expects (the chart and its
schema can't be fetched here: `helm install` validates against the real schema) and against
the single-server configuration, so the two deployments keep the same limits and culling.
The hub itself runs in tests/test_hub_load.py.
"""

import json
import os
import re
import stat
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SERVER_CONFIG = json.loads((DEPLOY / "jupyterhub" / "jupyter_server_config.json").read_text())
sys.path.insert(0, str(DEPLOY / "jupyterhub"))
import start_singleuser  # noqa: E402


def hub_config(monkeypatch, tmp_path, **env):
    """The traitlets config that deploy/jupyterhub/jupyterhub_config.py produces under ``env``."""
    from traitlets.config.loader import PyFileConfigLoader
    monkeypatch.setenv("FLYWHEEL_HUB_STATE", str(tmp_path / "state"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = DEPLOY / "jupyterhub" / "jupyterhub_config.py"
    return PyFileConfigLoader(path.name, str(path.parent)).load_config()


def values():
    return yaml.safe_load((DEPLOY / "kubernetes" / "values.yaml").read_text())


def test_hub_defaults_enforce_limits_with_systemd(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path)
    assert c.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert c.Spawner.mem_limit == "1536M" and c.Spawner.cpu_limit == 1.0
    assert c.JupyterHub.db_url.startswith(f"sqlite:///{tmp_path / 'state'}")
    pytest.importorskip("systemdspawner")
    from systemdspawner import SystemdSpawner
    spawner = SystemdSpawner(config=c, user=SimpleNamespace(name="student1", id=1, url="/user/student1/"))
    assert spawner.mem_limit == 1536 * 2**20  # systemd's MemoryMax for the student's unit
    assert spawner.cpu_limit == 1.0 and spawner.dynamic_users  # CPUQuota=100 %, a throwaway user
    assert spawner.cmd[-1].endswith("start_singleuser.py")
    assert "OPENBLAS_CORETYPE" in spawner.env_keep  # a machine that needs it keeps it


def test_hub_culls_idle_kernels_even_with_a_tab_open_and_idle_servers(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path)
    culling = SERVER_CONFIG["MappingKernelManager"]
    assert culling["cull_connected"] is True and culling["cull_busy"] is False
    assert f"--MappingKernelManager.cull_idle_timeout={culling['cull_idle_timeout']}" in c.Spawner.args
    first, project = c.Spawner.environment["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert Path(first, "jupyter_server_config.json").exists()          # the hub's culling wins
    assert Path(project, "labconfig", "default_setting_overrides.json").exists()  # kernel shut with its tab
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert "--timeout=3600" in culler["command"]
    role = next(r for r in c.JupyterHub.load_roles if r["name"] == "idle-culler")
    assert "delete:servers" in role["scopes"]


def test_hub_settings_follow_the_environment(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, FLYWHEEL_SPAWNER="local", FLYWHEEL_KERNEL_IDLE="20",
                   FLYWHEEL_SERVER_IDLE="120", FLYWHEEL_MEM_LIMIT="2G", FLYWHEEL_HUB_API_TOKEN="t0k")
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.SimpleLocalProcessSpawner"
    assert c.Spawner.mem_limit == "2G"
    assert "--MappingKernelManager.cull_idle_timeout=20" in c.Spawner.args
    assert "--MappingKernelManager.cull_interval=5" in c.Spawner.args
    admin = next(s for s in c.JupyterHub.services if s["name"] == "class-admin")
    assert admin["api_token"] == "t0k"


def test_hub_refuses_an_unknown_spawner(monkeypatch, tmp_path):
    with pytest.raises(ValueError, match="FLYWHEEL_SPAWNER"):
        hub_config(monkeypatch, tmp_path, FLYWHEEL_SPAWNER="docker")


# -- login, transport, privileges (the real hub is attacked in tests/test_hub_security.py) ------

TEACHER_SECRET = "a-long-teacher-secret"


def test_the_default_login_is_the_class_login_on_loopback(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, FLYWHEEL_TEACHER_PASSWORD=TEACHER_SECRET)
    assert c.JupyterHub.authenticator_class == "flywheel_login.ClassAuthenticator"
    assert c.Authenticator.admin_users == {"teacher"} and c.ClassAuthenticator.teacher == "teacher"
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000"
    assert "FLYWHEEL_TEACHER_PASSWORD" not in os.environ, "no process the hub starts inherits it"
    pytest.importorskip("nativeauthenticator")
    import flywheel_login
    auth = flywheel_login.ClassAuthenticator(config=c, add_new_table=False)
    assert auth.admin_users == {"teacher"} and auth.allowed_failed_logins > 0 and not auth.open_signup
    assert auth.create_user("Teacher", "some-password") is None and auth.user_exists("teacher")
    with pytest.raises(ValueError, match="teacher's password is missing"):
        flywheel_login.ClassAuthenticator(add_new_table=False)  # no secret: the hub does not start
    with pytest.raises(ValueError, match="teacher .* alone"):
        flywheel_login.ClassAuthenticator(add_new_table=False, teacher_password=TEACHER_SECRET,
                                          admin_users={"teacher", "bob"})


def test_a_secret_file_must_be_owner_only(tmp_path):
    pytest.importorskip("nativeauthenticator")
    import flywheel_login
    path = tmp_path / "teacher_password"
    path.write_text(TEACHER_SECRET + "\n")
    path.chmod(0o644)
    with pytest.raises(ValueError, match="chmod 600"):
        flywheel_login.secret_from("X", {"X_FILE": str(path)})
    path.chmod(0o600)
    assert flywheel_login.secret_from("X", {"X_FILE": str(path)}) == TEACHER_SECRET


@pytest.mark.parametrize("env, reason", [
    ({"FLYWHEEL_HUB_URL": "http://:8000"}, "in clear beyond this machine"),
    ({"FLYWHEEL_HUB_URL": "https://:443"}, "set FLYWHEEL_SSL_CERT"),
    ({"FLYWHEEL_SSL_CERT": "hub.crt"}, "both FLYWHEEL_SSL_CERT and FLYWHEEL_SSL_KEY"),
    ({"FLYWHEEL_LOGIN": "demo"}, "needs FLYWHEEL_HUB_PASSWORD"),
    ({"FLYWHEEL_LOGIN": "demo", "FLYWHEEL_HUB_PASSWORD": "x", "FLYWHEEL_BEHIND_TLS_PROXY": "1",
      "FLYWHEEL_HUB_URL": "http://:8000"}, "127.0.0.1 only"),
    ({"FLYWHEEL_LOGIN": "lti13"}, "needs FLYWHEEL_LTI_ISSUER"),
    ({"FLYWHEEL_LOGIN": "oidc"}, "needs FLYWHEEL_OIDC_CLIENT_ID"),
    ({"FLYWHEEL_LOGIN": "dummy"}, "FLYWHEEL_LOGIN is 'dummy'"),
    ({"FLYWHEEL_HUB_API_TOKEN": "t", "FLYWHEEL_HUB_LOAD_TEST": "1", "FLYWHEEL_HUB_URL": "http://:80",
      "FLYWHEEL_BEHIND_TLS_PROXY": "1"}, "for a hub on 127.0.0.1"),
])
def test_the_hub_refuses_to_start_unsafely(monkeypatch, tmp_path, env, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        hub_config(monkeypatch, tmp_path, **env)


def test_tls_and_a_tls_proxy_open_the_hub_beyond_loopback(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, FLYWHEEL_SSL_CERT="/etc/hub.crt", FLYWHEEL_SSL_KEY="/etc/hub.key")
    assert c.JupyterHub.bind_url == "https://:443" and c.JupyterHub.ssl_key == "/etc/hub.key"
    c = hub_config(monkeypatch, tmp_path, FLYWHEEL_SSL_CERT="", FLYWHEEL_SSL_KEY="",
                   FLYWHEEL_HUB_URL="http://10.0.0.5:8000", FLYWHEEL_BEHIND_TLS_PROXY="1")
    assert c.JupyterHub.bind_url == "http://10.0.0.5:8000"


def test_the_demo_login_is_loopback_only_and_has_no_admin(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, FLYWHEEL_LOGIN="demo", FLYWHEEL_HUB_PASSWORD="shared-pw")
    assert c.JupyterHub.authenticator_class == "shared-password" and c.Authenticator.admin_users == set()
    assert c.SharedPasswordAuthenticator.user_password == "shared-pw"
    assert "admin_password" not in c.SharedPasswordAuthenticator      # nobody is admin
    assert "DummyAuthenticator" not in c                                 # no deprecated setting
    assert c.JupyterHub.bind_url.startswith("http://127.0.0.1:")
    with pytest.raises(ValueError, match="8 characters"):
        hub_config(monkeypatch, tmp_path, FLYWHEEL_LOGIN="demo", FLYWHEEL_HUB_PASSWORD="short")


def test_lti13_and_oidc_routes_configure_their_authenticators(monkeypatch, tmp_path):
    lti = hub_config(monkeypatch, tmp_path, FLYWHEEL_LOGIN="lti13", FLYWHEEL_LTI_ISSUER="https://lms.example.org",
                     FLYWHEEL_LTI_CLIENT_ID="125900000000000001",
                     FLYWHEEL_LTI_AUTHORIZE_URL="https://lms.example.org/api/lti/authorize_redirect",
                     FLYWHEEL_LTI_JWKS_URL="https://lms.example.org/api/lti/security/jwks")
    roster = tmp_path / "roster.txt"
    roster.write_text("alice\nbob\nteacher\n")
    oidc = hub_config(monkeypatch, tmp_path, FLYWHEEL_LOGIN="oidc", FLYWHEEL_OIDC_CLIENT_ID="flywheel",
                      FLYWHEEL_OIDC_CLIENT_SECRET="s3cret", FLYWHEEL_ROSTER=str(roster),
                      **{f"FLYWHEEL_OIDC_{k}_URL": f"https://idp.example.org/{k.lower()}"
                         for k in ("AUTHORIZE", "TOKEN", "USERDATA")},
                      FLYWHEEL_OIDC_CALLBACK_URL="https://hub.example.org/hub/oauth_callback")
    assert oidc.GenericOAuthenticator.allowed_users == {"alice", "bob"}
    assert "FLYWHEEL_OIDC_CLIENT_SECRET" not in os.environ
    for c, module, name in [(lti, "ltiauthenticator.lti13.auth", "LTI13Authenticator"),
                            (oidc, "oauthenticator.generic", "GenericOAuthenticator")]:
        assert c.Authenticator.admin_users == {"teacher"}
        authenticator = getattr(pytest.importorskip(module), name)(config=c)
        assert authenticator.admin_users == {"teacher"}
    assert authenticator.client_secret == "s3cret" and authenticator.username_claim == "preferred_username"


def test_the_class_admin_token_has_least_privilege(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, FLYWHEEL_HUB_API_TOKEN="t0k")
    role = next(r for r in c.JupyterHub.load_roles if r["name"] == "class-admin")
    assert sorted(role["scopes"]) == ["list:users", "read:servers", "servers"]
    c = hub_config(monkeypatch, tmp_path, FLYWHEEL_HUB_API_TOKEN="t0k", FLYWHEEL_HUB_LOAD_TEST="1")
    role = next(r for r in c.JupyterHub.load_roles if r["name"] == "class-admin")
    assert {"admin:users", "access:servers"} <= set(role["scopes"])  # 127.0.0.1 only (refused otherwise)


def test_state_is_owner_only(monkeypatch, tmp_path):
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    (state / "jupyterhub.sqlite").write_text("")
    (state / "jupyterhub.sqlite").chmod(0o644)
    old = os.umask(0o022)
    try:
        hub_config(monkeypatch, tmp_path)
        assert os.umask(0o022) == 0o077, "files the hub writes are owner-only"
    finally:
        os.umask(old)
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE((state / "jupyterhub.sqlite").stat().st_mode) == 0o600


def test_systemd_gives_each_student_a_home_no_other_student_can_read(monkeypatch, tmp_path):
    """Structural (no systemd here): the unit properties SystemdSpawner would start each student with."""
    c = hub_config(monkeypatch, tmp_path)
    systemdspawner = pytest.importorskip("systemdspawner.systemdspawner")
    started = {}

    async def no(*args, **kwargs):
        return False

    async def start(unit, **kwargs):
        started[unit] = kwargs

    monkeypatch.setattr(systemdspawner.systemd, "service_running", no)
    monkeypatch.setattr(systemdspawner.systemd, "service_failed", no)
    monkeypatch.setattr(systemdspawner.systemd, "start_transient_service", start)
    async def up(self):
        return None  # poll(): the server is running

    monkeypatch.setattr(systemdspawner.SystemdSpawner, "poll", up)
    import asyncio
    for i, name in enumerate(["alice", "bob"]):
        spawner = systemdspawner.SystemdSpawner(config=c, user=SimpleNamespace(name=name, id=i, url=f"/user/{name}/"))
        spawner.get_env = lambda: {}
        asyncio.run(spawner.start())
    alice, bob = started.values()
    for name, unit in zip(["alice", "bob"], [alice, bob]):
        props = unit["properties"]
        # DynamicUser: a fresh uid per student, home /var/lib/private/NAME behind a root-only
        # folder, the rest of the disk read-only, no privilege gain (systemd.exec(5))
        assert props["DynamicUser"] == "yes" and props["StateDirectory"] == name
        assert props["UMask"] == "0077" and props["NoNewPrivileges"] == "yes" and props["PrivateTmp"] == "yes"
        assert unit["working_dir"] == f"/var/lib/{name}" and unit["uid"] is None


def test_seeding_copies_the_series_once_and_never_overwrites(tmp_path):
    copied = start_singleuser.seed(tmp_path)
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(n for n in copied if n.endswith(".ipynb")) == notebooks
    mine = tmp_path / "flywheel-lab" / notebooks[0]
    mine.write_text("my work")
    assert start_singleuser.seed(tmp_path) == []
    assert mine.read_text() == "my work"


def test_a_notebook_a_student_deleted_stays_deleted_until_they_ask_again(tmp_path):
    start_singleuser.seed(tmp_path)
    folder = tmp_path / "flywheel-lab"
    gone = sorted(folder.glob("*.ipynb"))[1]
    gone.unlink()
    assert start_singleuser.seed(tmp_path) == [] and not gone.exists()
    ledger = folder / ".seeded"
    ledger.write_text("".join(line + "\n" for line in ledger.read_text().split() if line != gone.name))
    assert start_singleuser.seed(tmp_path) == [gone.name] and gone.exists()


def test_a_home_seeded_before_the_ledger_is_completed_once_and_never_overwritten(tmp_path):
    """Without a ledger nothing tells a deleted notebook from a new one: it is copied, once."""
    folder = tmp_path / "flywheel-lab"
    folder.mkdir()
    (folder / "00_start_here.ipynb").write_text("my work")
    copied = start_singleuser.seed(tmp_path)
    assert "00_start_here.ipynb" not in copied and "01_information_in_bits.ipynb" in copied
    (folder / "01_information_in_bits.ipynb").unlink()
    assert start_singleuser.seed(tmp_path) == []
    assert (folder / "00_start_here.ipynb").read_text() == "my work"


# -- Zero to JupyterHub values -------------------------------------------------------------

CHART_TOP_LEVEL = {"enabled", "fullnameOverride", "nameOverride", "custom", "imagePullSecret",
                   "imagePullSecrets", "hub", "proxy", "singleuser", "scheduling", "ingress",
                   "httpRoute", "prePuller", "cull", "debug", "rbac", "global", "cull"}
QUANTITY = re.compile(r"^[0-9]+(\.[0-9]+)?[KMGT]?$")  # what KubeSpawner's ByteSpecification reads


def test_values_use_only_chart_sections_with_the_right_types():
    v = values()
    assert set(v) <= CHART_TOP_LEVEL
    single = v["singleuser"]
    assert isinstance(single["image"]["name"], str) and isinstance(single["image"]["tag"], str)
    assert QUANTITY.match(single["memory"]["limit"]) and QUANTITY.match(single["memory"]["guarantee"])
    assert all(isinstance(single["cpu"][k], (int, float)) for k in ("limit", "guarantee"))
    assert all(isinstance(val, str) for val in single["extraEnv"].values()), "env values must be strings"
    for name, extra in single["extraFiles"].items():
        assert re.fullmatch(r"[a-z0-9-]+", name)
        assert extra["mountPath"].startswith("/") and set(extra) <= {"mountPath", "data", "stringData",
                                                                      "binaryData", "mode"}
    assert isinstance(v["cull"]["enabled"], bool) and isinstance(v["cull"]["timeout"], int)
    assert v["prePuller"]["hook"]["enabled"] and v["prePuller"]["continuous"]["enabled"]
    assert v["hub"]["config"]["JupyterHub"]["authenticator_class"]
    secret = v["hub"]["extraEnv"]["FLYWHEEL_TEACHER_PASSWORD"]["valueFrom"]["secretKeyRef"]
    assert set(secret) == {"name", "key"}
    assert v["proxy"]["https"]["enabled"] is True and v["proxy"]["https"]["hosts"]


def test_values_match_the_single_server_hub(monkeypatch, tmp_path):
    from jupyterhub.traitlets import ByteSpecification
    c = hub_config(monkeypatch, tmp_path)
    single = values()["singleuser"]
    def to_bytes(spec):
        return ByteSpecification().validate(None, spec)
    assert to_bytes(single["memory"]["limit"]) == to_bytes(c.Spawner.mem_limit)
    assert to_bytes(single["memory"]["guarantee"]) < to_bytes(single["memory"]["limit"])
    assert single["cpu"]["limit"] == c.Spawner.cpu_limit
    assert single["defaultUrl"] == c.Spawner.default_url
    config_file = single["extraFiles"]["flywheel-server-config"]
    assert config_file["data"] == SERVER_CONFIG, "keep it equal to deploy/jupyterhub/jupyter_server_config.json"
    assert Path(config_file["mountPath"]).parent == Path(single["extraEnv"]["JUPYTER_CONFIG_PATH"])
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        assert single["extraEnv"][name] == c.Spawner.environment[name]
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert f"--timeout={values()['cull']['timeout']}" in culler["command"]


def test_values_share_the_single_servers_login_and_roles(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, FLYWHEEL_TEACHER_PASSWORD=TEACHER_SECRET)
    hub = values()["hub"]
    assert hub["config"]["JupyterHub"]["authenticator_class"] == c.JupyterHub.authenticator_class
    assert "dummy" not in yaml.safe_dump(hub["config"]).lower()
    assert set(hub["config"]["Authenticator"]["admin_users"]) == c.Authenticator.admin_users
    assert hub["config"]["ClassAuthenticator"]["teacher"] == c.ClassAuthenticator.teacher
    module = Path(hub["extraFiles"]["flywheel-login"]["mountPath"])
    assert module.name == "flywheel_login.py" and (DEPLOY / "jupyterhub" / module.name).exists()
    assert f'sys.path.insert(0, "{module.parent}")' in hub["extraConfig"]["flywheel-login"]
    assert "--set-file hub.extraFiles.flywheel-login.stringData=deploy/jupyterhub/flywheel_login.py" in \
        (DEPLOY / "kubernetes" / "values.yaml").read_text()


def test_values_start_the_seeding_script_from_the_image():
    single = values()["singleuser"]
    script = Path(single["cmd"][-1])
    assert script.parts[:3] == ("/", "srv", "flywheel-lab"), "repo2docker --target-repo-dir /srv/flywheel-lab"
    assert (ROOT / script.relative_to("/srv/flywheel-lab")).exists()
    assert single["defaultUrl"].startswith(f"/lab/tree/{start_singleuser.TARGET}/")


def test_the_proxy_is_pinned_for_npm_ci():
    package = json.loads((DEPLOY / "proxy" / "package.json").read_text())
    lock = json.loads((DEPLOY / "proxy" / "package-lock.json").read_text())
    version = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == version


def test_every_environment_variable_the_hub_reads_is_documented():
    """The table at the top of jupyterhub_config.py lists every FLYWHEEL_* variable the hub, its
    login and the servers' start script read (a prefix row like ``FLYWHEEL_LTI_ISSUER, _CLIENT_ID``
    counts for ``FLYWHEEL_LTI_CLIENT_ID``)."""
    import re
    folder = DEPLOY / "jupyterhub"
    config = (folder / "jupyterhub_config.py").read_text()
    doc = config.split('"""')[1]
    read = set()
    for path in folder.glob("*.py"):
        read |= set(re.findall(r"""["'](FLYWHEEL_[A-Z0-9_]+)["']""", path.read_text()))
    assert {"FLYWHEEL_HUB_API_URL", "FLYWHEEL_PROXY_API_URL", "FLYWHEEL_TEACHER", "FLYWHEEL_SERIES"} <= read
    def listed(name):
        suffix = "_".join(name.split("_")[2:])       # FLYWHEEL_LTI_CLIENT_ID → CLIENT_ID
        return name in doc or re.search(rf"(?<![A-Z0-9])_{suffix}\b", doc)
    missing = [name for name in sorted(read) if not listed(name)]
    assert not missing, f"not documented at the top of jupyterhub_config.py: {missing}"
