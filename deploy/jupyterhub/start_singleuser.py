"""Start a student's single-user server: seed the home folder with the series, then exec the server.

The hub runs this as the student, in the student's home folder (the spawner's working
directory)::

    python start_singleuser.py [jupyterhub-singleuser arguments ...]

On the first start it copies ``notebooks/*.ipynb`` and the teacher guide into
``./flywheel-lab/``; later starts copy only notebooks that are new in the repository and
never overwrite a file the student already has (their work is theirs). Then it replaces
itself with ``python -m jupyterhub.singleuser``, so the hub sees the server's own process.

``FLYWHEEL_SERIES`` names another notebooks folder (default: the repository's).
"""

import os
import shutil
import sys
from pathlib import Path

SERIES = Path(os.environ.get("FLYWHEEL_SERIES",
                             Path(__file__).resolve().parents[2] / "notebooks"))
TARGET = "flywheel-lab"


def seed(home, series=SERIES):
    """Copy the series into ``home/flywheel-lab`` without overwriting anything; return the names copied."""
    target = Path(home) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for source in sorted(series.glob("*.ipynb")) + sorted(series.glob("README.md")):
        destination = target / source.name
        if not destination.exists():
            shutil.copyfile(source, destination)
            copied.append(source.name)
    return copied


def main(argv):
    """Seed the current folder (the home), then become the single-user server with ``argv``."""
    seed(Path.cwd())
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub.singleuser", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
