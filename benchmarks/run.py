"""Measure brief's build times, PDF size and memory against their targets; print one table.

    python benchmarks/run.py            # medians of 5 runs of each figure (a few minutes)
    python benchmarks/run.py --quick    # 3 runs, a smaller batch, one run of the long brief (about a minute)
    python benchmarks/run.py --baseline REV   # each figure also for the code at git revision REV, in turn,
                                              # with the ratio of the two: a slower host slows both alike

Every figure is a whole `python -m brief ...` process, as a user runs it: interpreter start, imports and all.
Peak memory is the largest resident set of a build's process tree (os.wait4), pool workers included.
`brief watch` is timed from the moment an edit is saved to the new PDF's modification time.

Python's bytecode is cached as an installed package's is (`pip install` compiles it), even where
PYTHONDONTWRITEBYTECODE is set: into a folder of the run's own, so the checkout stays clean.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import projects  # the folder of this script, added just above

STAGES = ("startup", "check", "load+validate", "imports", "fonts", "charts", "layout", "finishing", "write")


@dataclass
class Run:
    wall: float
    cpu: float  # user + system time of the whole process tree: less sensitive than wall time to a busy machine
    peak_mb: float
    stderr: str
    timings: dict[str, float] = field(default_factory=dict)


#: The environment of every `brief` run (see the module's docstring); main() sets the bytecode folder.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def brief(
    *args: str | Path, cwd: Path | None = None, extra_env: dict[str, str] | None = None, quiet: bool = True
) -> Run:
    """Run `python -m brief [-q] ARGS` once; its wall time, peak memory and --timings split."""
    env = {**ENV, **(extra_env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "brief", *(["-q"] if quiet else []), *map(str, args)],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise SystemExit(f"brief {' '.join(map(str, args))} failed ({process.returncode}):\n{stderr}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr, _timings(stderr, wall))


def _timings(stderr: str, wall: float) -> dict[str, float]:
    """The stages of a `--timings` line; `startup` is the rest of the wall time (interpreter, CLI imports)."""
    for line in stderr.splitlines():
        if line.startswith("timings: "):
            parts = [part.strip().split(" ") for part in line[len("timings: ") :].split("(")[0].split(",")]
            laps = {name: float(value) for name, value, _ in parts if name != "total"}
            laps["startup"] = max(0.0, wall - sum(laps.values()))
            return laps
    return {}


def median(values: list[float]) -> float:
    return statistics.median(values)


def _time(runs: list[Run]) -> str:
    return f"{median([r.wall for r in runs]):.2f} s (cpu {median([r.cpu for r in runs]):.2f} s)"


class Bench:
    def __init__(self, work: Path, runs: int, quick: bool) -> None:
        self.work, self.runs, self.quick = work, runs, quick
        self.rows: list[tuple[str, str, str, bool | None]] = []

    def row(self, what: str, target: str, measured: str, ok: bool | None = None) -> None:
        self.rows.append((what, target, measured, ok))
        print(f"  {what}: {measured}", file=sys.stderr, flush=True)

    def host(self) -> None:
        """How fast this machine is right now: a fixed Python workload, alone and two at once.

        A virtual machine shares its host: when neighbours are busy, every figure below grows, CPU times
        included. This row tells a slow host from a slow brief, and shows what a second process costs.
        """
        alone = median([_workload(1)[0] for _ in range(3)])
        pairs = median([max(_workload(2)) for _ in range(3)])
        self.row("host check: a fixed Python workload, alone", "", f"{alone:.2f} s")
        speed_up = alone * 2 / pairs
        self.row("  the same, two processes at once", "", f"{pairs:.2f} s ({speed_up:.2f}× the work per second)")

    def cold(self) -> None:
        project = projects.copy_default(self.work / "default")
        brief("build", project)  # untimed: the first run compiles the rest of brief's modules
        runs = []
        for _ in range(self.runs):
            _clear_chart_caches(project)
            runs.append(brief("build", project, "--timings"))
        wall = median([r.wall for r in runs])
        self.row("cold build, default brief (empty chart cache)", "≤ 1.0 s", _time(runs), wall <= 1.0)
        split = ", ".join(f"{s} {median([r.timings.get(s, 0) for r in runs]):.2f}" for s in STAGES)
        self.row("  split of the cold build (s)", "", split)
        peak = max(r.peak_mb for r in runs)
        self.row("peak memory, cold build", "≤ 120 MB", f"{peak:.0f} MB", peak <= 120)
        size = (project / "output" / "brief.pdf").stat().st_size / 1024
        self.row("PDF size, default brief", "≤ 150 KB", f"{size:.0f} KB", size <= 150)

    def text_edit(self) -> None:
        project = self.work / "default"
        runs = []
        for n in range(self.runs):
            projects.edit_text(project, n)
            runs.append(brief("build", project, "--timings"))
        wall = median([r.wall for r in runs])
        self.row("rebuild after a text edit (charts cached)", "≤ 0.35 s", _time(runs), wall <= 0.35)
        split = ", ".join(f"{s} {median([r.timings.get(s, 0) for r in runs]):.2f}" for s in STAGES)
        self.row("  split of the text-edit rebuild (s)", "", split)
        projects.edit_text(project, self.runs)
        traced = brief("build", project, extra_env={"PYTHONPROFILEIMPORTTIME": "1"})
        loaded = "matplotlib" in traced.stderr
        self.row("  matplotlib imported by that rebuild", "no", "yes" if loaded else "no", not loaded)

    def watch(self) -> None:
        """`brief watch` running: from an edit saved to the new PDF written (its modification time).

        The PDF's time is read once the watcher reports the rebuild, rather than polled for: a polling loop
        on the other processor slowed the watcher down by a third on this machine.
        """
        project = self.work / "default"
        pdf = project / "output" / "brief.pdf"
        command = [sys.executable, "-m", "brief", "watch", str(project)]
        watcher = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert watcher.stderr is not None
        try:
            _wait_for_line(watcher.stderr, "watching")
            latencies = []
            for n in range(max(self.runs, 5)):
                time.sleep(0.3)  # the watcher idle, as between two saves
                projects.edit_text(project, 100 + n)
                saved = time.time_ns()
                _wait_for_line(watcher.stderr, "rebuilt")
                latencies.append((pdf.stat().st_mtime_ns - saved) / 1e9)
        finally:
            watcher.terminate()
            watcher.wait()
        latency = median(latencies)
        self.row("brief watch: edit saved to PDF written", "≤ 120 ms", f"{latency * 1000:.0f} ms", latency <= 0.12)

    def no_op(self) -> None:
        project = self.work / "default"
        pdf = project / "output" / "brief.pdf"
        brief("build", project)
        before = (pdf.stat().st_mtime_ns, pdf.read_bytes())
        runs = [brief("build", project) for _ in range(self.runs)]
        wall = median([r.wall for r in runs])
        self.row("no-op build (nothing changed)", "≤ 0.25 s", _time(runs), wall <= 0.25)
        same = (pdf.stat().st_mtime_ns, pdf.read_bytes()) == before
        self.row("  output untouched by it (mtime and bytes)", "yes", "yes" if same else "no", same)

    def scale(self) -> None:
        small = projects.long_brief(self.work / "long-10", 3)
        large = projects.long_brief(self.work / "long-100", 46)
        runs = 1 if self.quick else self.runs
        times, peaks, pages = {}, {}, {}
        for name, project in (("10", small), ("100", large)):
            results = []
            for _ in range(runs):
                _clear_chart_caches(project)
                results.append(brief("build", project, "--force"))
            times[name], peaks[name] = median([r.wall for r in results]), max(r.peak_mb for r in results)
            pages[name] = _pages(project / "output" / "brief.pdf")
        ratio = times["100"] / times["10"]
        self.row(f"long brief, {pages['10']} pages, 7 charts (cold)", "", f"{times['10']:.2f} s")
        self.row(f"long brief, {pages['100']} pages, 50 charts (cold)", "", f"{times['100']:.2f} s")
        self.row("  ratio of the two", "≤ 12×", f"{ratio:.1f}×", ratio <= 12)
        self.row(f"  peak memory, {pages['100']} pages", "≤ 300 MB", f"{peaks['100']:.0f} MB", peaks["100"] <= 300)

    def batch(self) -> None:
        rows = 8 if self.quick else 20
        serial, parallel = self._batch(rows, 1 if self.quick else self.runs)
        self.row(f"batch of {rows}, one at a time", "", f"{serial:.2f} s")
        self.row(f"batch of {rows}, {os.cpu_count()} at a time", "", f"{parallel:.2f} s")
        speed_up = serial / parallel
        judged = None if self.quick else speed_up >= 1.7  # the target is for 20 rows; 8 share more fixed cost
        self.row("  speed-up", "≥ 1.7× (20 rows)", f"{speed_up:.2f}×", judged)
        # 60 rows, the chart's 20 values three times over: what the rows gain once the fixed cost is shared
        if not self.quick:
            serial, parallel = self._batch(3 * rows, 3)
            self.row(
                f"  batch of {3 * rows}: one at a time, {os.cpu_count()} at a time",
                "",
                f"{serial:.2f} s, {parallel:.2f} s: {serial / parallel:.2f}×",
            )

    def _batch(self, rows: int, runs: int) -> tuple[float, float]:
        """Median wall times of a cold batch of `rows`, one at a time and one per processor, run in turn."""
        project, variants = projects.batch_template(self.work / f"batch-{rows}", rows)
        all_jobs = ("1", str(os.cpu_count() or 1))
        walls: dict[str, list[float]] = {jobs: [] for jobs in all_jobs}
        for _ in range(runs):  # one at a time and all at once in turn, so that other work weighs on both alike
            for jobs in all_jobs:
                _clear_chart_caches(project)
                run = brief("batch", project, "--variants", variants, "-o", project / "out", "-j", jobs)
                walls[jobs].append(run.wall)
        return median(walls["1"]), median(walls[all_jobs[-1]])


def _clear_chart_caches(project: Path) -> None:
    """Forget every chart drawing and build record, so that the next build draws all: in the run's cache
    folder, and in the project's own `.brief-cache/`, where a baseline from before the one cache folder keeps
    them. Font lookups stay, as they do on a user's machine."""
    shutil.rmtree(project / ".brief-cache", ignore_errors=True)
    for part in ("drawings", "builds", "charts"):
        shutil.rmtree(Path(ENV["XDG_CACHE_HOME"]) / "brief" / part, ignore_errors=True)


