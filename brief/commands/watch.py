"""`brief watch`: rebuild the brief on every save of a content, data or theme file.

Watched are content/, styles/, and each file from elsewhere that the last build read (its stamp lists
them: a theme named by path and the themes it extends, a CSV or logo outside content/).

File-system events are filtered (only content, data and theme files count; never output/, the chart
cache or an editor's temporary files, so a build's own writes cannot start another build), gathered
until the saves are complete, and then one build runs in this same process: modules stay imported,
fonts registered and the chart cache warm, so a text edit rebuilds in a fraction of a second.

A save is complete when the file is closed after writing, or when an editor's temporary file is renamed
over it: the build starts at once. Other events (a file created, written to, deleted) may be the middle
of a save, so the build waits until they pause for a moment.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brief.building.pipeline import BuildReport, build, default_output, warm_up
from brief.building.web_edition import WebReport, build_web, web_target
from brief.errors import BriefError, Problem
from brief.theme.model import BUILTIN_THEMES

#: How long saves must pause before a rebuild starts: an editor's save is several events in a burst.
QUIET_SECONDS = 0.1
#: A stream of events that never pauses still rebuilds this often.
LONGEST_WAIT = 1.0

#: What each watched folder's files are, by suffix.
_SUFFIXES = {
    "content": {".yaml": "content", ".yml": "content", ".csv": "data", ".png": "logo", ".jpg": "logo", ".svg": "logo"},
    "styles": {".yaml": "style", ".yml": "style"},
}
#: What a file read from outside content/ and styles/ is, by suffix: a YAML file there can only be a theme.
_KIND_ELSEWHERE = {**_SUFFIXES["content"], **_SUFFIXES["styles"]}
_IGNORED_FOLDERS = {"output", "__pycache__"}
_TEMP_SUFFIXES = (".swp", ".swo", ".swx", ".tmp", ".temp", ".bak", ".orig", ".part", ".kate-swp", "~")
# Events that can mean new content; opening or reading a file (the build does) is none of them.
_CHANGE_EVENTS = {"created", "modified", "moved", "deleted", "closed"}
# Events that end a save: the file's new content is all there.
_SAVED_EVENTS = {"moved", "closed"}


def is_editor_temp(name: str) -> bool:
    """Swap, backup, lock and save-in-progress files that editors write beside the file being edited."""
    return (
        name.startswith((".", "#", "~"))  # vim .x.swp, emacs .#x and #x#, LibreOffice ~lock, atomic-save temps
        or name.endswith(_TEMP_SUFFIXES)
        or "___jb_" in name  # JetBrains' safe write
        or name.isdigit()  # vim probes whether it may write a folder with a file named 4913
    )


@dataclass(frozen=True)
class Watched:
    """The folders (real paths) whose files a rebuild depends on, and the files it read from elsewhere: a
    theme named by path and the themes it extends, a CSV or a logo outside content/."""

    project: Path
    roots: dict[Path, str]
    files: frozenset[Path] = frozenset()

    @classmethod
    def of(cls, project: Path, style: str | None = None, read: Iterable[str] = ()) -> Watched:
        """What to watch for a build of `project` with `style`, that also `read` these files (build_stamp's
        list of files from outside content/ and styles/, after a build)."""
        roots = {}
        for name in ("content", "styles"):
            if (project / name).is_dir():
                roots[(project / name).resolve()] = name
        files = {Path(name).resolve() for name in read}
        if style and (style.endswith((".yaml", ".yml")) or "/" in style):
            candidate = Path(style) if Path(style).is_file() else project / style
            if candidate.is_file():
                files.add(candidate.resolve())
        # brief's own themes change only with brief, which a running watch does not pick up anyway
        known = [*roots, BUILTIN_THEMES.resolve()]
        outside = frozenset(path for path in files if not any(path.is_relative_to(folder) for folder in known))
        return cls(project.absolute(), roots, outside)

    def after(self, output: Path | None, style: str | None, rebuilt: Rebuild) -> Watched:
        """What to watch once `rebuilt` has run: the files the stamp of the last good build of `output` says
        it read; and after a failed build, also what was watched before and each file a problem points at
        (a shared theme newly extended, say, with a mistake in it: saving the fix rebuilds)."""
        from brief.building.pipeline import build_stamp_request
        from brief.building.stamp import read_stamp

        stamp = read_stamp(build_stamp_request(self.project, output, style))
        read = list(stamp.extra) if stamp is not None else []
        if not rebuilt.succeeded:
            read += [str(path) for path in self.files]
            pointed = {Path(problem.path) for problem in rebuilt.problems}  # not the PDF it could not write
            read += [str(path) for path in pointed if path.suffix.lower() in _KIND_ELSEWHERE and path.is_file()]
        return Watched.of(self.project, style, read)

    def change_kind(self, path: Path) -> str | None:
        """`content`, `data`, `logo` or `style` for a file whose change needs a rebuild; None for any other."""
        if is_editor_temp(path.name):
            return None
        if path in self.files:
            return _KIND_ELSEWHERE.get(path.suffix.lower(), "content")
        for root, name in self.roots.items():
            if path.is_relative_to(root):
                inside = path.relative_to(root).parts
                if any(part in _IGNORED_FOLDERS or part.startswith(".") for part in inside):
                    return None
                return _SUFFIXES[name].get(path.suffix.lower())
        return None

    def shown(self, path: Path) -> str:
        """The path as the user knows it: under the project's content/ or styles/, not where a link leads."""
        for root, name in self.roots.items():
            if path.is_relative_to(root):
                return str(Path(name, path.relative_to(root)))
        return str(path)


