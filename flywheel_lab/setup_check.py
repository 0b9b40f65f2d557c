"""Is every package the series needs installed in a version it was tested with? (notebook 00)

flywheel_lab declares compatible ranges (``numpy>=2.0.0``): the oldest version of each was
tested by CI's lower-bound job, the newest by its main job (requirements.lock). Only what a
student's notebooks run on is listed: the package's own dependencies and its ``lab`` extra
(JupyterLab, the kernel, Voilà, nbgrader) where installed; the maintainers' tools (test, site,
hub extras) are not, so the report reads the same on every route.
"""

import platform
from importlib import metadata

from packaging.requirements import Requirement


def requirements():
    """``{package: Requirement}`` for the dependencies a student's notebooks run on, as installed here."""
    reqs = {}
    for text in metadata.requires("flywheel_lab") or ():
        req = Requirement(text)
        base = req.marker is None or req.marker.evaluate({"extra": ""})
        lab = req.marker is not None and req.marker.evaluate({"extra": "lab"})
        if base or (lab and installed_version(req.name) is not None):
            reqs[req.name] = req
    return reqs


def pinned_versions():
    """``{package: version range}`` of every dependency that applies here (e.g. ``>=2.0.0``)."""
    return {name: str(req.specifier) for name, req in requirements().items()}


def installed_version(name):
    """The installed version of ``name`` without any local tag (``2.13.0+cpu`` -> ``2.13.0``)."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a package name such as 'numpy', got {name!r}")
    try:
        return metadata.version(name).split("+")[0]
    except metadata.PackageNotFoundError:
        return None


def _in_range(name, req):
    """True if ``name`` is installed in a version ``req`` allows."""
    have = installed_version(name)
    return have is not None and req.specifier.contains(have, prereleases=True)


def report():
    """One line per dependency: name, installed version, and whether it is in range."""
    major, minor, _ = platform.python_version_tuple()
    lines = [f"python {major}.{minor}"]
    reqs = sorted(requirements().items())
    width = max(len(name) for name, _ in reqs)
    for name, req in reqs:
        have = installed_version(name)
        mark = "ok" if _in_range(name, req) else f"MISMATCH: needs {req.specifier} (run `make lab` again)"
        lines.append(f"{name:<{width}}  {have or 'missing':<10} {mark}")
    return "\n".join(lines)


def all_pins_met():
    """True if every dependency that applies here is installed in a version it allows."""
    return all(_in_range(name, req) for name, req in requirements().items())
