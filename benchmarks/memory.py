"""Memory of the series, measured: each notebook's peak kernel memory, and what it means for a server.

    .venv/bin/python benchmarks/memory.py            # every notebook (about a minute)
    .venv/bin/python benchmarks/memory.py --notebooks 06

Each notebook runs top to bottom in a fresh kernel; its peak resident memory is the kernel
process's ``VmHWM`` (Linux, /proc), read after the last cell. A JupyterLab server is started
the same way, and its ``VmHWM`` read after it has served the JupyterLab page. The sizing table
divides a server's memory (minus what the system and a JupyterHub take) by a per-student limit.
Prints markdown tables for the teacher guide (notebooks/README.md, "Sizing a server").
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import NOTEBOOKS, print_table  # noqa: E402

MIB = 2 ** 20
GIB = 2 ** 30
# Held back on each server before students: the operating system and page cache (1 GiB),
# JupyterHub and its proxy (measured here at 120 + 60 MiB, rounded up to 0.25 GiB).
RESERVED = 1.25 * GIB
SERVER_SIZES_GIB = (8, 16, 32, 64)
LIMITS_GIB = (1, 2)


def peak_memory(pid):
    """Peak resident memory (``VmHWM``) of process ``pid``, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise ValueError(f"no VmHWM for process {pid}")


def kernel_peak(path):
    """Peak kernel memory (bytes) of one notebook run top to bottom in a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=1800, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(path).parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        return peak_memory(client.km.provisioner.pid)


def server_peak():
    """Peak memory (bytes) of a JupyterLab server that has served its page once."""
    port, token = 18_000 + os.getpid() % 1000, "bench"
    with tempfile.TemporaryDirectory() as root:
        proc = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
                                 f"--port={port}", "--ServerApp.ip=127.0.0.1",
                                 f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 120
            while True:
                try:
                    for page in ("api/status", "lab", "lab/api/settings"):
                        urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}?token={token}",
                                               timeout=30).read()
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.5)
            return peak_memory(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def students_per_server(server_gib, limit_gib):
    """Students a server holds when each one is guaranteed ``limit_gib``."""
    return int((server_gib * GIB - RESERVED) // (limit_gib * GIB))


def sizing_rows(kernels, server):
    """Rows of the sizing table: what fits in each per-student limit, and students per server."""
    heaviest = sorted(kernels.values(), reverse=True)
    rows = []
    for limit in LIMITS_GIB:
        fit, used = 0, server
        for peak in heaviest:  # how many of the heaviest kernels fit at once beside the server
            if used + peak > limit * GIB:
                break
            fit, used = fit + 1, used + peak
        fits = (f"any one notebook (at most {(server + heaviest[0]) / MIB:.0f} MiB)" if fit == 1 else
                f"the {fit} heaviest notebooks at once ({used / MIB:.0f} MiB)")
        rows.append([f"{limit} GB", fits if fit else "not even the heaviest notebook",
                     *[students_per_server(size, limit) for size in SERVER_SIZES_GIB]])
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", default="", help="only notebooks whose name starts with this")
    args = parser.parse_args(argv)
    kernels = {}
    for path in sorted(NOTEBOOKS.glob(f"{args.notebooks}*.ipynb")):
        kernels[path.stem] = kernel_peak(path)
        print(f"{path.stem}: {kernels[path.stem] / MIB:.0f} MiB", file=sys.stderr, flush=True)
    print_table(["notebook", "peak kernel memory (MiB, VmHWM)"],
                [[name, f"{peak / MIB:.0f}"] for name, peak in kernels.items()])
    server = server_peak()
    print(f"\nJupyterLab server (VmHWM after serving its page): {server / MIB:.0f} MiB; "
          f"reserved per machine for the system and the hub: {RESERVED / GIB:.2f} GiB")
    print(f"Every notebook open at once (no kernel shut down): {sum(kernels.values()) / MIB:.0f} MiB\n")
    print_table(["limit per student", "fits beside the student's server",
                 *[f"students on {size} GB" for size in SERVER_SIZES_GIB]],
                sizing_rows(kernels, server))
    return 0


if __name__ == "__main__":
    sys.exit(main())
