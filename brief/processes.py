"""How brief may use more than one processor: how many it has, and how to start another process."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any


def cpu_count() -> int:
    """The processors this process may run on (fewer than the machine's inside a container or with taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def fork_safe() -> bool:
    """Forking is safe only on Linux and in a process with a single thread (`brief watch` runs two)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def fork_context() -> Any:
    """How to start worker processes: forked on Linux, so they start at once with fonts and modules loaded.

    Forking is only safe in a process with a single thread (`brief watch` runs a file-watching thread), so a
    threaded process uses a fork server instead; macOS forbids fork once system frameworks are loaded, so
    there (and on Windows) the platform's default is used.
    """
    import multiprocessing

    if not sys.platform.startswith("linux"):
        return None
    return multiprocessing.get_context("fork" if fork_safe() else "forkserver")


class WorkAhead:
    """`work(item)` for each item in turn, in a child process forked now, while this process does something
    else (a batch imports ReportLab and matplotlib meanwhile); `take()` collects what is done by then.

    Results come back pickled, through a pipe enlarged so that the child seldom waits for it to be read;
    when it is full the child just waits, and once `take()` has read it, the child's next write fails and it
    leaves. What the child did not finish is simply not among the results: the caller does it itself. Only
    where forking is safe; elsewhere nothing is done ahead.
    """

    #: How much the pipe may hold: Linux's default ceiling for an unprivileged process.
    PIPE_BYTES = 1 << 20

    def __init__(self, items: Sequence[Any], work: Callable[[Any], Any]) -> None:
        self.pid, self._read = 0, -1
        if not fork_safe():
            return
        import gc
        import pickle
        import struct

        read, write = os.pipe()
        with contextlib.suppress(OSError, AttributeError):  # AttributeError: no F_SETPIPE_SZ before Linux 2.6.35
            import fcntl

            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, self.PIPE_BYTES)
        gc.freeze()  # so that neither process copies the other's objects page by page when the collector runs
        try:
            pid = os.fork()
        except OSError:  # no process to spare: nothing is done ahead
            gc.unfreeze()
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: work, send, and leave without the parent's exit handlers or buffered output
            os.close(read)
            with contextlib.suppress(BaseException), os.fdopen(write, "wb") as out:
                for index, item in enumerate(items):
                    try:
                        data = pickle.dumps(work(item), protocol=pickle.HIGHEST_PROTOCOL)
                    except Exception:  # left to the caller, which meets the failure again and reports it
                        continue
                    out.write(struct.pack("!II", index, len(data)) + data)
                    out.flush()
            os._exit(0)
        os.close(write)
        self.pid, self._read = pid, read

    def take(self) -> dict[int, bytes]:
        """The pickled results finished so far, by item index; the child stops at its next result."""
        import struct

        if self._read < 0:
            return {}
        os.set_blocking(self._read, False)
        chunks = []
        with contextlib.suppress(BlockingIOError, OSError):
            while chunk := os.read(self._read, self.PIPE_BYTES):
                chunks.append(chunk)
        self._close()
        data, results, at = b"".join(chunks), {}, 0
        while at + 8 <= len(data):
            index, size = struct.unpack_from("!II", data, at)
            if at + 8 + size > len(data):
                break  # cut off mid-result
            results[index] = data[at + 8 : at + 8 + size]
            at += 8 + size
        return results

    def reap(self, patience: float = 1.0) -> None:
        """Wait for the child to leave, which it does at its next result once the pipe is closed; one that
        has not within `patience` seconds (stuck on a file that never ends, say) is killed: its results are
        no longer wanted."""
        import signal
        import time

        self._close()
        if not self.pid:
            return
        deadline = time.monotonic() + patience
        with contextlib.suppress(OSError):
            while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
                    break
                time.sleep(0.005)
        self.pid = 0

    def _close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
