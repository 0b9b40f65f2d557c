"""Speed of notebook 02's and 04's computations and of the accuracy widget's updates.

    .venv/bin/python benchmarks/bench_accuracy.py

Prints a markdown table. Widget updates are timed twice: the compute-and-draw step
(``render``) and the whole update (``render`` plus PNG encoding, what a user waits for).
Target: a widget update within 100 ms.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_time, sweep_settings  # noqa: E402

from flywheel_lab import accuracy  # noqa: E402
from flywheel_lab.widgets import accuracy as accuracy_widgets  # noqa: E402
from flywheel_lab.widgets import figure_png  # noqa: E402


def widget_times(builder):
    """Median and worst (render, full update) seconds over every control's min, max and middle."""
    widget = builder()
    render, full = [], []
    for control, value in sweep_settings(widget):
        control.value = value
        values = widget.values()
        start = time.perf_counter()
        fig = widget.render(**values)
        mid = time.perf_counter()
        figure_png(fig, widget.dpi)
        render.append(mid - start)
        full.append(time.perf_counter() - start)
    return render, full


def main():
    rows = []
    render, full = widget_times(accuracy_widgets.measured_vs_balanced)
    rows.append(("widget measured_vs_balanced: compute + draw", statistics.median(render), max(render)))
    rows.append(("widget measured_vs_balanced: full update (with PNG)", statistics.median(full), max(full)))
    rows.append(("chapter numbers (89.2 % / 50 % / 90.1 %)", median_time(lambda: (
        accuracy.measured_accuracy([990, 10], [0.9, 0.1]), accuracy.balanced_accuracy([0.9, 0.1]),
        accuracy.measured_accuracy([990, 10], [0.9, 1.0])), repeat=50), None))
    rows.append(("notebook 02: example-value experiment (6 seeds)",
                 median_time(accuracy.example_value_experiment, repeat=3), None))
    mix_a, mix_b = accuracy.skewed_mix(range(5)), accuracy.skewed_mix(range(5, 10))
    rows.append(("notebook 04: two customers (3 seeds × 4 sizes)",
                 median_time(lambda: accuracy.two_customers(mix_a, mix_b), repeat=3), None))
    print("| measurement | median (ms) | worst (ms) |")
    print("|---|---:|---:|")
    for name, median, worst in rows:
        print(f"| {name} | {median * 1000:.1f} | {'' if worst is None else f'{worst * 1000:.1f}'} |")


if __name__ == "__main__":
    main()
