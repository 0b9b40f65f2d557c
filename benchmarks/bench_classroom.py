"""What a class costs on one JupyterHub, measured (not asserted): spawn cost, memory and CPU per student.

    .venv/bin/python benchmarks/bench_classroom.py                  # spawn table, then 1, 4 and 8 students
    .venv/bin/python benchmarks/bench_classroom.py --students 1,4 --notebook 05_four_pixel_world.ipynb
    .venv/bin/python benchmarks/bench_classroom.py --spawn-only

Needs the ``hub`` extra and ``npm ci --prefix deploy/proxy`` (as the load test does).

*Spawn*: a JupyterLab server started as installed (every server extension, PyPI extension
manager) and with the class configuration (deploy/jupyterhub/jupyter_server_config.json:
no language-server or Voilà extension, read-only extension manager, no update checks); wall
seconds until it answers and CPU seconds it used (with its node helper), best of 3, the two
alternating.

*Class*: for each class size, a fresh hub from deploy/ (local spawner, 127.0.0.1); every
student starts a server and runs the notebook's code cells at the same moment. Per student:
peak memory of server + kernel (RSS, and PSS, which counts shared library pages once per
machine rather than once per process: the figure to add up), and CPU seconds; for the class:
seconds until the last student's last cell, and the hub + proxy memory. From the largest
class, a sizing table: students per server for common core and memory sizes. On a shared or
busy machine the seconds grow; memory and CPU seconds hardly change.
Prints markdown tables for notebooks/README.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import hub_class  # noqa: E402

CLASS_CONFIG = ROOT / "deploy" / "jupyterhub"


def spawn_once(class_config):
    """``(wall seconds to ready, CPU seconds)`` of one JupyterLab server start."""
    import psutil
    port = hub_class.free_port()
    env = dict(os.environ)
    env.pop("JUPYTER_CONFIG_PATH", None)
    if class_config:
        env["JUPYTER_CONFIG_PATH"] = str(CLASS_CONFIG)
    with tempfile.TemporaryDirectory() as folder:
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
               f"--port={port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=bench",
               f"--ServerApp.root_dir={folder}"]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token=bench", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError("the server did not start")
                    time.sleep(0.05)
            wall = time.perf_counter() - start
            process = psutil.Process(proc.pid)
            cpu = hub_class.cpu_seconds([process, *process.children(recursive=True)])
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return wall, cpu


def spawn_table(repeats=3):
    runs = {False: [], True: []}
    for _ in range(repeats):
        for class_config in (False, True):
            runs[class_config].append(spawn_once(class_config))
    rows = ["| server start | wall to ready (s) | CPU (s) |", "|---|---:|---:|"]
    for class_config, label in [(False, "as installed"), (True, "class config (deploy/jupyterhub)")]:
        walls, cpus = zip(*runs[class_config])
        rows.append(f"| {label} | {min(walls):.1f} | {min(cpus):.2f} |")
    return "\n".join(rows)


def _is_proxy(proc):
    """Whether ``proc`` is the hub's proxy (False for a process that just ended)."""
    import psutil
    try:
        return "configurable-http-proxy" in " ".join(proc.cmdline())
    except psutil.Error:
        return False


