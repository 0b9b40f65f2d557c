"""pyproject.toml declares ranges, requirements.lock the exact versions: the two agree, and
installing the package into an environment that already satisfies it changes nothing."""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import lock  # noqa: E402  (tools/lock.py)

from flywheel_lab import setup_check  # noqa: E402

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
REQUIREMENTS = [Requirement(spec) for spec in lock.requirements()]
LOCKED = lock.read_lock()


def test_python_311_and_newer_are_allowed():
    assert PROJECT["requires-python"] == ">=3.11"


@pytest.mark.parametrize("req", REQUIREMENTS, ids=str)
def test_each_dependency_is_a_range_with_a_lower_bound(req):
    operators = {s.operator for s in req.specifier}
    assert ">=" in operators, f"{req}: give the oldest tested version as a lower bound (>=)"
    assert not operators & {"==", "===", "~="}, (
        f"{req}: pyproject.toml declares compatible ranges; the exact version goes in "
        "requirements.lock (run `make lock`)")


@pytest.mark.parametrize("req", REQUIREMENTS, ids=str)
def test_each_dependency_is_locked_inside_its_range(req):
    name = canonicalize_name(req.name)
    assert name in LOCKED, f"{req.name} is in pyproject.toml but not in requirements.lock: run `make lock`"
    assert req.specifier.contains(LOCKED[name], prereleases=True), (
        f"{req.name}: requirements.lock has {LOCKED[name]}, outside {req.specifier}: run `make lock`")


def test_lock_is_sorted_exact_pins_without_duplicates():
    lines = [line for line in (ROOT / "requirements.lock").read_text().splitlines()
             if line and not line.startswith("#")]
    names = [line.partition("==")[0] for line in lines]
    assert all(re.fullmatch(r"[a-z0-9-]+==[0-9][0-9A-Za-z.]*", line) for line in lines), lines
    assert names == sorted(set(names)), "requirements.lock is not sorted or repeats a package"
    assert len(LOCKED) > len(REQUIREMENTS), "the lock holds the dependencies' dependencies too"


def test_torch_is_locked_at_the_cpu_build_on_disk():
    assert LOCKED["torch"] == lock.TORCH == "2.13.0"


def test_lower_bounds_pin_each_requirement_and_keep_torch(tmp_path):
    pins = lock.write_lower(tmp_path / "lower.txt")
    assert set(pins) == {canonicalize_name(r.name) for r in REQUIREMENTS}
    assert pins["torch"] == LOCKED["torch"]
    for req in REQUIREMENTS:
        assert req.specifier.contains(pins[canonicalize_name(req.name)]), req
    assert Version(pins["numpy"]) < Version(LOCKED["numpy"]), "the lower bounds are older than the lock"


def test_a_requirement_without_lower_bound_is_refused():
    with pytest.raises(ValueError, match="no lower bound"):
        lock.lower_bound("numpy<3")


def dry_run(target):
    """Names pip would install for ``target`` into the running environment."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "-qq", "--report", "-", target],
        capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return {canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"]
            for item in report["install"]}


def test_installing_into_a_populated_environment_changes_nothing_it_has():
    """`pip install .` where compatible versions are already installed (this environment:
    the lock in CI's first job, the lower bounds in its second) installs only the package."""
    would_install = dry_run(".[lab]")
    assert set(would_install) == {"flywheel-lab"}, (
        f"pip would replace or add {sorted(set(would_install) - {'flywheel-lab'})}")


def test_notebook_00_self_check_accepts_any_version_in_range(monkeypatch):
    assert setup_check.all_pins_met()
    assert setup_check.pinned_versions()["numpy"] == ">=2.0.0"
    monkeypatch.setattr(setup_check, "installed_version",
                        lambda name: "1.26.4" if name == "numpy" else LOCKED.get(canonicalize_name(name)))
    assert not setup_check.all_pins_met()
    line = next(line for line in setup_check.report().splitlines() if line.startswith("numpy "))
    assert line.split()[1:3] == ["1.26.4", "MISMATCH:"] and ">=2.0.0" in line
