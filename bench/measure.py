"""Run a command in a subprocess and measure its wall time and memory.

Two memory figures: `maxrss_kib` is the kernel's peak resident set of the largest single process in
the child's tree (os.wait4's rusage of the child, which includes its reaped descendants, such as
the build's forked validation workers); `tree_peak_kib` is the peak of the *sum* of the resident sets
of the whole process tree, sampled from /proc every SAMPLE_SECONDS (an upper bound: pages the forked
workers share with their parent are counted in each).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.2


@dataclass(frozen=True)
class Measurement:
    command: list[str]
    exit_code: int | None  # None: killed after the timeout
    wall_seconds: float
    cpu_seconds: float  # user + system time of the child and its reaped descendants
    maxrss_kib: int
    tree_peak_kib: int
    stdout: str
    stderr: str
    samples: tuple[tuple[float, int], ...] = ()  # (seconds since start, process-tree RSS KiB)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:  # the process ended while we looked
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def tree_rss_kib(root: int) -> int:
    """The summed resident set of a process and all its descendants, now."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += _rss_kib(pid)
        pending += _children(pid)
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int, started: float) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.started = started
        self.samples: list[tuple[float, int]] = []
        self.done = threading.Event()

    @property
    def peak(self) -> int:
        return max((rss for _, rss in self.samples), default=0)

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            rss = tree_rss_kib(self.pid)
            if rss:  # 0: the process has just ended, nothing to sample
                self.samples.append((round(time.perf_counter() - self.started, 2), rss))


def run_measured(
    command: list[str],
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    cwd: Path | None = None,
) -> Measurement:
    """Run `command` to the end (or kill it after `timeout` seconds) and measure it."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd
        )
        sampler = _Sampler(process.pid, started)
        sampler.start()
        deadline = None if timeout is None else started + timeout
        timed_out = False
        # wait4 rather than wait: it returns this child's own rusage (its tree's peak RSS).
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                process.kill()
                timed_out = True
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(SAMPLE_SECONDS / 2)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        sampler.done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return Measurement(
        command=command,
        exit_code=None if timed_out else process.returncode,
        wall_seconds=round(wall, 2),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 2),
        maxrss_kib=usage.ru_maxrss,
        tree_peak_kib=sampler.peak,
        stdout=stdout,
        stderr=stderr,
        samples=tuple(sampler.samples),
    )
