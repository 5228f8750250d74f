"""Stage timing, and a status line per stage on a terminal (quiet in CI logs and with --quiet)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console


class StageTimer:
    """Times named stages; shows a spinner while one runs and a line with its time when it ends."""

    def __init__(self, show: bool):
        self.console = Console(stderr=True)
        self.show = show and self.console.is_terminal
        self.seconds: dict[str, float] = {}
        self._status = None
        self.notes: dict[str, str] = {}

    @contextmanager
    def stage(self, name: str, description: str) -> Iterator[None]:
        started = time.perf_counter()
        if self.show:
            with self.console.status(f"{description} …") as status:
                self._status = status
                yield
            self._status = None
        else:
            yield
        self.seconds[name] = round(time.perf_counter() - started, 3)
        if self.show:
            note = f"  [dim]{self.notes[name]}[/dim]" if name in self.notes else ""
            line = f"[green]✓[/green] {description:<36} {self.seconds[name]:8.2f} s{note}"
            self.console.print(line, highlight=False)

    def note(self, name: str, text: str) -> None:
        """A short detail shown on the stage's line (counts), set while the stage runs."""
        self.notes[name] = text

    def update(self, text: str) -> None:
        """Replace the running stage's status text (e.g. how many units are done)."""
        if self._status is not None:
            self._status.update(text)
