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


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded inside the block when it runs longer than `seconds` (pure-Python code only).

    Catch BudgetExceeded around the whole `with` statement: the exception may arrive anywhere in the
    block, including while it finishes. Once the block has left normally, nothing more arrives.
    """
    thread = threading.get_ident()
    guard = threading.Lock()
    running = True

    def expire() -> None:
        with guard:
            if running:
                _set_async_exc(thread, BudgetExceeded)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with guard:
            running = False
            _set_async_exc(thread, ctypes.py_object())  # withdraw one set but not yet delivered
        timer.cancel()
