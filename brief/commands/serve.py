"""`brief serve`: the web page on a local server that rebuilds on every save and reloads the browser.

`brief watch --format html` does the watching and building; this adds a small HTTP server on 127.0.0.1 (the
standard library's) that serves the page with a script added, and a Server-Sent Events stream that tells the
page of every build. After a good build the page reloads; after a failed one it keeps the last good build and
shows the build's located problems over it, until a save fixes them.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from brief.building.pipeline import default_output
from brief.building.web_edition import card_target, web_target
from brief.commands.watch import Rebuild, watch
from brief.content.markup import escape
from brief.errors import BriefError, Problem

#: An idle event stream sends a comment this often, so proxies and browsers keep it open.
HEARTBEAT_SECONDS = 15.0


class Builds:
    """The latest build's outcome, numbered; event streams wait here for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.number = 0
        self.problems: list[str] = []
        self.closed = False

    def record(self, rebuild: Rebuild) -> None:
        with self._changed:
            self.number += 1
            self.problems = [] if rebuild.succeeded else _problem_lines(rebuild)
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def next_after(self, seen: int, timeout: float) -> dict[str, Any] | None:
        """The outcome of the build after `seen`, or None when none came within `timeout` (or the server stops)."""
        with self._changed:
            self._changed.wait_for(lambda: self.number > seen or self.closed, timeout)
            if self.number <= seen or self.closed:
                return None
            return {"build": self.number, "problems": list(self.problems)}


def _problem_lines(rebuild: Rebuild) -> list[str]:
    if rebuild.error is not None:
        return [f"internal error: {type(rebuild.error).__name__}: {rebuild.error}"]
    return [problem.format() for problem in rebuild.problems]


#: Added to the served page: follows the builds, reloads after a good one, shows a failed one's problems.
LIVE_SCRIPT = """<script>
(() => {
  const loaded = %d;
  const events = new EventSource("/events");
  events.addEventListener("build", (message) => {
    const build = JSON.parse(message.data);
    let overlay = document.getElementById("brief-serve-problems");
    if (!build.problems.length) {
      if (build.build !== loaded) location.reload();
      else if (overlay) overlay.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "brief-serve-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:9;margin:0;" +
        "padding:1rem;background:#fff8f0;color:#1d2433;border-top:4px solid #b3261e;font:14px/1.4 monospace";
      document.body.append(overlay);
    }
    const heading = document.createElement("p");
    heading.style.cssText = "margin:0 0 .5rem;font-weight:bold";
    heading.textContent = "The brief did not build; this is the last good build.";
    const lines = document.createElement("pre");
    lines.style.cssText = "margin:0;white-space:pre-wrap";
    lines.textContent = build.problems.join("\\n");
    overlay.replaceChildren(heading, lines);
  });
})();
</script>
"""

NO_PAGE_YET = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>brief serve: no page yet</title></head>
<body><main><h1>No page yet</h1><p>The first build of %s did not succeed; save a fix and this page reloads.</p>
</main>
"""


def make_handler(page: Path, builds: Builds) -> type[BaseHTTPRequestHandler]:
    """The request handler: the page (with the live script), its preview image, and the event stream."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "brief-serve"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/events":
                self._events()
            elif path in ("/", f"/{page.name}"):
                self._page()
            elif path == f"/{card_target(page).name}" and card_target(page).is_file():
                self._send(card_target(page).read_bytes(), "image/png")
            else:
                self._send(b"not found\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

        def _page(self) -> None:
            number = builds.number
            script = (LIVE_SCRIPT % number).encode("utf-8")
            if page.is_file():
                html = page.read_bytes()
                at = html.rfind(b"</body>")
                body = html[:at] + script + html[at:] if at >= 0 else html + script
            else:
                body = (NO_PAGE_YET % escape(str(page))).encode("utf-8") + script + b"</body></html>\n"
            self._send(body, "text/html; charset=utf-8")

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = 0  # the stream starts with the latest build's outcome
            try:
                while True:
                    outcome = builds.next_after(seen, HEARTBEAT_SECONDS)
                    if builds.closed:
                        return
                    if outcome is None:
                        self.wfile.write(b": still here\n\n")
                    else:
                        seen = outcome["build"]
                        self.wfile.write(f"event: build\ndata: {json.dumps(outcome)}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return  # the tab was closed or reloaded

        def _send(self, body: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the build status lines are the log

    return Handler


def serve(
    project: Path,
    output: Path | None,
    style: str | None,
    on_rebuild: Callable[[Rebuild], None],
    *,
    port: int = 8000,
    stop: threading.Event | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the web page of `project` at http://127.0.0.1:`port`/ (0: any free port), rebuilding it on every
    save, until `stop` is set (or Ctrl-C). `on_ready` is told the address once the first build is done."""
    page = web_target(output or default_output(project))
    builds = Builds()
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(page, builds))
    except OSError as exc:  # the port is taken, or below 1024 without the rights to it
        why = f"cannot serve on port {port}: {exc.strerror or exc}"
        raise BriefError([Problem(f"127.0.0.1:{port}", 0, 0, why, hint="choose another --port")]) from exc
    server.daemon_threads = True  # open event streams do not keep the process alive
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    address = f"http://127.0.0.1:{server.server_address[1]}/"

    def rebuilt(rebuild: Rebuild) -> None:
        builds.record(rebuild)
        on_rebuild(rebuild)

    def ready(_: object) -> None:
        thread.start()
        if on_ready is not None:
            on_ready(address)

    try:
        watch(project, output, style, rebuilt, stop, ready, ("html",))
    finally:
        builds.close()
        if thread.is_alive():
            server.shutdown()
        server.server_close()
