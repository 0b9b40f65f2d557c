"""Loaders for the small files in ``data/``, checked against their recorded checksums.

Every file in ``data/`` has a line in ``data/SHA256SUMS`` (``<hex digest>  <name>``)
and a paragraph in ``data/README.md`` saying where it comes from. Nothing is ever
downloaded: real photographs come from inside the installed scikit-learn package.
"""

import hashlib
import importlib.util
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHECKSUMS = DATA_DIR / "SHA256SUMS"
SAMPLE_PHOTOS = ("china.jpg", "flower.jpg")


def sha256(path):
    """Hex SHA-256 digest of a file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def recorded_checksums():
    """The ``{file name: digest}`` table from ``data/SHA256SUMS``."""
    table = {}
    for line in CHECKSUMS.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            table[name.strip()] = digest
    return table


def verified_path(name):
    """Path of ``data/<name>`` after checking its SHA-256 against ``data/SHA256SUMS``.

    Raises ValueError if the file is unknown, missing, or has been changed.
    """
    table = recorded_checksums()
    if name not in table:
        raise ValueError(f"unknown data file {name!r}; the shipped files are {sorted(table)}")
    path = DATA_DIR / name
    if not path.exists():
        raise ValueError(f"data file {path} is missing; restore it with `git checkout data/`")
    digest = sha256(path)
    if digest != table[name]:
        raise ValueError(
            f"data file {name} does not match its checksum (expected {table[name][:12]}…, "
            f"got {digest[:12]}…): it was edited; restore it with `git checkout data/{name}`")
    return path


def read_table(name):
    """Read a checksum-verified CSV file from ``data/`` into a pandas DataFrame."""
    import pandas as pd
    return pd.read_csv(verified_path(name), comment="#")


def read_json(name):
    """Read a checksum-verified JSON file from ``data/`` (e.g. a benchmark's saved results)."""
    import json
    return json.loads(verified_path(name).read_text())


def sample_photo(name="china.jpg"):
    """A real colour photograph shipped inside scikit-learn, as a (height, width, 3) uint8 array.

    Reads the JPEG file directly (Pillow), without importing scikit-learn itself.
    """
    if name not in SAMPLE_PHOTOS:
        raise ValueError(f"photo must be one of {SAMPLE_PHOTOS}, got {name!r}")
    from PIL import Image
    spec = importlib.util.find_spec("sklearn")
    if spec is None:
        raise ValueError("scikit-learn is not installed; run `make lab` to set up the environment")
    folder = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "images"
    with Image.open(folder / name) as img:
        return np.asarray(img.convert("RGB"))
