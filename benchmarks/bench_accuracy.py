"""Speed of notebook 02's and 04's computations and of the accuracy widget's updates.

    .venv/bin/python benchmarks/bench_accuracy.py

Prints a markdown table. A widget update is what a user waits for after moving a control
(compute, draw, PNG), timed over a sweep of every control (fastest of three sweeps each).
Target: a widget update within 100 ms.
"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_time, print_table, widget_update_times  # noqa: E402

from flywheel_lab import accuracy  # noqa: E402
from flywheel_lab.widgets import accuracy as accuracy_widgets  # noqa: E402


def main():
    rows = []
    updates = widget_update_times(accuracy_widgets.measured_vs_balanced)
    rows.append(("widget measured_vs_balanced: one update", statistics.median(updates), max(updates)))
    rows.append(("chapter numbers (89.2 % / 50 % / 90.1 %)", median_time(lambda: (
        accuracy.measured_accuracy([990, 10], [0.9, 0.1]), accuracy.balanced_accuracy([0.9, 0.1]),
        accuracy.measured_accuracy([990, 10], [0.9, 1.0])), repeat=50), None))
    rows.append(("notebook 02: example-value experiment (6 seeds)",
                 median_time(accuracy.example_value_experiment, repeat=3), None))
    mix_a, mix_b = accuracy.skewed_mix(range(5)), accuracy.skewed_mix(range(5, 10))
    rows.append(("notebook 04: two customers (3 seeds × 4 sizes)",
                 median_time(lambda: accuracy.two_customers(mix_a, mix_b), repeat=3), None))
    print_table(["measurement", "median (ms)", "worst (ms)"],
                [(name, f"{median * 1000:.1f}", "" if worst is None else f"{worst * 1000:.1f}")
                 for name, median, worst in rows])


if __name__ == "__main__":
    main()
