"""The likely last layout pass, run ahead in a forked process while this one runs the draft passes.

When the previous build's final layout (the hint) is known, the pass that will most likely be kept is the
one fed with exactly that layout. A child process, forked once fonts, styles and drawings are ready, lays
the brief out with that input and finishes the PDF (tags, XMP: finish.py), on another processor, while this
process runs the draft passes that settle the layout (passes.py). If the passes then ask for a full pass
with that input, the child's bytes are used; they are what this process would have made, since a pass and
its finishing depend only on their input. Otherwise the child is stopped. Nothing the child does reaches
the disk, and any failure in it only means the pass is run here after all.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

#: What the child computes: the layout and the finished PDF bytes of one full pass.
Work = Callable[[], tuple[Any, bytes]]


class Ahead:
    """One full pass (and its finishing) computed in a child process for a given input."""

    def __init__(self, key: Any, work: Work) -> None:
        self.key = key
        self.pid = 0
        self._result: tuple[Any, bytes] | None = None
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
            os.close(read)
            code = 1
            with contextlib.suppress(BaseException), os.fdopen(write, "wb") as out:
                out.write(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
                code = 0
            os._exit(code)
        os.close(write)
        self.pid, self._read = pid, read

    def result(self, key: Any) -> tuple[Any, bytes] | None:
        """The child's layout and finished bytes if it computed `key` and succeeded; else None."""
        if key != self.key or not self.pid:
            return None
        with os.fdopen(self._read, "rb") as source:
            data = source.read()  # until the child closes its end
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        self._result = pickle.loads(data)  # from our own child, through a pipe
        return self._result

    def stop(self) -> None:
        """Stop the child if it still runs (its pass was not needed)."""
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            with contextlib.suppress(OSError):
                os.close(self._read)
            self.pid = 0


def fork_safe() -> bool:
    """Forking is safe only on Linux and in a process with a single thread (`brief watch` runs two)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1
