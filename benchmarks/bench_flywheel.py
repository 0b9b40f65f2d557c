"""Speed of the cost funnel and the flywheel (issue 6, part B): notebooks 09–10 and their widgets.

    .venv/bin/python benchmarks/bench_flywheel.py

Targets: each notebook runs within ~3× its import floor (kernel start + the
`imports` cells alone); a widget redraw is reported against the 100 ms mark
(slower controls use continuous_update=False). Prints a markdown table.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import NOTEBOOKS, ROOT, bench_notebook, widget_update_times  # noqa: E402

NOTEBOOK_NAMES = ("09_cheaper_information.ipynb", "10_the_flywheel.ipynb")


def main():
    sys.path.insert(0, str(ROOT))
    rows = ["| what | measured | target |", "|---|---|---|"]
    for name in NOTEBOOK_NAMES:
        floor, total = bench_notebook(NOTEBOOKS / name, repeats=1)
        rows.append(f"| {name}: import floor / full run | {floor:.1f} s / {total:.1f} s "
                    f"(**{total / floor:.1f}×**) | ≤ 3× |")
    from flywheel_lab import flywheel, funnel
    from flywheel_lab.widgets.flywheel import flywheel_explorer
    from flywheel_lab.widgets.funnel import funnel_explorer
    funnel.world()
    stream = funnel.make_stream()
    start = time.perf_counter()
    funnel.compare(stream)
    rows.append(f"| funnel.compare (8 configurations, 1 000 images) | {time.perf_counter() - start:.2f} s | – |")
    start = time.perf_counter()
    flywheel.simulate("kcenter")
    rows.append(f"| flywheel.simulate (12 weeks, 3 customers) | {time.perf_counter() - start:.2f} s | – |")
    for builder in (funnel_explorer, flywheel_explorer):
        times = widget_update_times(builder)
        med, worst = statistics.median(times), max(times)
        rows.append(f"| {builder.__name__} redraw (median / worst) | {1000 * med:.0f} ms / {1000 * worst:.0f} ms "
                    f"| ≤ 100 ms, else continuous=False |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
