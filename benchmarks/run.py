"""Speed of the series, measured (not asserted): notebooks against their import floor, widgets per update.

    .venv/bin/python benchmarks/run.py                 # everything
    .venv/bin/python benchmarks/run.py --notebooks 01  # notebooks whose name starts with 01
    .venv/bin/python benchmarks/run.py --widgets-only

For each notebook: the wall time of a full run in a fresh kernel, and of a run of only its
cells tagged ``imports`` (kernel start + imports: the *floor*). ``compute / floor`` is
``(full - floor) / floor``; the target is at most 1.0 (3.0 for notebooks 08–10).
For each widget: the median time of one update (compute + redraw to PNG) over a sweep of
its controls, headless; the target is 100 ms (1 s for widgets that retrain a network).
Prints markdown tables for the README.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def run_cells(nb, path, keep=lambda cell: True):
    """Execute the kept code cells of ``nb`` in a fresh kernel; return seconds (kernel start included)."""
    nb = nbformat.from_dict(nb)
    nb.cells = [c for c in nb.cells if c.cell_type == "code" and keep(c)]
    client = NotebookClient(nb, timeout=1800, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def bench_notebook(path, repeats=2):
    """``(floor, full)`` seconds for one notebook, each the best of ``repeats`` runs."""
    nb = nbformat.read(path, as_version=4)
    is_import = lambda c: "imports" in c.metadata.get("tags", [])  # noqa: E731
    floor = min(run_cells(nb, path, is_import) for _ in range(repeats))
    full = min(run_cells(nb, path) for _ in range(repeats))
    return floor, full


def bench_widget(builder):
    """Median seconds of one update of a widget over a sweep of all its controls."""
    from flywheel_lab.widgets import sweep_values
    live = builder()
    times = []
    for control in live.controls.values():
        for value in sweep_values(control):
            if value == control.value:
                continue
            start = time.perf_counter()
            control.value = value
            times.append(time.perf_counter() - start)
    return statistics.median(times) if times else float("nan"), len(times)


def notebook_table(prefix):
    rows = ["| notebook | floor (s) | full run (s) | compute / floor |", "|---|---:|---:|---:|"]
    for path in sorted(NOTEBOOKS.glob(f"{prefix}*.ipynb")):
        floor, full = bench_notebook(path)
        rows.append(f"| {path.stem} | {floor:.1f} | {full:.1f} | {(full - floor) / floor:.2f}× |")
        print(rows[-1], file=sys.stderr, flush=True)
    return "\n".join(rows)


def widget_table():
    from flywheel_lab.widgets import builders
    rows = ["| widget | updates timed | median update (ms) |", "|---|---:|---:|"]
    for name, builder in sorted(builders().items()):
        median, n = bench_widget(builder)
        rows.append(f"| {name} | {n} | {median * 1000:.0f} |")
    return "\n".join(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", default="", help="only notebooks whose name starts with this")
    parser.add_argument("--widgets-only", action="store_true")
    parser.add_argument("--notebooks-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.notebooks_only:
        print(widget_table(), "\n", flush=True)
    if not args.widgets_only:
        print(notebook_table(args.notebooks), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
