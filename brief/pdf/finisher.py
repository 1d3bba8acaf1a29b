"""Finishing the PDF (finish.py) with pikepdf's import off the critical path of a build.

pikepdf takes about as long to import as the brief takes to lay out. So when `brief build` starts its one
build in a process that has not imported pikepdf yet, may fork and has a second processor, a child process
is forked at once: it imports pikepdf while this process validates the content and lays it out, then
finishes the PDF it is sent and sends it back. (A process that builds again and again — a batch, a watch,
a test run — imports pikepdf once instead.) Otherwise — or if the child fails in any way — finishing runs
in this process. Finishing depends only on its input, so the bytes are the same either way; nothing the
child does reaches the disk.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
from typing import Any

from brief.processes import cpu_count, fork_safe


class Finisher:
    """Finishes PDF bytes, in a child process started early when that helps (see above)."""

    def __init__(self, early: bool = False) -> None:
        self.pid = 0
        if early and "pikepdf" not in sys.modules and cpu_count() >= 2 and fork_safe():
            self.start()

    def start(self) -> None:
        """Fork the child that imports pikepdf and waits for the PDF to finish."""
        # Objects the collector never scans again are not copied page by page, by both processes, after fork:
        # with the collector on and without this, the child slowed this process down more than it saved.
        # (`brief build` turns the collector off; this keeps any other caller safe.)
        gc.freeze()
        request_read, request_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: import, wait for the request, answer, leave without the parent's exit handlers
            os.close(request_write)
            os.close(result_read)
            code = 1
            with contextlib.suppress(BaseException):
                from brief.pdf.finish import finish, warm_up

                warm_up()  # while the parent is still laying out
                with os.fdopen(request_read, "rb") as source:
                    request = source.read()  # until the parent closes its end
                if request:
                    data = finish(*pickle.loads(request))  # from our own parent, through a pipe
                    with os.fdopen(result_write, "wb") as out:
                        out.write(data)
                    code = 0
            os._exit(code)
        os.close(request_read)
        os.close(result_write)
        self.pid = pid
        self._request, self._result = os.fdopen(request_write, "wb"), os.fdopen(result_read, "rb")

    def finish(self, data: bytes, tree: Any, meta: Any) -> bytes:
        """`data` with its structure tree, metadata and colour profile (finish.finish)."""
        if self.pid:
            finished = self._in_child(pickle.dumps((data, tree, meta), protocol=pickle.HIGHEST_PROTOCOL))
            if finished is not None:
                return finished
        from brief.pdf.finish import finish

        return finish(data, tree, meta)

    def _in_child(self, request: bytes) -> bytes | None:
        try:
            with self._request:
                self._request.write(request)
            with self._result:
                finished = self._result.read()  # until the child closes its end
            _, status = os.waitpid(self.pid, 0)
        except OSError:
            self.stop()
            return None
        self.pid = 0
        return finished if os.waitstatus_to_exitcode(status) == 0 and finished else None

    def stop(self) -> None:
        """Stop the child if it still runs (the build failed before finishing)."""
        if not self.pid:
            return
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        for pipe in (self._request, self._result):
            with contextlib.suppress(OSError):
                pipe.close()
        self.pid = 0