class ChangeBatch:
    """Changed paths gathered from the watcher's thread, handed over once a save is complete or saves pause
    for `quiet` seconds."""

    def __init__(self, quiet: float = QUIET_SECONDS, longest: float = LONGEST_WAIT) -> None:
        self.quiet, self.longest = quiet, longest
        self._ready = threading.Condition()
        self._changed: dict[str, None] = {}  # insertion-ordered set
        self._first = self._last = 0.0
        self._saved = False  # the last event ended a save

    def add(self, name: str, saved: bool = False) -> None:
        """`name` changed; `saved` when the event ends a save (the file closed after writing, or renamed)."""
        with self._ready:
            now = time.monotonic()
            if not self._changed:
                self._first = now
            self._changed.setdefault(name)
            self._last, self._saved = now, saved
            self._ready.notify_all()

    def take(self, timeout: float) -> list[str]:
        """The names changed since the last take, once saves have paused; [] when none came within `timeout`."""
        deadline = time.monotonic() + timeout
        with self._ready:
            while True:
                now = time.monotonic()
                paused = now - self._last >= self.quiet or now - self._first >= self.longest
                if self._changed and (self._saved or paused):
                    batch = list(self._changed)
                    self._changed.clear()
                    return batch
                if not self._changed and now >= deadline:
                    return []
                wait = self.quiet - (now - self._last) if self._changed else deadline - now
                self._ready.wait(max(wait, 0.005))


@dataclass(frozen=True)
class Rebuild:
    """One build: what started it, how long it took, and the report or the problems that stopped it."""

    changed: tuple[str, ...]
    seconds: float
    report: BuildReport | None = None
    problems: list[Problem] = field(default_factory=list)
    error: Exception | None = None  # a bug in brief, reported without ending the watch
    kept: Path | None = None  # the last good PDF (or page), left as it was, when this build failed
    web: WebReport | None = None  # the web page, when the watch builds one
    edition: str = "PDF"  # what a failed build keeps: the PDF, or the page when only the page is built

    @property
    def succeeded(self) -> bool:
        return self.report is not None or self.web is not None

    @property
    def warnings(self) -> list[Problem]:
        """The warnings of a build that succeeded (the PDF's, which include the content's), else the problems."""
        if self.report is not None:
            return self.report.warnings
        return self.web.warnings if self.web is not None else self.problems


def status_line(rebuild: Rebuild) -> str:
    """One line per build: when, what changed, the outcome, the time taken, and the PDF's pages and size."""
    from brief.building.budget import human_size

    stamp = time.strftime("%H:%M:%S")
    shown = list(rebuild.changed[:3]) + ([f"{len(rebuild.changed) - 3} more"] if len(rebuild.changed) > 3 else [])
    cause = f"{', '.join(shown)} changed: " if shown else ""
    report, web, verb = rebuild.report, rebuild.web, "rebuilt" if shown else "built"
    page = f"{web.path}, {human_size(web.size)}" if web is not None else ""
    if report is not None:
        pages = f"{report.pages} {'page' if report.pages == 1 else 'pages'}, {human_size(report.size)}"
        and_page = f"; {verb} {page}" if page else ""
        if report.unchanged:  # nothing that shapes the PDF changed: it was left as it was
            return f"[{stamp}] {cause}{report.path} is up to date, {pages}{and_page}"
        return f"[{stamp}] {cause}{verb} {report.path} in {rebuild.seconds:.2f} s, {pages}{and_page}"
    if web is not None:
        return f"[{stamp}] {cause}{verb} {web.path} in {rebuild.seconds:.2f} s, {human_size(web.size)}"
    what = rebuild.edition
    kept = f"kept the last good {what}, {rebuild.kept}" if rebuild.kept else f"no {what} written yet"
    return f"[{stamp}] {cause}build failed after {rebuild.seconds:.2f} s; {kept}"


