"""Reading a process's CPU time and resident memory from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path

_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime 14 and stime 15 (1-based).
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / _TICKS_PER_SECOND


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def stolen_seconds(cpu: int) -> float:
    """Time the hypervisor gave CPU ``cpu`` to other guests so far (0 on bare metal).

    A round with much steal ran on a machine busy with others: calls per CPU-second
    does not see that (the server's own CPU time excludes stolen time, but shared
    caches and memory bandwidth still slow it), so the report shows it.
    """
    for line in Path("/proc/stat").read_text().splitlines():
        fields = line.split()
        if fields[0] == f"cpu{cpu}":
            # cpuN user nice system idle iowait irq softirq steal ...
            return int(fields[8]) / _TICKS_PER_SECOND if len(fields) > 8 else 0.0
    raise RuntimeError(f"no line for cpu{cpu} in /proc/stat")
