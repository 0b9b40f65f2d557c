"""The conda/Binder environment pins the same versions as the pip route (requirements.lock)."""

import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import lock  # noqa: E402  (tools/lock.py)

CONDA_NAMES = {"torch": "pytorch"}  # pip name -> conda-forge name, where they differ


def pip_pins():
    """``{name: locked version}`` of every package pyproject.toml asks for (any extra)."""
    locked = lock.read_lock()
    names = {lock.split(spec)[0] for spec in lock.requirements()}
    missing = names - set(locked)
    assert not missing, f"{sorted(missing)} missing from requirements.lock: run `make lock`"
    return {name: locked[name] for name in names}


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def conda_pins():
    pins = {}
    for dep in environment()["dependencies"]:
        if isinstance(dep, str):
            m = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(?:={1,2}\s*([^=\s]+))?(?:=(\S+))?", dep)
            assert m, f"cannot read dependency {dep!r} in environment.yml"
            pins[m.group(1).lower()] = m.group(2)
    return pins


def test_every_pip_pin_is_in_environment_yml_with_the_same_version():
    conda = conda_pins()
    for name, version in pip_pins().items():
        conda_name = CONDA_NAMES.get(name, name)
        assert conda_name in conda, f"{name} is in pyproject.toml but missing from environment.yml"
        assert conda[conda_name] == version, (
            f"{name}: requirements.lock pins {version}, environment.yml has {conda[conda_name]}")


def test_environment_yml_has_no_unpinned_extras():
    pip = {CONDA_NAMES.get(n, n) for n in pip_pins()}
    extra = set(conda_pins()) - pip - {"python", "pip"}
    assert not extra, f"environment.yml lists packages pyproject.toml does not ask for: {sorted(extra)}"


def test_environment_yml_is_valid_for_repo2docker():
    env = environment()
    assert set(env) == {"name", "channels", "dependencies"}
    assert env["channels"][0] == "conda-forge"
    deps = env["dependencies"]
    assert all(isinstance(d, (str, dict)) for d in deps)
    assert any(d.startswith("python=3.11") for d in deps if isinstance(d, str))
    assert "pip" in deps, "a pip section needs pip itself listed as a conda dependency"
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict)]
    assert pip_sections == [["-e ."]], "the pip section installs the package itself, nothing else"


def test_torch_is_the_cpu_build_everywhere():
    assert pip_pins()["torch"] == "2.13.0"
    assert "pytorch==2.13.0=cpu*" in environment()["dependencies"]


@pytest.mark.parametrize("name", ["numpy", "torch", "jupyterlab", "nbval", "pytest-xdist"])
def test_pins_include(name):
    assert name in pip_pins()
