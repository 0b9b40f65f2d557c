"""Benchmark for issue 6 (part A): labels needed by each selection strategy, and notebook 08's run time.

    .venv/bin/python benchmarks/bench_coverage.py              # 10 seeds, batches of 5
    .venv/bin/python benchmarks/bench_coverage.py --seeds 3    # quicker
    .venv/bin/python benchmarks/bench_coverage.py --notebook   # also time notebook 08 vs its import floor

Target: the best information-driven strategy reaches random selection's 300-label test
accuracy on the digits with at most 0.45 × 300 labels (aim 0.35 ×). Every strategy starts
from 20 random labels (``--initial``) and refits a single-threaded logistic regression after each batch.
Prints markdown tables.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import NOTEBOOKS, ROOT, bench_notebook  # noqa: E402

sys.path.insert(0, str(ROOT))
from flywheel_lab import coverage, digits  # noqa: E402

BUDGETS = list(range(20, 301, 10))


def selection_table(seeds, batch, initial):
    """Run every strategy over ``seeds``; print labels needed and ratio to 300 as markdown."""
    X_pool, X_test, y_pool, y_test = digits.train_test_split(0.3, seed=0)
    curves, seconds = {}, {}
    for s in coverage.STRATEGIES:
        start = time.perf_counter()
        curves[s] = coverage.compare([s], X_pool, y_pool, X_test, y_test, BUDGETS, seeds,
                                     batch=batch, initial=initial)[s]
        seconds[s] = (time.perf_counter() - start) / len(seeds)
        print(f"  {s} done ({seconds[s]:.1f} s per seed)", flush=True)
    target, ratios = coverage.label_ratios(curves, BUDGETS, at=300)
    print(f"\nDigits pool {len(X_pool)}, test {len(X_test)}; seeds {seeds[0]}–{seeds[-1]} ({len(seeds)}), "
          f"batch {batch}, {initial} random initial labels.")
    print(f"Random selection's mean test accuracy at 300 labels: **{target:.2%}**\n")
    print("| strategy | labels to match (mean curve) | ratio to 300 | per-seed ratio (min–max) | accuracy at 300 | s per seed |")
    print("|---|---:|---:|---:|---:|---:|")
    for s, runs in curves.items():
        per_seed = [coverage.labels_to_reach(BUDGETS, r, target) / 300 for r in runs]
        spread = f"{np.nanmin(per_seed):.2f}–{np.nanmax(per_seed):.2f}" if not np.all(np.isnan(per_seed)) else "never"
        print(f"| {s} | {ratios[s] * 300:.0f} | {ratios[s]:.2f} | {spread} | "
              f"{runs[:, -1].mean():.2%} | {seconds[s]:.1f} |")
    best = min((r, s) for s, r in ratios.items() if s != "random" and not np.isnan(r))
    verdict = "met" if best[0] <= 0.45 else "NOT met"
    print(f"\nBest information-driven strategy: **{best[1]}** at {best[0]:.2f} × 300 labels "
          f"(target ≤ 0.45 ×, aim 0.35 ×): {verdict}.")


def notebook_table(repeats=2):
    """Print notebook 08's run time against its import floor (best of ``repeats``)."""
    floor, full = bench_notebook(NOTEBOOKS / "08_feature_coverage_map.ipynb", repeats)
    print("\n| notebook | import floor (s) | full run (s) | ratio (target ≤ 3×) |\n|---|---:|---:|---:|")
    print(f"| 08 feature coverage map | {floor:.1f} | {full:.1f} | {full / floor:.1f}× |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="number of seeds (default 10)")
    parser.add_argument("--batch", type=int, default=coverage.DEFAULT_BATCH, help="labels per round")
    parser.add_argument("--initial", type=int, default=coverage.DEFAULT_INITIAL, help="random labels to start")
    parser.add_argument("--notebook", action="store_true", help="also time notebook 08")
    args = parser.parse_args(argv)
    selection_table(list(range(args.seeds)), args.batch, args.initial)
    if args.notebook:
        notebook_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
