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


def test_seeding_copies_the_series_once_and_never_overwrites(tmp_path):
    copied = start_singleuser.seed(tmp_path)
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(n for n in copied if n.endswith(".ipynb")) == notebooks
    mine = tmp_path / "flywheel-lab" / notebooks[0]
    mine.write_text("my work")
    assert start_singleuser.seed(tmp_path) == []
    assert mine.read_text() == "my work"


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
