"""`brief presskit`: one zip for journalists, byte-identical for the same content.

It holds the brief, a one-page summary, every chart as PNG and SVG with title and source baked in and its
data as CSV, a fact ledger in plain text and Markdown, the suggested citation, a README and the SHA-256 of every file.
Entries are sorted and carry the brief's own date and fixed permissions, so two builds of the same
content give the same bytes, and a checksum of the kit means something.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from brief.building.pipeline import build, build_stamp_request, read_inputs, write_output
from brief.commands.one_pager import render_summary
from brief.content import markup
from brief.content.model import Brief
from brief.errors import BriefError, Problem
from brief.pdf.compose import suggested_citation
from brief.progress import Progress, unreported
from brief.web.page import render_page

MANIFEST = "SHA256SUMS"
#: The web page's link-preview image, beside it in the kit as it is beside the page a build writes.
WEB_CARD = "brief-card.png"
_STEPS = (
    "the brief",
    "the one-page summary",
    "the web page",
    "charts as PNG",
    "charts as SVG",
    "the fact ledger",
    "the zip",
)


@dataclass(frozen=True)
class PresskitReport:
    """What a press kit holds: the zip written, each entry's name and size, and the build's warnings."""

    path: Path
    entries: list[tuple[str, int]]
    warnings: list[Problem]


def make_presskit(
    project: Path,
    target: Path,
    style: str | None = None,
    progress: Progress | None = None,
    *,
    paper: str | None = None,
) -> PresskitReport:
    """Build `project` (as `brief build` does) and write its press kit to the zip `target`.

    A BriefError, and no zip, when the content has problems.
    """
    report = progress or unreported
    read = read_inputs(build_stamp_request(project, None, style, paper=paper))  # once, for the kit and the build
    checked = read.checked
    brief, theme = checked.buildable()
    files: dict[str, bytes] = {}
    report(0, len(_STEPS), _STEPS[0])
    # The kit's PDF is the project's own build, so output/brief.pdf and the kit never disagree.
    built = build(project, None, style, read=read, paper=paper)
    files["brief.pdf"] = built.path.read_bytes()
    report(1, len(_STEPS), _STEPS[1])
    files["summary.pdf"] = render_summary(brief, theme)
    report(2, len(_STEPS), _STEPS[2])
    page = render_page(brief, theme, WEB_CARD)
    files["brief.html"] = page.html
    if page.card is not None:
        files[WEB_CARD] = page.card
    with tempfile.TemporaryDirectory(prefix="brief-presskit-") as temp:
        for step, fmt in ((3, "png"), (4, "svg")):
            report(step, len(_STEPS), _STEPS[step])
            files |= _chart_files(brief, theme, Path(temp) / fmt, fmt)
    report(5, len(_STEPS), _STEPS[5])
    files |= _text_files(brief, sorted(name for name in files if name.startswith("charts/")), WEB_CARD in files)
    files[MANIFEST] = manifest(files).encode("utf-8")
    report(6, len(_STEPS), _STEPS[6])
    write_output(target, deterministic_zip(files, folder=kit_folder(target), date=brief.info.date))
    report(7, len(_STEPS), "done")
    return PresskitReport(target, sorted((name, len(data)) for name, data in files.items()), built.warnings)


def kit_folder(target: Path) -> str:
    """The folder the kit unpacks into: the zip's name without `.zip`, or `presskit` where that name could
    lead out of it (`...zip` gives `..`) or garble a listing."""
    name = target.stem.strip()
    unsafe = not name or name.startswith(".") or any(ch in name for ch in "/\\:") or not name.isprintable()
    return "presskit" if unsafe else name


def _chart_files(brief: Brief, theme: object, folder: Path, fmt: str) -> dict[str, bytes]:
    from brief.charts.export import export_charts

    try:
        paths = export_charts(brief, theme, folder, fmt, dpi=300)  # type: ignore[arg-type]
    except OSError as exc:
        raise BriefError([Problem(str(folder), 0, 0, f"cannot write charts: {exc.strerror or exc}")]) from exc
    return {f"charts/{path.name}": path.read_bytes() for path in paths}


def _text_files(brief: Brief, charts: list[str], card: bool) -> dict[str, bytes]:
    from brief.commands.chart_csv import chart_csv
    from brief.commands.fact_ledger import facts_markdown, facts_text

    data = {
        f"charts/{chart.id}.csv": chart_csv(chart, brief.chart_data[chart.id]).encode("utf-8")
        for chart in brief.charts.charts
        if chart.id in brief.chart_data
    }
    return data | {
        "key-facts.txt": facts_text(brief).encode("utf-8"),
        "key-facts.md": facts_markdown(brief).encode("utf-8"),
        "citation.txt": (suggested_citation(brief) + "\n").encode("utf-8"),
        "README.txt": readme(brief, charts, card).encode("utf-8"),
    }


def readme(brief: Brief, charts: list[str], card: bool = False) -> str:
    """What is in the kit, in words a reporter reads first."""
    info, words = brief.info, brief.locale.text
    contact = " · ".join(c for c in (info.contact.email, info.contact.phone, info.contact.url) if c)
    lines = [
        words("kit_title", title=markup.plain(info.title, brief.locale.quotes)),
        f"{info.organisation.name}, {brief.locale.date(info.date)}",
        "",
        f"brief.pdf       {words('kit_brief')}",
        f"brief.html      {words('kit_html')}",
        f"summary.pdf     {words('kit_summary')}",
    ]
    if card:
        lines.insert(5, f"{WEB_CARD:<16}{words('kit_card')}")
    if charts:
        lines += [f"charts/*.png    {words('kit_png')}", f"charts/*.svg    {words('kit_svg')}"]
    if brief.charts.charts:
        lines += [f"charts/*.csv    {words('kit_csv')}"]
    lines += [
        f"key-facts.txt   {words('kit_facts_text')}",
        f"key-facts.md    {words('kit_facts_markdown')}",
        f"citation.txt    {words('kit_citation')}",
        f"{MANIFEST:<16}{words('kit_manifest', manifest=MANIFEST)}",
    ]
    if contact:
        lines += ["", words("kit_questions", contact=contact)]
    return "\n".join(lines) + "\n"


def manifest(files: dict[str, bytes]) -> str:
    """`sha256sum` lines for every file, sorted by name."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))


def deterministic_zip(files: dict[str, bytes], folder: str, date: str) -> bytes:
    """A zip of `files` under `folder/`: sorted entries, the brief's date, permissions rw-r--r--."""
    year, month, day = (int(part) for part in [*date.split("-"), "1", "1"][:3])
    stamp = (max(year, 1980), month, day, 0, 0, 0)  # the zip format cannot date anything before 1980
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.create_system = 3  # Unix, wherever the kit is made, so the permissions below are read
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)
    return out.getvalue()
