"""The package, tests, tools, benchmarks and every notebook's code cells pass ruff with the
project's settings (pyproject.toml, [tool.ruff]): unused imports, undefined names, import order."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise",
                             "flywheel_lab", "tests", "tools", "benchmarks", *notebooks],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
