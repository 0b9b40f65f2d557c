"""The offline static site builds without warnings and contains every notebook."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_site_builds_with_every_notebook(tmp_path):
    result = subprocess.run(
        [sys.executable, "-W", "error", str(ROOT / "tools" / "build_site.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, env={"PYTHONWARNINGS": "error", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr.upper(), result.stderr
    index = (tmp_path / "index.html").read_text()
    for nb in NOTEBOOKS:
        page = tmp_path / f"{nb.stem}.html"
        assert page.exists(), f"{nb.name} missing from the site"
        assert f'href="{nb.stem}.html"' in index
        text = page.read_text()
        assert text.count("<details><summary>Solution") >= 3, f"{nb.stem}: solutions not folded"
        assert "Traceback" not in text
