"""The crawl of every page reachable from `/`, in both languages, at phone width in headless Chromium:
issue 13's "Done when", too long for the test command (over 10,000 pages per language), so run apart:

    nice -n 19 .venv/bin/python -m tests.server.pages.crawl_every_page [--build-dir build] [--parallel 4]
        [--pid-file FILE]

It serves the current build with `integrationsgraph serve` on a free loopback port, crawls it with
`site_crawl` (the per-kind test's crawler, one page per address instead of one per kind), prints each
failure as it is found and a progress line every few hundred pages, and ends with pages per language,
failures, links that leave the site, and the wall and CPU time of the crawler (with Chromium) and of the
server. Exit 0 when nothing failed and no link leaves the site but to a source's original address or the
data's licence, 1 otherwise."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tests.server.pages.http_crawl import language_asked
from tests.server.pages.site_crawl import CrawlReport, crawl

PHONE = {"width": 390, "height": 844}
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
PROGRESS_EVERY = 250  # pages


@contextmanager
def served_build(build_dir: Path) -> Iterator[tuple[str, int]]:
    """`integrationsgraph serve` of the build on a free loopback port: its base URL and process id."""
    command = [sys.executable, "-m", "integrationsgraph", "serve", "--build-dir", str(build_dir)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(  # its access log (stdout) is not kept
        [*command, "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        for line in process.stderr:  # uvicorn names the port it bound once it is ready
            found = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
            if found:
                break
        else:
            raise SystemExit(f"the server exited before it was ready ({process.wait()})")
        # its log read on, so that a full pipe never stops it; anything but the access log is shown
        threading.Thread(target=_show_warnings, args=(process.stderr,), daemon=True).start()
        yield found.group(1), process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)
        process.stderr.close()


def _show_warnings(lines: TextIO) -> None:
    for line in lines:
        if not line.startswith("INFO"):
            print(f"server: {line}", end="", flush=True)


def _keep_descendants_nice(root: int, stop: threading.Event) -> None:
    """Chromium sets its own processes' priorities (its browser process above normal), undoing `nice`:
    started under `nice -n 19`, every process and thread of the crawl is moved to SCHED_IDLE, which
    Chromium leaves alone, so on a shared machine the crawl runs only on a core nothing else wants."""
    if os.getpriority(os.PRIO_PROCESS, root) < 19:
        return
    while not stop.wait(5):
        for pid in _descendants(root):
            for thread in _threads_of(pid):
                with contextlib.suppress(OSError):  # ended meanwhile
                    if os.sched_getscheduler(thread) != os.SCHED_IDLE:
                        os.sched_setscheduler(thread, os.SCHED_IDLE, os.sched_param(0))


def _threads_of(pid: int) -> list[int]:
    try:
        return [int(task.name) for task in Path(f"/proc/{pid}/task").iterdir()]
    except OSError:
        return []


def _stop_everything(signum: int, _frame: object) -> None:
    """Stopped from outside: the server and Chromium go too (they are this process's descendants)."""
    for pid in _descendants(os.getpid()):
        if pid != os.getpid():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
    os._exit(128 + signum)


def _stat(pid: str) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _processes() -> dict[int, list[str]]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = _stat(entry.name)
            except OSError:  # ended meanwhile
                continue
    return found


def _descendants(root: int, processes: dict[int, list[str]] | None = None) -> list[int]:
    """`root` and every running process under it (Linux /proc)."""
    processes = _processes() if processes is None else processes
    parents = {pid: int(fields[1]) for pid, fields in processes.items()}

    def descends(pid: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False

    return [pid for pid in processes if descends(pid)]


def tree_cpu_seconds(root: int) -> float:
    """User and system CPU seconds of a running process and its descendants (the server's query
    workers), reaped children included."""
    processes = _processes()
    ticks = sum(sum(int(value) for value in processes[pid][11:15]) for pid in _descendants(root, processes))
    return ticks / os.sysconf("SC_CLK_TCK")


def language_of(url: str) -> str:
    return language_asked(url) or "none"


def summary(report: CrawlReport, wall: float, crawler_cpu: float, server_cpu: float) -> str:
    languages = Counter(language_of(url) for url in report.pages)
    leaving = sorted(report.leaving - {LICENCE})
    lines = [
        f"pages: {len(report.pages)} ({', '.join(f'{lang} {n}' for lang, n in sorted(languages.items()))}); "
        f"file links listed, not fetched: {len(report.files)}",
        f"failures: {len(report.failures)}",
        *(f"  {failure}" for failure in sorted(report.failures)),
        f"links leaving the site (not a source's original, not the licence): {len(leaving)}",
        *(f"  {url}" for url in leaving),
        f"sources' original addresses linked: {len(report.originals)}",
        f"wall {wall:.0f} s; CPU: crawler with Chromium {crawler_cpu:.0f} s, server {server_cpu:.0f} s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", type=Path, default=Path("build"), help="the build (default build/)")
    parser.add_argument("--parallel", type=int, default=4, help="tabs open at once (default 4)")
    parser.add_argument("--pid-file", type=Path, help="write the crawl's process id here")
    args = parser.parse_args(argv)
    if args.pid_file:
        args.pid_file.write_text(f"{os.getpid()}\n")
    signal.signal(signal.SIGTERM, _stop_everything)
    stop_renicing = threading.Event()
    threading.Thread(target=_keep_descendants_nice, args=(os.getpid(), stop_renicing), daemon=True).start()
    started = time.monotonic()
    reported = printed = 0

    def on_page(url: str, report: CrawlReport) -> None:
        nonlocal reported, printed
        for failure in report.failures[reported:]:
            print(f"FAIL {failure}", flush=True)
        reported = len(report.failures)
        done = len(report.pages) + len(report.files)
        if done // PROGRESS_EVERY > printed:
            printed = done // PROGRESS_EVERY
            print(f"{time.monotonic() - started:7.0f} s: {done} done, last {url}", flush=True)

    with served_build(args.build_dir) as (base_url, server_pid):
        print(f"crawling {base_url}/?lang=de at {PHONE['width']}x{PHONE['height']}", flush=True)
        report = crawl(f"{base_url}/?lang=de", base_url, PHONE, parallel=args.parallel, on_page=on_page)
        server_cpu = tree_cpu_seconds(server_pid)
    stop_renicing.set()
    wall = time.monotonic() - started
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    # the reaped children include the server, stopped on leaving `served_build`
    crawler_cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime - server_cpu
    print(summary(report, wall, crawler_cpu, server_cpu), flush=True)
    return 1 if report.failures or report.leaving - {LICENCE} else 0


if __name__ == "__main__":
    sys.exit(main())
