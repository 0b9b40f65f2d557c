"""Start a student's single-user server: seed the home folder with the series, then exec the server.

The hub runs this as the student, in the student's home folder (the spawner's working
directory)::

    python start_singleuser.py [jupyterhub-singleuser arguments ...]

On the first start it copies ``notebooks/*.ipynb`` and the teacher guide into
``./flywheel-lab/`` and lists what it gave in ``flywheel-lab/.seeded``; later starts copy only
files that are new in the repository (not in that list) and never overwrite a file the student
already has (their work is theirs). A notebook the student deleted stays deleted; to get a fresh
copy of one, remove its line from ``.seeded`` (or rename one's own copy and remove the line):
the next start copies it again. Then it replaces itself with ``python -m jupyterhub.singleuser``,
so the hub sees the server's own process.

``FLYWHEEL_SERIES`` names another notebooks folder (default: the repository's).
"""

import os
import shutil
import sys
from pathlib import Path

SERIES = Path(os.environ.get("FLYWHEEL_SERIES",
                             Path(__file__).resolve().parents[2] / "notebooks"))
TARGET = "flywheel-lab"
SEEDED = ".seeded"   # the names already given to this student, one a line


def seed(home, series=SERIES):
    """Copy into ``home/flywheel-lab`` what it was never given, overwriting nothing; return the names copied."""
    target = Path(home) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    ledger = target / SEEDED
    given = set(ledger.read_text().split()) if ledger.exists() else {p.name for p in target.iterdir()}
    copied = []
    for source in sorted(series.glob("*.ipynb")) + sorted(series.glob("README.md")):
        destination = target / source.name
        if source.name not in given and not destination.exists():
            shutil.copyfile(source, destination)
            copied.append(source.name)
    ledger.write_text("".join(f"{name}\n" for name in sorted(given | set(copied))))
    return copied


def main(argv):
    """Seed the current folder (the home), then become the single-user server with ``argv``."""
    seed(Path.cwd())
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub.singleuser", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
