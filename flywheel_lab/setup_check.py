"""Is this the environment the series was tested with? (used by notebook 00)"""

import platform
import re
from importlib import metadata


def pinned_versions():
    """``{package: pinned version}`` for every dependency flywheel_lab declares."""
    pins = {}
    for req in metadata.requires("flywheel_lab") or ():
        m = re.match(r"([A-Za-z0-9_.-]+)==([^\s;]+)", req)
        if m:
            pins[m.group(1)] = m.group(2)
    return pins


def installed_version(name):
    """The installed version of ``name`` without any local tag (``2.13.0+cpu`` -> ``2.13.0``)."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a package name such as 'numpy', got {name!r}")
    try:
        return metadata.version(name).split("+")[0]
    except metadata.PackageNotFoundError:
        return None


def report():
    """One line per dependency: name, installed version, and whether it matches the pin."""
    lines = [f"python {platform.python_version_tuple()[0]}.{platform.python_version_tuple()[1]}"]
    for name, pin in sorted(pinned_versions().items()):
        have = installed_version(name)
        mark = "ok" if have == pin else f"MISMATCH: expected {pin} (run `make lab` again)"
        lines.append(f"{name:<14} {have or 'missing':<10} {mark}")
    return "\n".join(lines)


def all_pins_met():
    """True if every pinned dependency is installed at its pinned version."""
    return all(installed_version(n) == v for n, v in pinned_versions().items())
