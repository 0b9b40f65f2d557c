"""Speed of the series, measured (not asserted): notebooks against their import floor, widgets per update.

    .venv/bin/python benchmarks/run.py                 # everything
    .venv/bin/python benchmarks/run.py --notebooks 01  # notebooks whose name starts with 01
    .venv/bin/python benchmarks/run.py --widgets-only

For each notebook: the wall time of a full run in a fresh kernel, and of a run of only its
cells tagged ``imports`` (kernel start + imports: the *floor*). ``compute / floor`` is
``(full - floor) / floor``; the target is at most 1.0 (3.0 for notebooks 08–10).
For each widget: the median and slowest time of one update (compute + redraw to PNG) over a
sweep of its controls, headless, each update the fastest of three sweeps; the target is 100 ms
(1 s for widgets that retrain a network).
Prints markdown tables for the README.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import NOTEBOOKS, bench_notebook, widget_update_times  # noqa: E402


def notebook_table(prefix):
    rows = ["| notebook | floor (s) | full run (s) | compute / floor |", "|---|---:|---:|---:|"]
    for path in sorted(NOTEBOOKS.glob(f"{prefix}*.ipynb")):
        floor, full = bench_notebook(path)
        rows.append(f"| {path.stem} | {floor:.1f} | {full:.1f} | {(full - floor) / floor:.2f}× |")
        print(rows[-1], file=sys.stderr, flush=True)
    return "\n".join(rows)


def widget_table():
    from flywheel_lab.widgets import builders
    rows = ["| widget | updates timed | median update (ms) | slowest update (ms) |",
            "|---|---:|---:|---:|"]
    for name, builder in sorted(builders().items()):
        times = widget_update_times(builder) or [float("nan")]
        rows.append(f"| {name} | {len(times)} | {statistics.median(times) * 1000:.0f} "
                    f"| {max(times) * 1000:.0f} |")
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
