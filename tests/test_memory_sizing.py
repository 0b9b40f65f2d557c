"""The server sizing arithmetic of benchmarks/memory.py (the measurement itself is `make bench`)."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import memory  # noqa: E402

MIB = memory.MIB


def test_students_per_server_keeps_the_reserve():
    assert memory.students_per_server(8, 1) == 6     # (8 - 1.25) GiB / 1 GiB
    assert memory.students_per_server(8, 2) == 3
    assert memory.students_per_server(64, 2) == 31


def test_sizing_rows_count_what_fits_beside_the_server():
    kernels = {"a": 600 * MIB, "b": 450 * MIB, "c": 240 * MIB, "d": 100 * MIB}
    one, two = memory.sizing_rows(kernels, server=120 * MIB)
    assert one[0] == "1 GB" and "any one notebook (at most 720 MiB)" == one[1]
    assert two[1] == "the 4 heaviest notebooks at once (1510 MiB)"
    assert one[2:] == [memory.students_per_server(s, 1) for s in memory.SERVER_SIZES_GIB]


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/status"), reason="needs Linux /proc")
def test_peak_memory_reads_this_process():
    assert 10 * MIB < memory.peak_memory(os.getpid()) < 100_000 * MIB