_WORKLOAD = """
import time
start = time.perf_counter()
rows = [{"key": str(i), "values": [i, i * 2, str(i) * 3]} for i in range(300_000)]
rows.sort(key=lambda row: row["values"][2])
"".join(row["key"] for row in rows)
print(time.perf_counter() - start)
"""


def _workload(processes: int) -> list[float]:
    """Seconds the fixed workload took in each of `processes` processes started together."""
    started = [
        subprocess.Popen([sys.executable, "-c", _WORKLOAD], stdout=subprocess.PIPE, text=True) for _ in range(processes)
    ]
    return [float(process.communicate()[0]) for process in started]


def _wait_for_line(stream: Any, word: str) -> None:
    for line in stream:
        if word in line:
            return
    raise SystemExit(f"brief watch ended before printing '{word}'")


def _pages(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return len(document.pages)


def machine() -> str:
    """nproc, CPU model and memory, from /proc where there is one."""
    model = platform.processor() or platform.machine()
    memory = ""
    with _ignore():
        cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
        model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    with _ignore():
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line))
        memory = f", {kb / 1024 / 1024:.1f} GiB RAM"
    return f"{os.cpu_count()} processors ({model}){memory}; Python {platform.python_version()}; {platform.system()}"


def _ignore() -> object:
    import contextlib

    return contextlib.suppress(OSError, StopIteration, ValueError)