def measure_class(size, notebook):
    """One class of ``size`` students on a fresh hub: a dict of figures."""
    names = [f"student{i + 1}" for i in range(size)]
    peaks, cpu = {}, {}
    hub_memory = []
    stop = threading.Event()
    with tempfile.TemporaryDirectory() as folder, \
            hub_class.running_hub(Path(folder) / "hub") as hub:
        import psutil

        def sample():
            hub_proc = psutil.Process(hub.process.pid)
            while not stop.is_set():
                for name, procs in hub_class.processes_by_student(hub).items():
                    rss, pss = hub_class.memory_mib(procs)
                    old = peaks.get(name, (0.0, 0.0))
                    peaks[name] = (max(old[0], rss), max(old[1], pss))
                with_proxy = [hub_proc] + [c for c in hub_proc.children() if _is_proxy(c)]
                hub_memory.append(hub_class.memory_mib(with_proxy)[0])
                stop.wait(0.5)

        def done(student):
            cpu[student.name] = hub_class.cpu_seconds(hub_class.processes_by_student(hub)
                                                      .get(student.name, []))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            students = hub_class.run_class(hub, names, notebook, on_done=done)
        finally:
            stop.set()
            sampler.join()
    errors = [e for s in students for e in s.errors]
    if errors:
        raise RuntimeError(f"{size} students: {errors[:3]}")
    return {
        "students": size,
        "server_ready_s": statistics.median(s.server_ready for s in students),
        "last_cell_s": max(s.last_cell for s in students),
        "rss_mib": statistics.median(p[0] for p in peaks.values()),
        "pss_mib": statistics.median(p[1] for p in peaks.values()),
        "cpu_s": statistics.median(cpu.values()),
        "hub_proxy_mib": max(hub_memory),
    }


def class_table(sizes, notebook):
    rows = [f"| students ({notebook}) | until every last cell (s) | server ready, median (s) "
            "| peak RSS / student (MiB) | peak PSS / student (MiB) | CPU / student (s) "
            "| hub + proxy (MiB) |", "|---:|---:|---:|---:|---:|---:|---:|"]
    results = []
    for size in sizes:
        r = measure_class(size, notebook)
        results.append(r)
        rows.append(f"| {size} | {r['last_cell_s']:.0f} | {r['server_ready_s']:.0f} | {r['rss_mib']:.0f} "
                    f"| {r['pss_mib']:.0f} | {r['cpu_s']:.1f} | {r['hub_proxy_mib']:.0f} |")
        print(rows[-1], file=sys.stderr, flush=True)
    return "\n".join(rows), results


SERVERS = [(2, 8), (4, 16), (8, 32), (16, 64)]  # (cores, GiB): common single-server sizes
RESERVE_GIB = 1.0   # operating system and file cache kept free
WAIT_S = 120        # the longest a student should wait when the whole class runs the notebook at once


def sizing_table(result):
    """Students per server from one class measurement: the smaller of the memory and the CPU bound.

    Memory: (RAM - reserve - hub and proxy) / peak PSS per student (everyone at their peak at
    once: the worst case). CPU: everyone runs the notebook at the same moment and the last one
    should finish within ``WAIT_S`` seconds: cores * WAIT_S / CPU seconds per student.
    """
    rows = [f"| server | students by memory | students by CPU (all at once, ≤ {WAIT_S} s) | students |",
            "|---|---:|---:|---:|"]
    for cores, gib in SERVERS:
        free_mib = (gib - RESERVE_GIB) * 1024 - result["hub_proxy_mib"]
        by_memory = int(free_mib // result["pss_mib"])
        by_cpu = int(cores * WAIT_S // result["cpu_s"])
        rows.append(f"| {cores} cores, {gib} GiB | {by_memory} | {by_cpu} | **{min(by_memory, by_cpu)}** |")
    return "\n".join(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="1,4,8", help="class sizes, comma-separated")
    parser.add_argument("--notebook", default="06_data_holes.ipynb", help="the notebook every student runs")
    parser.add_argument("--spawn-only", action="store_true")
    parser.add_argument("--json", help="also write the class figures to this file")
    parser.add_argument("--sizing-from", help="only print the sizing table from a file --json wrote")
    args = parser.parse_args(argv)
    if args.sizing_from:
        print(sizing_table(json.loads(Path(args.sizing_from).read_text())[-1]))
        return 0
    missing = hub_class.missing_prerequisites()
    if missing:
        print("bench_classroom needs " + "; ".join(missing), file=sys.stderr)
        return 1
    print(spawn_table(), "\n", flush=True)
    if not args.spawn_only:
        table, results = class_table([int(n) for n in args.students.split(",")], args.notebook)
        print(table, "\n", flush=True)
        print(sizing_table(results[-1]), flush=True)  # from the largest class measured
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
