"""Speed of the collection Monte Carlo and of the notebook 07/03 widgets.

    .venv/bin/python benchmarks/bench_collection.py

Prints a markdown table. Targets (issue 4): 100 000 trajectories x 300 days in at most
0.25 s, at least 15x faster than a plain-Python loop measured in the same run (the loop
runs on fewer trajectories and is scaled per trajectory); every widget update at most
100 ms. Times are the best of several runs, on whatever else the machine is doing.
"""

import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_time, widget_update_times  # noqa: E402

from flywheel_lab import collection  # noqa: E402
from flywheel_lab.widgets import collection as collection_widgets  # noqa: E402

TRIALS, DAYS = 100_000, 300
REFERENCE_TRIALS = 3_000


def reference_loop(freqs, days, trials, seed=0):
    """Plain Python: one trajectory at a time, one day at a time (what we avoid)."""
    rnd = random.Random(seed)
    categories = range(len(freqs))
    coverage = []
    for _ in range(trials):
        seen, path = set(), []
        for _ in range(days):
            seen.add(rnd.choices(categories, weights=freqs)[0])
            path.append(len(seen))
        coverage.append(path)
    return coverage


def monte_carlo_rows(label, freqs):
    """Vectorised vs reference timing for one frequency table."""
    fast = best_time(lambda: collection.simulate_coverage(freqs, DAYS, TRIALS, seed=1), 3, warmup=False)
    slow = best_time(lambda: reference_loop(list(freqs), DAYS, REFERENCE_TRIALS), 1, warmup=False)
    slow_full = slow * TRIALS / REFERENCE_TRIALS
    return (f"| {label} | {fast:.3f} s | {slow_full:.1f} s (scaled from {REFERENCE_TRIALS:,}) "
            f"| {slow_full / fast:.0f}x | {'yes' if fast <= 0.25 else 'no'} |")


def widget_rows():
    """Median and slowest full update (compute, draw, PNG) over each widget's control sweep."""
    rows = []
    for name in collection_widgets.__all__:
        times = widget_update_times(getattr(collection_widgets, name))
        median, worst = statistics.median(times), max(times)
        rows.append(f"| widget `{name}` | {1000 * median:.0f} ms | {1000 * worst:.0f} ms | "
                    f"{'yes' if median <= 0.1 else 'no'} |")
    return rows


def main():
    print(f"Monte Carlo, {TRIALS:,} trajectories x {DAYS} days\n")
    print("| frequencies | vectorised | plain Python loop | speed-up | <= 0.25 s |")
    print("|---|---|---|---|---|")
    print(monte_carlo_rows("16 equal (the chapter)", collection.frequencies(16)))
    print(monte_carlo_rows("64, Zipf exponent 1", collection.zipf_frequencies(64, 1.0)))
    print("\nWidget updates (every control at min, max and middle; fastest of 3 sweeps each)\n")
    print("| widget | median update | slowest update | median <= 100 ms |")
    print("|---|---|---|---|")
    for row in widget_rows():
        print(row)


if __name__ == "__main__":
    main()