def rebuild(
    project: Path,
    output: Path | None,
    style: str | None,
    changed: tuple[str, ...] = (),
    formats: tuple[str, ...] = ("pdf",),
    paper: str | None = None,
) -> Rebuild:
    """Build once, the PDF or the web page or both (on `paper`, over the theme's, if given); a failure is
    returned, not raised, so the watch goes on."""
    start = time.perf_counter()
    target, edition = output or default_output(project), "PDF"
    if "pdf" not in formats:
        target, edition = web_target(target), "page"
    try:
        report = build(project, output, style, paper=paper) if "pdf" in formats else None
        web = build_web(project, output, style, paper=paper) if "html" in formats else None
    except BriefError as exc:
        kept = target if target.is_file() else None
        return Rebuild(changed, time.perf_counter() - start, problems=exc.problems, kept=kept, edition=edition)
    except Exception as exc:  # a watch outlives a bug in one build; the CLI reports it as one
        kept = target if target.is_file() else None
        return Rebuild(changed, time.perf_counter() - start, error=exc, kept=kept, edition=edition)
    return Rebuild(changed, time.perf_counter() - start, report=report, web=web)


def watch(
    project: Path,
    output: Path | None,
    style: str | None,
    on_rebuild: Callable[[Rebuild], None],
    stop: threading.Event | None = None,
    on_ready: Callable[[Watched], None] | None = None,
    formats: tuple[str, ...] = ("pdf",),
    paper: str | None = None,
) -> None:
    """Build, then rebuild after every batch of relevant saves until `stop` is set (or Ctrl-C); `formats` are
    the editions built each time: the PDF, the web page or both."""
    if not (project / "content").is_dir():
        hint = "run 'brief watch' in a brief project, or name one"
        raise BriefError([Problem(str(project / "content"), 0, 0, "no content folder here", hint=hint)])
    changes = ChangeBatch()
    watcher = _Watcher(Watched.of(project, style), changes)
    watcher.start()
    try:
        first = rebuild(project, output, style, (), formats, paper)
        _follow(watcher, changes, project, output, style, first)
        on_rebuild(first)
        if first.report is not None and first.report.unchanged:  # nothing was loaded: load it while idle
            with contextlib.suppress(Exception):
                warm_up(project, style)
        _settle_memory()
        if on_ready is not None:
            on_ready(watcher.watched)
        while stop is None or not stop.is_set():
            batch = changes.take(timeout=0.25)
            if batch:
                done = rebuild(project, output, style, tuple(batch), formats, paper)
                _follow(watcher, changes, project, output, style, done)  # a theme may extend another now
                on_rebuild(done)
                _settle_memory()
    finally:
        watcher.stop()


def _follow(
    watcher: _Watcher, changes: ChangeBatch, project: Path, output: Path | None, style: str | None, done: Rebuild
) -> None:
    """Watch what `done` read, from now on. A file watched only from now on was read unwatched: if it
    changed after the build read it, the build is not up to date (build_stamp.record wrote no stamp), and
    it is built again."""
    from brief.building.pipeline import build_stamp_request
    from brief.building.stamp import up_to_date

    new = watcher.follow(watcher.watched.after(output, style, done))
    if new and done.report is not None and up_to_date(build_stamp_request(project, output, style)) is None:
        for path in sorted(new):
            changes.add(watcher.watched.shown(path), saved=True)


def _settle_memory() -> None:
    """Between builds: collect the last build's garbage, then set what survives (modules, fonts, caches)
    aside from the collector, so that collections during the next build scan only that build's objects.
    The first rebuild after starting took three times as long without it."""
    gc.collect()
    gc.freeze()


class _Watcher:
    """watchdog's observer, told of every change to what `watched` names, on the observer's own thread."""

    def __init__(self, watched: Watched, changes: ChangeBatch) -> None:
        from watchdog.observers import Observer

        self.watched = watched
        self._changes = changes
        self._observer = Observer()
        self._handler = self._make_handler()
        self._folders: set[Path] = set()
        for root in sorted(watched.roots):
            self._observer.schedule(self._handler, str(root), recursive=True, event_filter=_kernel_events())
        self.follow(watched)

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)

    def follow(self, watched: Watched) -> frozenset[Path]:
        """Watch what `watched` names from now on: the folder of each file outside the roots is added once.
        The files not watched before."""
        new = watched.files - self.watched.files
        self.watched = watched  # one reference, swapped whole: the observer's thread reads it
        for folder in sorted({path.parent for path in watched.files} - self._folders):
            with contextlib.suppress(OSError):  # a folder that is gone: nothing in it can change the build
                self._observer.schedule(self._handler, str(folder), recursive=False, event_filter=_kernel_events())
                self._folders.add(folder)
        return new

    def _make_handler(self) -> Any:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler

        watcher, changes = self, self._changes

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.is_directory or event.event_type not in _CHANGE_EVENTS:
                    return
                watched = watcher.watched
                for raw in (event.src_path, getattr(event, "dest_path", "")):
                    path = Path(os.fsdecode(raw)) if raw else None
                    if path is not None and watched.change_kind(path):
                        changes.add(watched.shown(path), saved=event.event_type in _SAVED_EVENTS)

        return Handler()


def _kernel_events() -> list[Any]:
    """The events asked of the kernel: the build's own reading (opened, closed without writing) raises none
    at all. Handling them, thread by thread, made a rebuild in this process a third slower."""
    from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent

    return [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent]
