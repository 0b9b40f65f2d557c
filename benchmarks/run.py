"""Speed of the series, measured (not asserted): notebooks against their import floor, widgets per update.

    .venv/bin/python benchmarks/run.py                 # everything
    .venv/bin/python benchmarks/run.py --notebooks 01  # notebooks whose name starts with 01
    .venv/bin/python benchmarks/run.py --widgets-only

For each notebook: the wall time of a full run in a fresh kernel, and of a run of only its
cells tagged ``imports`` (kernel start + imports: the *floor*). ``compute / floor`` is
``(full - floor) / floor``; the target is at most 1.0 (3.0 for notebooks 08–10).
For each widget: one update (compute + redraw to PNG) over a sweep of its controls, headless,
as a ratio to the *floor* measured in the same run: making a plain figure of the same size and
dpi and rendering it to PNG (floor renders interleaved with the updates). Every update is timed
on its first visit to a setting, in a fresh process (no cache hits), as a student meets it: the
sweep moves every control to its ends and middle and then to every corner of the controls
(``widgets.corners``). The sweep runs in ``--repeats`` fresh processes; the table gives the median
over the sweeps of each sweep's median and slowest ratio (no best-of: a student sees the first
visit), and the worst sweep in brackets. Targets: median ≤ 1.5 × floor and slowest ≤ 3 × floor;
median ≤ 6 × and slowest ≤ 12 × for widgets whose update retrains a model.
Prints markdown tables for the README, with the machine they were measured on.
"""

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import NOTEBOOKS, bench_notebook, machine, widget_first_visits  # noqa: E402

TARGETS = {False: (1.5, 3.0), True: (6.0, 12.0)}   # (median, slowest) × floor; True: the update retrains
RETRAINING = {"coverage.coverage_map_explorer", "flywheel.flywheel_explorer",  # their updates refit a model
              "funnel.funnel_explorer", "pixels.hole_explorer"}


def notebook_table(prefix):
    rows = ["| notebook | floor (s) | full run (s) | compute / floor |", "|---|---:|---:|---:|"]
    for path in sorted(NOTEBOOKS.glob(f"{prefix}*.ipynb")):
        floor, full = bench_notebook(path)
        rows.append(f"| {path.stem} | {floor:.1f} | {full:.1f} | {(full - floor) / floor:.2f}× |")
        print(rows[-1], file=sys.stderr, flush=True)
    return "\n".join(rows)


def widget_sweeps(prefix=""):
    """``{widget: [(update s, floor s), …]}`` for every widget (whose name starts with ``prefix``)."""
    from flywheel_lab.widgets import builders
    return {name: widget_first_visits(builder) for name, builder in sorted(builders().items())
            if name.startswith(prefix)}


def widget_table(repeats=3, prefix=""):
    """Markdown table of every widget's update time as a ratio to its floor (see the module docstring)."""
    command = [sys.executable, __file__, "--widget-sweep", "--widgets", prefix]
    runs = [json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
            for _ in range(repeats)]
    rows = [f"Machine: {machine()}; {repeats} fresh-process sweeps, every update timed on its first visit; "
            "each statistic is the median over the sweeps (the worst sweep in brackets).", "",
            "| widget | first visits per sweep | median × floor | slowest × floor | target | "
            "median update (ms) | slowest update (ms) | floor (ms) |",
            "|---|---:|---:|---:|---|---:|---:|---:|"]
    for name in runs[0]:
        sweeps = [Sweep(run[name]) for run in runs]
        med = statistics.median(s.median for s in sweeps)
        worst = statistics.median(s.slowest for s in sweeps)
        median_target, slowest_target = TARGETS[name in RETRAINING]
        met = med <= median_target and worst <= slowest_target
        target = f"≤ {median_target:g}× median, ≤ {slowest_target:g}× slowest" + (" (retrains)" if name in RETRAINING else "")
        rows.append(f"| {name} | {len(sweeps[0].ratios)} | {med:.2f}× ({max(s.median for s in sweeps):.2f}×) | "
                    f"{worst:.2f}× ({max(s.slowest for s in sweeps):.2f}×) | {target} {'✓' if met else '✗'} | "
                    f"{statistics.median(s.median_ms for s in sweeps):.0f} | "
                    f"{statistics.median(s.slowest_ms for s in sweeps):.0f} | "
                    f"{statistics.median(s.floor_ms for s in sweeps):.0f} |")
        print(rows[-1], file=sys.stderr, flush=True)
    return "\n".join(rows)


class Sweep:
    """One fresh-process sweep of a widget: each first visit's update and floor seconds, summarised."""

    def __init__(self, pairs):
        self.ratios = [t / f for t, f in pairs]
        self.median, self.slowest = statistics.median(self.ratios), max(self.ratios)
        self.median_ms = statistics.median(t for t, _ in pairs) * 1000
        self.slowest_ms = max(t for t, _ in pairs) * 1000
        self.floor_ms = statistics.median(f for _, f in pairs) * 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", default="", help="only notebooks whose name starts with this")
    parser.add_argument("--widgets-only", action="store_true")
    parser.add_argument("--notebooks-only", action="store_true")
    parser.add_argument("--repeats", type=int, default=3, help="fresh-process widget sweeps (default 3)")
    parser.add_argument("--widgets", default="", help="only widgets whose name starts with this")
    parser.add_argument("--widget-sweep", action="store_true", help=argparse.SUPPRESS)  # one sweep, as JSON
    args = parser.parse_args(argv)
    if args.widget_sweep:
        print(json.dumps(widget_sweeps(args.widgets)))
        return 0
    if not args.notebooks_only:
        print(widget_table(args.repeats, args.widgets), "\n", flush=True)
    if not args.widgets_only:
        print(notebook_table(args.notebooks), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
