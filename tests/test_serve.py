"""brief serve, driven as an author uses it: the page open in headless Chromium, a file saved, the page reloaded
with the change; a mistake saved, its located problem shown over the last good page; the fix saved, gone again.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Browser, Page, chromium

from brief.commands.serve import serve
from brief.commands.watch import Rebuild

#: Longest wait for a build or a page on a loaded machine; the reload itself is held to RELOAD_SECONDS.
PATIENCE = 60.0
#: From the save to the page showing it: the rebuild, the event and the reload.
RELOAD_SECONDS = 1.0


def save(path: Path, text: str) -> None:
    """Save as editors do: a temporary file renamed over the file."""
    temp = path.with_name(f".{path.name}.saving")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


@contextlib.contextmanager
def serving(project: Path) -> Iterator[tuple[str, queue.Queue[Rebuild]]]:
    """`brief serve` on a thread and any free port; its address and its builds. Stopped, and checked gone, after."""
    builds: queue.Queue[Rebuild] = queue.Queue()
    addresses: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(
        target=serve,
        args=(project, None, None, builds.put),
        kwargs={"port": 0, "stop": stop, "on_ready": addresses.put},
        daemon=True,
    )
    worker.start()
    try:
        yield addresses.get(timeout=PATIENCE), builds
    finally:
        stop.set()
        worker.join(timeout=PATIENCE)
    assert not worker.is_alive()


def wait_until(tab: Page, condition: str, seconds: float) -> float:
    """Seconds until the JavaScript `condition` holds, polled; fails after `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if tab.evaluate(f"!!({condition})"):
            return time.monotonic() - start
        time.sleep(0.02)
    raise AssertionError(f"not within {seconds} s: {condition}")


def test_the_page_is_served_with_its_image_and_only_here(project: Path) -> None:
    with serving(project) as (address, builds):
        assert builds.get(timeout=PATIENCE).web is not None
        assert address.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(address) as reply:
            page = reply.read().decode("utf-8")
        assert page.startswith("<!DOCTYPE html>") and 'new EventSource("/events")' in page
        assert page.count("</body>") == 1 and page.index("EventSource") < page.index("</body>")
        with urllib.request.urlopen(address + "brief-card.png") as reply:
            assert reply.read().startswith(b"\x89PNG")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(address + "../content/brief.yaml")


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (apt-get install chromium)")
def test_a_save_reloads_the_page_and_a_mistake_shows_over_the_last_good_one(project: Path) -> None:
    findings = project / "content" / "findings.yaml"
    original = findings.read_text(encoding="utf-8")
    browser = Browser()
    try:
        with serving(project) as (address, builds):
            assert builds.get(timeout=PATIENCE).web is not None
            tab = browser.page(1000, 800)
            tab.open(address)
            tab.evaluate("window.notReloaded = true")
            time.sleep(0.3)  # the event stream is open and has had the first build's news
            assert tab.evaluate("window.notReloaded") is True  # the first build's news reloads nothing

            builds_before = builds.qsize()
            save(findings, original.replace("Almost every mayor", "Nearly every mayor"))
            took = wait_until(tab, "!window.notReloaded && document.readyState === 'complete'", PATIENCE)
            assert builds.qsize() == builds_before + 1
            assert "Nearly every mayor wants" in tab.evaluate("document.querySelector('main h3').textContent")
            assert took < RELOAD_SECONDS, f"the page reloaded {took:.2f} s after the save"

            tab.evaluate("window.notReloaded = true")
            save(findings, original.replace("headline:", "headlin:", 1))
            wait_until(tab, "document.getElementById('brief-serve-problems')", PATIENCE)
            shown = tab.evaluate("document.getElementById('brief-serve-problems').textContent")
            assert "content/findings.yaml:" in shown and "error: unknown key 'headlin'" in shown
            assert tab.evaluate("window.notReloaded") is True  # the last good page stays
            assert tab.evaluate("document.getElementById('brief-serve-problems').getAttribute('role')") == "alert"

            save(findings, original)
            wait_until(tab, "!window.notReloaded && document.readyState === 'complete'", PATIENCE)
            assert tab.evaluate("document.getElementById('brief-serve-problems')") is None
            assert "Almost every mayor wants" in tab.evaluate("document.querySelector('main h3').textContent")
    finally:
        browser.close()


def test_a_taken_port_is_one_located_line(project: Path) -> None:
    import socket

    from brief.errors import BriefError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BriefError) as raised:
            serve(project, None, None, lambda _: None, port=port)
    assert raised.value.problems[0].format() == (
        f"127.0.0.1:{port}: error: cannot serve on port {port}: Address already in use (choose another --port)"
    )
