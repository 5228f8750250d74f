"""Stopping pure-Python work in the calling thread once it has used its time: `with time_budget(2.0): ...`.

rdflib's SPARQL parser (pyparsing) can take seconds on a short query (about 2 ms per character of
`1 IN (1, 1, ...)`), and it has no timeout. A signal could interrupt it only in the main thread, but the
query workers parse on their evaluation thread (the one with the large stack), so a timer thread raises
`BudgetExceeded` in the working thread instead (CPython's `PyThreadState_SetAsyncExc`, delivered between
two bytecodes).
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from collections.abc import Iterator

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
_set_async_exc.restype = ctypes.c_int


class BudgetExceeded(BaseException):  # a signal to stop, like KeyboardInterrupt: no `except Exception`
    """Raised in a thread whose `time_budget` ran out."""


# How soon the exception is raised again when the block still runs: CPython drops (prints as "Exception
# ignored") an exception that arrives while a finalizer or a gc callback runs in the thread.
REDELIVER_SECONDS = 0.5


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded inside the block when it runs longer than `seconds` (pure-Python code only).

    Catch BudgetExceeded around the whole `with` statement: the exception may arrive anywhere in the
    block, including while it finishes. Once the block has left normally, nothing more arrives.
    """
    thread = threading.get_ident()
    guard = threading.Lock()
    state = {"running": True, "delivered": False}
    stopped = threading.Event()

    def expire() -> None:
        delay = seconds
        while not stopped.wait(delay):
            with guard:
                if not state["running"] or state["delivered"]:
                    return
                _set_async_exc(thread, BudgetExceeded)
            delay = REDELIVER_SECONDS

    watcher = threading.Thread(target=expire, name="time-budget", daemon=True)
    watcher.start()
    try:
        yield
    except BudgetExceeded:
        state["delivered"] = True
        raise
    finally:
        with guard:
            state["running"] = False
            _set_async_exc(thread, ctypes.py_object())  # withdraw one set but not yet delivered
        stopped.set()