def table(rows: list[tuple[str, str, str, bool | None]]) -> str:
    lines = ["| figure | target | measured | |", "| --- | --- | --- | --- |"]
    for what, target, measured, ok in rows:
        mark = "" if ok is None else ("ok" if ok else "**missed**")
        lines.append(f"| {what} | {target} | {measured} | {mark} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 runs, a batch of 8, one run of the long brief")
    parser.add_argument("--runs", type=int, help="runs per figure (default 5, or 3 with --quick)")
    parser.add_argument("--baseline", metavar="REV", help="also measure the code at this git revision, in turn")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="brief-bench-") as folder:
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        ENV["XDG_CACHE_HOME"] = str(Path(folder) / "cache")  # brief's cache folder, the run's own
        bench = Bench(Path(folder) / "current", runs, args.quick)
        base = Bench(Path(folder) / "baseline", runs, args.quick) if args.baseline else None
        source = _checkout(args.baseline, Path(folder) / "source") if args.baseline else None
        print(f"machine: {machine()}; medians of {runs} runs", file=sys.stderr)
        for name in ("host", "cold", "text_edit", "watch", "no_op", "scale", "batch"):
            getattr(bench, name)()
            if base is not None and name != "host":  # each figure for both, one after the other
                print(f"  baseline {args.baseline}:", file=sys.stderr)
                with _package_from(source):
                    getattr(base, name)()
    # Other work on the machine slows every figure; the load average says how busy it was.
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(f"Machine: {machine()}. Medians of {runs} runs{' (--quick)' if args.quick else ''}; {load}.\n")
    print(table(bench.rows) if base is None else compared(bench.rows, base.rows, args.baseline))


