"""Timing helpers shared by the benchmark scripts: functions, notebooks and widget updates.

Scripts import this as a sibling module::

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from timing import best_time  # noqa: E402
"""

import gc
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
    """``(control, value)`` for each control of a ``Live`` widget and each of its min, max and
    middle values, then the moves that reach each of its corners (``widgets.corners``)."""
    from flywheel_lab.widgets import corners, sweep_values
    ends = corners(live)                       # around the widget's first settings
    for control in live.controls.values():
        for value in sweep_values(control):
            yield control, value
    for setting in ends:
        for name, value in setting.items():
            yield live.controls[name], value


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


def floor_seconds(figsize, dpi=80):
    """Seconds to make a plain figure (one empty Axes) of ``figsize`` inches and render it to PNG at ``dpi``.

    The *floor* of a widget update: what drawing any figure of that size costs on this
    machine right now, before a widget computes or plots anything.
    """
    from flywheel_lab.plots import style_context
    from flywheel_lab.widgets import figure_png, new_figure
    gc.collect()             # untimed: no garbage left over from earlier figures is collected here
    start = time.perf_counter()
    with style_context():
        fig, _ = new_figure(figsize=figsize)
        figure_png(fig, dpi)
    return time.perf_counter() - start


def _figure_size(live):
    """Size in inches of the figure a ``Live`` widget drew last (None if it drew none)."""
    items = live.result if isinstance(live.result, tuple) else (live.result,)
    sizes = [tuple(item.get_size_inches()) for item in items if hasattr(item, "get_size_inches")]
    return sizes[0] if sizes else None


def widget_first_visits(builder):
    """``(update, floor)`` seconds for each setting of a sweep of every control, each timed on its first visit.

    An update is ``control.value = …`` (compute + redraw to PNG). A setting (the values of
    all controls) already shown in this sweep is applied untimed: it could be a cache hit.
    Floor renders (:func:`floor_seconds`, same figure size and dpi) are interleaved with the
    updates; each update's floor is the mean of the floor render just before and just after it.
    Garbage is collected (untimed) before every timed render, so that a collection of many
    earlier figures does not land on whichever render happens to trigger it.
    """
    live = builder()
    size = _figure_size(live) or (7.0, 4.0)
    seen = {tuple(map(repr, live.values().values()))}
    floors, updates = [floor_seconds(size, live.dpi)], []
    for control, value in sweep_settings(live):
        if value == control.value:
            continue
        setting = dict(live.values(), **{name: value for name, c in live.controls.items() if c is control})
        key = tuple(map(repr, setting.values()))
        if key in seen:
            control.value = value
            continue
        seen.add(key)
        gc.collect()         # untimed, as for the floor: the floors' garbage is not charged to the widget
        start = time.perf_counter()
        control.value = value
        updates.append(time.perf_counter() - start)
        floors.append(floor_seconds(size, live.dpi))
    return [(t, (before + after) / 2) for t, before, after in zip(updates, floors, floors[1:])]


def machine():
    """This machine in one line: CPU model, cores, and the load average when measured."""
    import os
    import platform
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return f"{model}, {os.cpu_count()} cores, load average {load}"


def print_table(header, rows):
    """Print a markdown table: ``header`` names the columns; text columns left, numbers right."""
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 1))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
