"""The query workers' sandbox: once its store is open, a worker can no longer create a socket.

pyoxigraph evaluates `SERVICE` by opening an HTTP connection from the process that runs the query. The
endpoint's guard (`guards.py`) refuses such queries by parsing them, but a parser can be outwitted; the
sandbox makes the fetch impossible whatever the query text: a seccomp filter makes `socket()` and
`socketpair()` fail with EACCES for every address family, and `io_uring_setup()` too (an io_uring can
open sockets without the `socket()` system call). The worker needs no new socket: it talks to the server
over the socket pair it inherited, which stays usable.

Why seccomp and not Landlock: Landlock's network rules (Linux 6.7+) cover only TCP bind and connect,
not UDP (name lookups), raw or netlink sockets or address families added later; a seccomp filter refuses
the socket itself, whatever its family, on any Linux since 3.5. libseccomp (through `pyseccomp`) writes
the filter for the machine's architecture, refuses system calls made through another ABI (x32, ia32),
handles `socketcall()` where sockets are multiplexed, and sets no_new_privs. The filter is inherited by
every thread and child process and cannot be removed.

`python -m integrationsgraph.sparql.sandbox` installs the filter in a throwaway process and checks it:
exit 0 and a line saying so, or exit 1 and why not (no libseccomp, not Linux, seccomp forbidden).
"""

from __future__ import annotations

import errno
import socket
import subprocess
import sys

from integrationsgraph.errors import IntegrationsgraphError

DENIED_ERRNO = errno.EACCES  # socket(2): "permission to create a socket of the specified type is denied"
DENIED_SYSTEM_CALLS = ("socket", "socketpair", "io_uring_setup")
# How pyoxigraph reports the two ways a fetch meets the filter: connecting (the socket() call is denied)
# and a name lookup (the resolver's socket() is denied, so the name cannot be resolved).
NAME_LOOKUP_FAILURE = "failed to lookup address information"
OFF_HINT = "set worker_sandbox to off (--worker-sandbox off) to serve without it (see docs/deployment.md)"


class SandboxUnavailable(IntegrationsgraphError):
    """The network sandbox cannot be installed on this machine; the message says why."""


def install() -> None:
    """Forbid this process (and its threads and children) to create sockets; SandboxUnavailable if not."""
    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable(f"the query sandbox needs Linux seccomp; this is {sys.platform}")
    try:
        import pyseccomp  # noqa: PLC0415  (raises RuntimeError at import when libseccomp is missing)
    except (ImportError, RuntimeError, OSError) as error:
        raise SandboxUnavailable(f"the query sandbox needs libseccomp (pyseccomp): {error}") from None
    try:
        rules = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
        # Every thread of the process, also those the store may already have started, not only this one.
        rules.set_attr(pyseccomp.Attr.CTL_TSYNC, 1)
        for name in DENIED_SYSTEM_CALLS:
            rules.add_rule(pyseccomp.ERRNO(DENIED_ERRNO), name)
        rules.load()
    except OSError as error:
        raise SandboxUnavailable(f"the kernel refused the seccomp filter: {error}") from None


def is_network_refusal(error: BaseException) -> bool:
    """Whether a query failed because the sandbox refused it a connection (how pyoxigraph reports it)."""
    if isinstance(error, PermissionError):
        return True
    return isinstance(error, OSError) and str(error).startswith(NAME_LOOKUP_FAILURE)


def seccomp_mode(pid: int | str = "self") -> str | None:
    """The `Seccomp:` line of /proc/PID/status ("2" = filtering), or None where there is no such file."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Seccomp:"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


PROBES = {
    "TCP": (socket.AF_INET, socket.SOCK_STREAM),
    "UDP": (socket.AF_INET, socket.SOCK_DGRAM),
    "TCP over IPv6": (socket.AF_INET6, socket.SOCK_STREAM),
    "Unix": (socket.AF_UNIX, socket.SOCK_STREAM),
}


def check() -> str:
    """Install the filter in this process and prove that sockets are refused; a one-line report."""
    install()
    for name, (family, kind) in PROBES.items():
        try:
            socket.socket(family, kind).close()
        except PermissionError:
            continue
        raise SandboxUnavailable(f"the seccomp filter was loaded but a {name} socket could still be created")
    try:
        socket.socketpair()
    except PermissionError:
        return f"sandbox installed: socket() refused (seccomp mode {seccomp_mode()})"
    raise SandboxUnavailable("the seccomp filter was loaded but a socket pair could still be created")


def require_available() -> None:
    """SandboxUnavailable (with the way out) unless a fresh process can install the sandbox."""
    probe = subprocess.run(
        [sys.executable, "-m", "integrationsgraph.sparql.sandbox"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        reason = (probe.stderr or probe.stdout).strip() or f"the check exited with {probe.returncode}"
        raise SandboxUnavailable(f"query workers cannot be sandboxed: {reason}; {OFF_HINT}")


def main() -> int:
    try:
        print(check())
    except SandboxUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