def _checkout(revision: str, folder: Path) -> Path:
    """The package as it was at `revision`, in `folder` (a detached worktree, removed with the folder)."""
    root = Path(__file__).resolve().parent.parent
    subprocess.run(["git", "-C", str(root), "worktree", "add", "--detach", str(folder), revision], check=True)
    return folder


class _package_from:
    """Within it, `python -m brief` imports the package from `source` (ahead of the installed one)."""

    def __init__(self, source: Path | None) -> None:
        self.source = source

    def __enter__(self) -> None:
        ENV["PYTHONPATH"] = str(self.source)

    def __exit__(self, *_: object) -> None:
        ENV.pop("PYTHONPATH", None)
        root = Path(__file__).resolve().parent.parent
        subprocess.run(["git", "-C", str(root), "worktree", "prune"], check=False)


def compared(
    rows: list[tuple[str, str, str, bool | None]], base: list[tuple[str, str, str, bool | None]], rev: str
) -> str:
    """The table with the baseline's figure beside each, and the ratio of the two where both are numbers."""
    lines = [f"| figure | target | measured | baseline ({rev}) | ratio | |", "| --- | --- | --- | --- | --- | --- |"]
    host = [row for row in rows if row[0].startswith(("host", "  the same"))]
    others = [row for row in rows if row not in host]
    for what, target, measured, _ in host:
        lines.append(f"| {what} | {target} | {measured} | | | |")
    for (what, target, measured, ok), (_, _, then, _) in zip(others, base, strict=False):
        mark = "" if ok is None else ("ok" if ok else "**missed**")
        now_value, then_value = _number(measured), _number(then)
        ratio = f"{now_value / then_value:.2f}×" if now_value and then_value else ""
        lines.append(f"| {what} | {target} | {measured} | {then} | {ratio} | {mark} |")
    return "\n".join(lines)


def _number(text: str) -> float | None:
    import re

    match = re.match(r"\s*([\d.]+)", text)
    return float(match[1]) if match else None


if __name__ == "__main__":
    main()
