"""Loaders for the small files in ``data/``, checked against their recorded checksums.

Every file in ``data/`` has a line in ``data/SHA256SUMS`` (``<hex digest>  <name>``)
and a paragraph in ``data/README.md`` saying where it comes from. Nothing is ever
downloaded: real photographs come from inside the installed scikit-learn package.
"""

import csv
import hashlib
import importlib.util
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHECKSUMS = DATA_DIR / "SHA256SUMS"
SAMPLE_PHOTOS = ("china.jpg", "flower.jpg")


def sha256(path):
    """Hex SHA-256 digest of a file."""
    if not isinstance(path, (str, Path)) or not Path(path).is_file():
        raise ValueError(f"path must name an existing file, got {path!r}")
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
    if not isinstance(name, str) or name not in table:
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


def cat_questions():
    """The chapter's yes/no questions about a cat, answered for a few animals (``cat_questions.csv``).

    Returns a dict: ``animals`` (names), ``is_cat`` (bool array), ``questions`` (the
    column names) and ``answers`` (an int array, one row per animal, 1 = yes).
    Read with the csv module, so no pandas import is needed.
    """
    lines = [line for line in verified_path("cat_questions.csv").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    header, *rows = list(csv.reader(lines))
    return {"animals": [r[0] for r in rows],
            "is_cat": np.array([r[1] == "1" for r in rows]),
            "questions": header[2:],
            "answers": np.array([[int(v) for v in r[2:]] for r in rows], dtype=np.int64)}


def _sklearn_folder(*parts):
    """A folder inside the installed scikit-learn package, found without importing it."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None:
        raise ValueError("scikit-learn is not installed; run `make lab` to set up the environment")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def sample_text():
    """English reference text for measuring how well text compresses (``reference_text.txt``).

    scikit-learn's descriptions of its bundled data sets (what each holds, where it comes
    from), joined in file-name order: 43 kB of encyclopedia-like prose. Shipped in ``data/``
    rather than read from the installed scikit-learn, whose pages change between versions
    (and with them the measured ratio). Nothing is downloaded.
    """
    return verified_path("reference_text.txt").read_text(encoding="utf-8")


def read_json(name):
    """Read a checksum-verified JSON file from ``data/`` (e.g. a benchmark's saved results)."""
    import json
    return json.loads(verified_path(name).read_text())


def sample_photo(name="china.jpg"):
    """A real colour photograph shipped inside scikit-learn, as a (height, width, 3) uint8 array.

    Reads the JPEG file directly (Pillow), without importing scikit-learn itself.
    """
    if not isinstance(name, str) or name not in SAMPLE_PHOTOS:
        raise ValueError(f"photo must be one of {SAMPLE_PHOTOS}, got {name!r}")
    from PIL import Image
    with Image.open(_sklearn_folder("datasets", "images") / name) as img:
        return np.asarray(img.convert("RGB"))
