"""Headless Chromium, driven over the DevTools protocol through a pipe: the standard library is all it needs.

`--remote-debugging-pipe` makes Chromium read protocol commands from file descriptor 3 and write replies and
events to 4, each message JSON ended by a NUL byte. No port is opened, no websocket library is needed, and the
browser ends with the pipe. One Browser per test module; each `page()` is a tab of it.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: The WCAG 2.0 and 2.1 rules, levels A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Longest wait for one protocol reply: a page's load, or axe over a long page, on a busy machine.
TIMEOUT = 60.0


def chromium() -> str | None:
    """The Chromium (or Chrome) executable, if one is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str:
    """Why the browser tests cannot run here ('' when they can)."""
    if chromium() is None:
        return "Chromium is not installed (apt-get install chromium; .ci/run installs it)"
    if not AXE.is_file():
        return "axe-core is not installed (npm ci installs the version package-lock.json pins)"
    return ""


class BrowserError(Exception):
    """The browser answered a command with an error, or not at all."""


class Browser:
    """One headless Chromium process; commands go down one pipe and replies come up the other."""

    def __init__(self) -> None:
        executable = chromium()
        assert executable is not None, missing()
        self._profile = tempfile.mkdtemp(prefix="brief-chromium-")
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()

        def on_fds_3_and_4() -> None:  # in the child, before Chromium starts
            # Moved out of the way first: either pipe end may itself be 3 or 4.
            reading, writing = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser))
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-sandbox",  # tests run as root in containers, where Chromium's sandbox cannot start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                f"--user-data-dir={self._profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL if not os.environ.get("BRIEF_BROWSER_LOG") else None,
            preexec_fn=on_fds_3_and_4,
            pass_fds=(3, 4),  # kept open by the child's closing of every other descriptor
        )
        os.close(to_browser)
        os.close(from_browser)
        self._next_id = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its reply; events that arrive meanwhile are kept in `events`."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, event: str, session: str) -> dict[str, Any]:
        """The next event named `event` of `session` (one that came already, or the next to come)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for index, seen in enumerate(self.events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    return dict(self.events.pop(index).get("params", {}))
            self.events.append(self._read(deadline))

    def _read(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._replies], [], [], max(left, 0))
            if not ready:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(message))

    def page(self, width: int = 1280, height: int = 900) -> Page:
        """A new tab, `width` × `height` CSS pixels."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        page.send("Page.enable")
        page.resize(width, height)
        return page

    def close(self) -> None:
        with contextlib.suppress(BrowserError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._replies)
        shutil.rmtree(self._profile, ignore_errors=True)


class Page:
    """One tab of the browser."""

    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser, self.session, self.target = browser, session, target

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def resize(self, width: int, height: int) -> None:
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", metrics)

    def open(self, path: Path | str) -> None:
        """Load the file at `path` (or a URL) and wait until it has loaded, fonts included."""
        url = path if isinstance(path, str) else path.resolve().as_uri()
        self.send("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired", self.session)
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (a promise is awaited); a thrown error fails."""
        params = {"expression": expression, "awaitPromise": True, "returnByValue": True}
        reply = self.send("Runtime.evaluate", params)
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression[:80]}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def axe(self, tags: list[str] = WCAG_TAGS) -> list[dict[str, Any]]:
        """axe-core's violations of the rules with `tags`: each rule's id, impact, help and offending nodes."""
        self.evaluate(AXE.read_text(encoding="utf-8") + ";true")
        run = (
            "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))"
        )
        return list(self.evaluate(run % json.dumps(tags)))

    def press_tab(self) -> None:
        """One press of the Tab key."""
        key = {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **key})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **key})

    def screenshot(self, path: Path, full_page: bool = True) -> None:
        """A PNG of the page (all of it, or the viewport) at one device pixel per CSS pixel."""
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            width, height = self.evaluate("[document.body.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        data = self.send("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))

    def print_pdf(self) -> bytes:
        """The page printed to PDF, on the paper and margins its print stylesheet asks for."""
        data = self.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"]
        return base64.b64decode(data)

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
