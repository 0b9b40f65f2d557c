"""Timing helpers shared by the benchmark scripts: functions, notebooks and widget updates.

Scripts import this as a sibling module::

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from timing import best_time  # noqa: E402
"""

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def _run_times(fn, repeat, warmup):
    """Seconds of each of ``repeat`` runs of ``fn()``, after one untimed run if ``warmup``."""
    if warmup:
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def best_time(fn, repeat=5, warmup=True):
    """Fastest of ``repeat`` runs of ``fn()``, in seconds."""
    return min(_run_times(fn, repeat, warmup))


def median_time(fn, repeat=5, warmup=True):
    """Median of ``repeat`` runs of ``fn()``, in seconds."""
    return statistics.median(_run_times(fn, repeat, warmup))


def run_cells(path, only_imports=False):
    """Seconds to start a fresh kernel and run a notebook's code cells (only those tagged ``imports`` if asked)."""
    import nbformat
    from nbclient import NotebookClient
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if c.cell_type == "code"
                and (not only_imports or "imports" in c.metadata.get("tags", []))]
    client = NotebookClient(nb, timeout=1800, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def bench_notebook(path, repeats=3):
    """``(floor, full)`` seconds for one notebook, each the best of ``repeats`` fresh-kernel runs.

    One untimed full run first, so every timed run reads its modules from a warm file
    cache; then floor and full runs alternate, so a slow spell of the machine hits both.
    """
    run_cells(path)
    floors, fulls = [], []
    for _ in range(repeats):
        floors.append(run_cells(path, only_imports=True))
        fulls.append(run_cells(path))
    return min(floors), min(fulls)


def sweep_settings(live):
    """``(control, value)`` for each control of a ``Live`` widget and each of its min, max and middle values."""
    from flywheel_lab.widgets import sweep_values
    for control in live.controls.values():
        for value in sweep_values(control):
            yield control, value


def widget_update_times(builder, before_each=None, repeats=3):
    """Seconds of each full update (``control.value = …``: render + PNG) over a sweep of every control.

    Values equal to the control's current one are skipped (they trigger no update);
    ``before_each()``, if given, runs untimed before every update (e.g. to clear a cache).
    The sweep runs ``repeats`` times from the widget's first settings, and each update
    keeps its fastest time: the one least disturbed by whatever else the machine does.
    """
    live = builder()
    start_values = live.values()
    passes = []
    for _ in range(repeats):
        for name, value in start_values.items():           # back to the start, untimed
            live.controls[name].value = value
        times = []
        for control, value in sweep_settings(live):
            if value == control.value:
                continue
            if before_each is not None:
                before_each()
            start = time.perf_counter()
            control.value = value
            times.append(time.perf_counter() - start)
        passes.append(times)
    return [min(update) for update in zip(*passes)]


def print_table(header, rows):
    """Print a markdown table: ``header`` names the columns; text columns left, numbers right."""
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 1))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
