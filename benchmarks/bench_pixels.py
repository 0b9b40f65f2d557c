"""Speed of the four-pixel network, the hole widget and notebooks 05–06 (issue 3).

    .venv/bin/python benchmarks/bench_pixels.py

Prints a markdown table. Targets: training the pixel network on 10 000 samples in at
most 1 s on one core; a hole-widget update (retrain + redraw + PNG) in at most 1 s;
each notebook's compute at most 1.0× its import floor. Run caches are cleared before
every timed widget update, so each one really retrains. Times depend on what else
the machine is doing.
"""

import statistics
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import NOTEBOOKS, bench_notebook, best_time, print_table, widget_update_times  # noqa: E402

from flywheel_lab import models, pixels  # noqa: E402
from flywheel_lab.widgets import pixels as pixel_widgets  # noqa: E402


def main():
    X, y = pixels.sample(10_000, seed=0)
    rows = [(f"train 4→16→16 on 10 000 samples, {head} head (300 epochs)",
             f"{best_time(lambda: models.train(X, y, 16, head=head)):.2f} s", "≤ 1 s")
            for head in models.HEADS]
    # clear the run cache before every update, so each one really retrains
    updates = widget_update_times(pixel_widgets.hole_explorer, before_each=models.pixel_experiment.cache_clear)
    rows.append((f"hole widget update ({len(updates)} updates: median / worst)",
                 f"{statistics.median(updates):.2f} s / {max(updates):.2f} s", "≤ 1 s"))
    for path in sorted(NOTEBOOKS.glob("0[56]_*.ipynb")):
        floor, full = bench_notebook(path)
        rows.append((f"{path.stem}: floor {floor:.1f} s, full run {full:.1f} s, compute / floor",
                     f"{(full - floor) / floor:.2f}×", "≤ 1.0×"))
    print_table(["measurement", "result", "target"], rows)


if __name__ == "__main__":
    main()
