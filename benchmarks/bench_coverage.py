"""Benchmark for issue 16: labels needed by each selection strategy, on splits nobody tuned on.

    .venv/bin/python benchmarks/bench_coverage.py                     # reporting splits, 10 seeds each
    .venv/bin/python benchmarks/bench_coverage.py --splits tuning     # the splits choices were tuned on
    .venv/bin/python benchmarks/bench_coverage.py --seeds 3           # quicker
    .venv/bin/python benchmarks/bench_coverage.py --save              # also write data/selection_benchmark.json
    .venv/bin/python benchmarks/bench_coverage.py --notebook          # also time notebook 08 vs its import floor

Each *split* is a different stratified 70 / 30 pool / test split of the digits
(``digits.train_test_split(0.3, seed=split)``). Every tuned choice of the selection code
(shortlist sizes, batch, initial labels, model settings) was made on the TUNING_SPLITS only;
the README and notebook 08 quote the REPORTING_SPLITS, which were not looked at while tuning.

On each split, each strategy runs with every seed; the split's figure is the number of labels
at which the strategy's mean learning curve (over seeds) first reaches random selection's mean
test accuracy at 300 labels, as a ratio to 300. Target: the best information-driven strategy
at most 0.38 × averaged over the reporting splits (aim 0.33 ×); the worst split and the spread
are reported, not bounded (ten splits cannot bound an eleventh).
Prints markdown tables.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import NOTEBOOKS, ROOT, bench_notebook, machine  # noqa: E402

sys.path.insert(0, str(ROOT))
from flywheel_lab import coverage, data, digits  # noqa: E402

BUDGETS = list(range(20, 301, 10))
TUNING_SPLITS = (0, 1, 2, 6, 7, 8)   # every tuned choice was made on these
REPORTING_SPLITS = (3, 4, 5, 9, 10, 11, 12, 13, 14, 15)    # never used for tuning: the figures the README and notebook 08 quote
RESULTS = "selection_benchmark.json"
TARGET, AIM = 0.38, 0.33


def run_split(split, seeds, batch, initial):
    """``(random's accuracy at 300, {strategy: ratio}, {strategy: mean accuracy at 300}, seconds)``."""
    X_pool, X_test, y_pool, y_test = digits.train_test_split(0.3, seed=split)
    start = time.perf_counter()
    curves = coverage.compare(coverage.STRATEGIES, X_pool, y_pool, X_test, y_test, BUDGETS, seeds,
                              batch=batch, initial=initial)
    seconds = time.perf_counter() - start
    target, ratios = coverage.label_ratios(curves, BUDGETS, at=300)
    return target, ratios, {s: float(c[:, -1].mean()) for s, c in curves.items()}, seconds


def fmt(ratio):
    return "never" if np.isnan(ratio) else f"{ratio:.2f}"


def summary(per_split):
    """``{strategy: (mean, min, max)}`` of the ratios over splits (nan if some split never got there)."""
    strategies = next(iter(per_split.values()))["ratios"]
    out = {}
    for s in strategies:
        r = np.array([run["ratios"][s] for run in per_split.values()])
        out[s] = (float(r.mean()), float(r.min()), float(r.max()))
    return out


def print_tables(per_split, seeds, batch, initial):
    splits = list(per_split)
    print(f"\nDigits, pool 1257 / test 540 per split; splits {splits}; seeds {seeds[0]}–{seeds[-1]} "
          f"({len(seeds)}) per split; batch {batch}; {initial} random initial labels.")
    print("Random selection's mean test accuracy at 300 labels: "
          + ", ".join(f"split {k}: {run['target']:.2%}" for k, run in per_split.items()) + "\n")
    print("Labels needed to match random's 300-label accuracy, as a ratio to 300 (lower is better):\n")
    print("| strategy | " + " | ".join(f"split {k}" for k in splits) + " | mean | range |")
    print("|---|" + "---:|" * (len(splits) + 2))
    stats = summary(per_split)
    for s, (mean, lo, hi) in stats.items():
        cells = " | ".join(fmt(per_split[k]["ratios"][s]) for k in splits)
        print(f"| {s} | {cells} | **{fmt(mean)}** | {fmt(lo)}–{fmt(hi)} |")
    best = min((m, s) for s, (m, _, _) in stats.items() if s != "random" and not np.isnan(m))
    worst = stats[best[1]][2]
    verdict = "met" if best[0] <= TARGET else "NOT met"
    print(f"\nBest information-driven strategy: **{best[1]}** at {best[0]:.2f} × on average, "
          f"worst split {worst:.2f} × (target ≤ {TARGET} × on average, aim {AIM} ×): {verdict}.")
    print("\n| split | " + " | ".join(per_split[splits[0]]["accuracy"]) + " | s per seed |")
    print("|---|" + "---:|" * (len(per_split[splits[0]]["accuracy"]) + 1))
    for k, run in per_split.items():
        print(f"| {k} (accuracy at 300) | " + " | ".join(f"{a:.2%}" for a in run["accuracy"].values())
              + f" | {run['seconds'] / len(seeds):.1f} |")


def save(per_split, seeds, batch, initial):
    """Write the results to ``data/`` and record their checksum (notebook 08 reads them)."""
    path = data.DATA_DIR / RESULTS
    stats = summary(per_split)
    path.write_text(json.dumps({
        "about": "bench_coverage.py: labels each strategy needs to match random's 300-label accuracy, "
                 "as a ratio to 300, on digits splits not used for tuning",
        "splits": list(per_split), "tuning_splits": list(TUNING_SPLITS), "seeds": len(seeds),
        "batch": batch, "initial": initial,
        "random_accuracy_at_300": {str(k): round(run["target"], 4) for k, run in per_split.items()},
        "ratios": {s: {str(k): run["ratios"][s] for k, run in per_split.items()} for s in stats},
        "mean": {s: m for s, (m, _, _) in stats.items()},
    }, indent=1) + "\n")
    lines = [line for line in data.CHECKSUMS.read_text().splitlines() if not line.endswith(f"  {RESULTS}")]
    data.CHECKSUMS.write_text("\n".join(lines + [f"{data.sha256(path)}  {RESULTS}"]) + "\n")
    print(f"\nsaved {path.relative_to(ROOT)} and its checksum")


def notebook_table(repeats=2):
    """Print notebook 08's run time against its import floor (best of ``repeats``), measured as
    ``benchmarks/run.py`` and the README do: compute / floor = (full − floor) / floor."""
    floor, full = bench_notebook(NOTEBOOKS / "08_feature_coverage_map.ipynb", repeats)
    print("\n| notebook | import floor (s) | full run (s) | compute / floor (target ≤ 3×) | full / floor |"
          "\n|---|---:|---:|---:|---:|")
    print(f"| 08 feature coverage map | {floor:.1f} | {full:.1f} | {(full - floor) / floor:.2f}× | "
          f"{full / floor:.2f}× |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="reporting",
                        help="'reporting', 'tuning', or split numbers like 3,4,5 (default reporting)")
    parser.add_argument("--seeds", type=int, default=10, help="seeds per split (default 10)")
    parser.add_argument("--batch", type=int, default=coverage.DEFAULT_BATCH, help="labels per round")
    parser.add_argument("--initial", type=int, default=coverage.DEFAULT_INITIAL, help="random labels to start")
    parser.add_argument("--save", action="store_true", help=f"write data/{RESULTS} (reporting splits only)")
    parser.add_argument("--notebook", action="store_true", help="also time notebook 08")
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder keeping each split's result, reused by later runs (runs in parallel "
                             "processes can share one, e.g. build/selection)")
    args = parser.parse_args(argv)
    named = {"reporting": REPORTING_SPLITS, "tuning": TUNING_SPLITS}
    splits = named.get(args.splits) or tuple(int(k) for k in args.splits.split(","))
    if args.save and set(splits) & set(TUNING_SPLITS):
        parser.error("--save is for splits nobody tuned on")
    seeds = list(range(args.seeds))
    print(f"Machine: {machine()}", flush=True)
    per_split = {}
    for k in splits:
        cached = args.cache / f"split{k}-seeds{args.seeds}-batch{args.batch}-initial{args.initial}.json" \
            if args.cache else None
        if cached and cached.exists():
            per_split[k] = json.loads(cached.read_text())
            print(f"  split {k} from {cached}", flush=True)
            continue
        target, ratios, accuracy, seconds = run_split(k, seeds, args.batch, args.initial)
        per_split[k] = {"target": target, "ratios": ratios, "accuracy": accuracy, "seconds": seconds}
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(per_split[k]))
        print(f"  split {k} done ({seconds:.0f} s)", flush=True)
    print_tables(per_split, seeds, args.batch, args.initial)
    if args.save:
        save(per_split, seeds, args.batch, args.initial)
    if args.notebook:
        notebook_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
