"""brief build --format html: one self-contained, semantic page, built from the same content as the PDF.

Read back as a reader's tools read it: the HTML parsed into elements, its links followed to their targets,
its JSON-LD and meta tags read, its fonts decoded. tests/test_web_browser.py opens the pages in Chromium.
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from PIL import Image

from brief.cli import cli
from brief.content import markup
from brief.content.validate import check_project

#: The default brief's page must stay small enough to send and to load on a phone.
PAGE_BUDGET = 400_000


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def reading(self) -> str:
        """The text without citation numbers, as markup.plain() gives the content's."""
        return "".join(
            c if isinstance(c, str) else "" if c.tag == "sup" and c.has_class("cite") else c.reading
            for c in self.children
        )

    def find_all(self, tag: str = "", **attrs: str) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if (not tag or child.tag == tag) and all(child.attrs.get(k.rstrip("_")) == v for k, v in attrs.items()):
                    found.append(child)
                found += child.find_all(tag, **attrs)
        return found

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


_VOID = {"meta", "img", "br", "hr", "input", "link", "source", "path", "rect", "circle", "line", "use", "stop"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"</{tag}> closes nothing open"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(page: bytes) -> Element:
    builder = _TreeBuilder()
    builder.feed(page.decode("utf-8"))
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> is never closed"
    return builder.root


def words(text: str) -> str:
    return " ".join(text.split())


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The default brief built by `brief build --format html` once; returns (project, page)."""
    project = tmp_path_factory.mktemp("web") / "brief"
    for name in ("content", "styles"):
        shutil.copytree(ROOT / name, project / name)
    code, out, err = invoke("build", str(project), "--format", "html")
    assert code == 0, err
    page = project / "output" / "brief.html"
    assert out == f"{page}\n"
    assert not (project / "output" / "brief.pdf").exists()  # html alone: no PDF
    return project, page


@pytest.fixture(scope="module")
def document(built: tuple[Path, Path]) -> Element:
    return parse(built[1].read_bytes())


def test_the_page_and_its_preview_image_are_written_beside_the_pdf_path(built: tuple[Path, Path]) -> None:
    project, page = built
    card = project / "output" / "brief-card.png"
    image = Image.open(io.BytesIO(card.read_bytes()))
    assert image.format == "PNG" and image.width >= 1000  # a link card's size
    assert page.stat().st_size < PAGE_BUDGET


def test_format_pdf_html_writes_both_and_o_names_the_page_after_the_pdf(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "city.pdf"
    code, out, err = invoke("build", str(project), "-o", str(target), "--format", "pdf,html")
    assert code == 0, err
    assert out == f"{target}\n{target.with_suffix('.html')}\n"
    assert target.read_bytes().startswith(b"%PDF")
    assert (tmp_path / "out" / "city-card.png").is_file()
    assert re.search(r"city\.html: web page, \d+ KB", err)


def test_the_default_edition_is_still_the_pdf_alone(project: Path) -> None:
    code, out, _ = invoke("build", str(project))
    assert code == 0
    assert out == f"{project / 'output' / 'brief.pdf'}\n"
    assert not (project / "output" / "brief.html").exists()


def test_an_unknown_edition_is_a_usage_error(project: Path) -> None:
    code, _, err = invoke("build", str(project), "--format", "pdf,epub")
    assert code == 2
    assert "Invalid value for '--format': 'epub' is not an edition; choose pdf, html or pdf,html" in err


def test_a_content_mistake_is_one_located_line_and_the_old_page_stays(project: Path) -> None:
    assert invoke("build", str(project), "--format", "html")[0] == 0
    page = project / "output" / "brief.html"
    before = page.read_bytes()
    findings = project / "content" / "findings.yaml"
    findings.write_text(findings.read_text(encoding="utf-8").replace("headline:", "headlin:", 1), encoding="utf-8")
    code, out, err = invoke("build", str(project), "--format", "html")
    assert code == 1 and out == ""
    assert re.search(r"content/findings\.yaml:\d+:\d+: error: unknown key 'headlin' \(did you mean 'headline'\?\)", err)
    assert page.read_bytes() == before


def test_a_folder_where_the_page_goes_is_refused_in_one_line(project: Path) -> None:
    (project / "output" / "brief.html").mkdir(parents=True)
    code, _, err = invoke("build", str(project), "--format", "html")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{project / 'output' / 'brief.html'}: error: cannot write the page here: is a folder, not an HTML file "
        "(name a file, such as brief.html)"
    )


def test_the_same_content_gives_the_same_bytes(built: tuple[Path, Path], tmp_path: Path) -> None:
    project, page = built
    again = tmp_path / "brief.pdf"
    assert invoke("build", str(project), "-o", str(again), "--format", "html")[0] == 0
    assert again.with_suffix(".html").read_bytes() == page.read_bytes()
    assert (tmp_path / "brief-card.png").read_bytes() == (page.parent / "brief-card.png").read_bytes()


def test_nothing_is_fetched_when_the_page_is_viewed(built: tuple[Path, Path], document: Element) -> None:
    text = built[1].read_text(encoding="utf-8")
    # No stylesheet, script, image or font from anywhere else: only links a reader follows leave the page.
    assert document.find_all("link") == []
    assert all("src" not in s.attrs for s in document.find_all("script"))
    assert all(img.attrs["src"].startswith("data:") for img in document.find_all("img"))
    assert not re.search(r"url\((?!data:|#)", text), "a url() that is not inline data or a reference in the page"
    assert "@import" not in text


def test_the_fonts_are_the_themes_subset_to_the_page(built: tuple[Path, Path]) -> None:
    from fontTools.ttLib import TTFont

    faces = re.findall(
        r"@font-face\{font-family:'([^']+)';font-style:(\w+);font-weight:(\d+);[^}]*base64,([^)]+)\)",
        built[1].read_text(encoding="utf-8"),
    )
    assert {(family, style, weight) for family, style, weight, _ in faces} >= {
        ("Lato", "normal", "400"),
        ("Lato", "italic", "400"),
        ("Lato", "normal", "700"),
        ("Lato", "normal", "900"),  # the title and the big numbers, in Lato Black as in the PDF
    }
    regular = next(data for _, style, weight, data in faces if (style, weight) == ("normal", "400"))
    font = TTFont(io.BytesIO(base64.b64decode(regular)))
    assert font.flavor == "woff2"
    covered = set(font.getBestCmap())
    assert {ord(c) for c in "Mayors Want Federal Partners~%“”’—0123456789"} <= covered
    assert len(covered) < 200  # a subset, not the whole of Lato's thousands of glyphs


def test_the_page_reads_in_the_pdfs_order_with_its_landmarks(built: tuple[Path, Path], document: Element) -> None:
    project, _ = built
    brief = check_project(project).brief
    assert brief is not None
    html = document.find_all("html")[0]
    assert html.attrs["lang"] == "en-US"
    body = document.find_all("body")[0]
    top = [child for child in body.children if isinstance(child, Element)]
    assert [e.tag for e in top] == ["a", "header", "nav", "main", "footer"]
    assert top[0].attrs["href"] == "#main" and top[0].text == "Skip to the brief"
    assert [h.text for h in document.find_all("h1")] == [markup.plain(brief.info.title)]
    main = top[3]
    sections = [e.attrs["id"] for e in main.children if isinstance(e, Element) and e.tag == "section"]
    assert sections == ["summary", "findings", "requests", "recommendations", "methodology", "sources"]
    nav_links = [a.attrs["href"] for a in top[2].find_all("a")]
    assert nav_links == [f"#{s}" for s in [*sections, "about"]]
    headings = [words(h.text) for h in main.find_all("h3")]
    assert headings == [words(markup.plain(markup.escape_markup(f.headline))) for f in brief.findings.findings]
    assert len(main.find_all("ol", class_="recommendations")[0].find_all("li")) == len(
        brief.recommendations.recommendations
    )
    aside = main.find_all("aside")[0]
    assert aside.find_all("h2")[0].text == "Context"
    quote = main.find_all("figure", class_="pull-quote")[0]
    assert quote.find_all("blockquote") and quote.find_all("cite")[0].text == "Tom Cochran"


def test_every_text_of_the_content_is_on_the_page(built: tuple[Path, Path], document: Element) -> None:
    project, _ = built
    brief = check_project(project).brief
    assert brief is not None
    shown = words(unescape(document.find_all("body")[0].reading))
    info = brief.info
    texts = [*info.summary, *info.about, *info.methodology, *(q.text for q in info.quotes)]
    texts += [t for f in brief.findings.findings for t in f.text] + [r.text for r in brief.requests.requests]
    texts += [r.text for r in brief.recommendations.recommendations] + [s.title for s in brief.sources.sources]
    texts += [c.caption for c in brief.charts.charts if c.caption]
    missing = [t for t in texts if words(markup.plain(t)) not in shown]
    assert missing == []


def test_every_in_page_link_has_its_target_and_ids_are_unique(document: Element) -> None:
    everything = document.find_all()
    ids = [e.attrs["id"] for e in everything if "id" in e.attrs]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    targets = set(ids)
    references = [e.attrs["href"][1:] for e in everything if e.attrs.get("href", "").startswith("#")]
    for e in everything:
        for name in ("aria-labelledby", "aria-describedby"):
            references += e.attrs.get(name, "").split()
    assert references and [r for r in references if r not in targets] == []


def test_endnotes_link_both_ways(document: Element) -> None:
    notes = document.find_all("ol", class_="endnotes")[0].find_all("li")
    cites = {a.attrs["id"]: a for a in document.find_all("a") if a.attrs.get("id", "").startswith("cite-")}
    for note in notes:
        back = [a for a in note.find_all("a") if a.has_class("back")]
        source = note.attrs["id"].removeprefix("source-")
        assert back, f"endnote {source} has no link back"
        assert back[0].attrs["href"] == f"#cite-{source}"
        assert cites[f"cite-{source}"].attrs["href"] == f"#source-{source}"


def test_each_chart_is_named_described_and_has_its_data_as_a_table(built: tuple[Path, Path], document: Element) -> None:
    project, _ = built
    brief = check_project(project).brief
    assert brief is not None
    drawn = [c for c in brief.charts.charts if c.type != "table"]
    figures = [f for f in document.find_all("figure") if f.attrs.get("id", "").startswith("figure-")]
    assert {f.attrs["id"] for f in figures} == {f"figure-{c.id}" for c in brief.charts.charts}
    for chart in drawn:
        figure = document.find_all("figure", id=f"figure-{chart.id}")[0]
        svgs = figure.find_all("svg")
        assert svgs, chart.id
        for svg in svgs:
            assert svg.attrs["role"] == "img"
            desc = svg.find_all("desc")[0]
            assert desc.attrs["id"] == svg.attrs["aria-describedby"]
            assert words(desc.text) == words(markup.plain(chart.alt))
            assert svg.find_all("title")[0].attrs["id"] == svg.attrs["aria-labelledby"]
        details = figure.find_all("details")[0]
        assert details.find_all("summary")[0].text.startswith("Show the data")
        table = details.find_all("table")[0]
        categories = [words(th.text) for th in table.find_all("th", scope="row")]
        assert categories == [words(markup.smarten(c)) for c in brief.chart_data[chart.id].categories]
        caption = figure.find_all("figcaption")[0].text
        assert "Source:" in caption
        assert ("Notes:" in caption) == bool(chart.notes)


def test_the_metadata_describes_the_brief_for_search_and_link_previews(
    built: tuple[Path, Path], document: Element
) -> None:
    project, _ = built
    brief = check_project(project).brief
    assert brief is not None
    meta = {m.attrs.get("name") or m.attrs.get("property"): m.attrs["content"] for m in document.find_all("meta")[1:]}
    assert document.find_all("title")[0].text == markup.plain(brief.info.title)
    assert meta["description"].startswith("A nonpartisan U.S. Conference of Mayors (USCM) survey")
    assert len(meta["description"]) <= 300
    assert meta["og:title"] == meta["twitter:title"] == markup.plain(brief.info.title)
    assert meta["og:image"] == meta["twitter:image"] == "brief-card.png"
    assert meta["twitter:card"] == "summary_large_image"
    card = Image.open(project / "output" / "brief-card.png")
    assert (meta["og:image:width"], meta["og:image:height"]) == (str(card.width), str(card.height))
    data = json.loads(document.find_all("script", type="application/ld+json")[0].text)
    assert data["@type"] == "Report"
    assert data["publisher"]["name"] == brief.info.organisation.name
    assert data["datePublished"] == brief.info.date
    assert [work["name"] for work in data["citation"]] == [markup.plain(s.title) for s in brief.sources.sources]
    assert data["author"]


def test_the_theme_is_custom_properties_and_a_print_sheet(built: tuple[Path, Path]) -> None:
    from brief.theme.model import load_theme

    text = built[1].read_text(encoding="utf-8")
    theme = load_theme("default", built[0])
    root = re.search(r":root\{([^}]*)\}", text)
    assert root is not None
    properties = dict(part.split(":", 1) for part in root[1].split(";"))
    assert properties["--colour-primary"] == theme.colours.primary
    assert properties["--colour-accent"] == theme.colours.accent
    assert properties["--font-body"].startswith(f"'{theme.fonts.body}'")
    assert properties["--size-h1"] == f"{theme.sizes.h1 / theme.sizes.body:.4g}rem"
    assert re.search(r"@media print\{\s*@page\{size:letter;margin:68.4pt 61.2pt 61.2pt 61.2pt\}", text)


def test_ids_stay_unique_whatever_the_content_calls_its_findings_and_charts(project: Path) -> None:
    """A finding named like another's heading, a chart named like another's narrow drawing: still one each."""
    findings = project / "content" / "findings.yaml"
    findings.write_text(
        findings.read_text(encoding="utf-8")
        + "  - id: grant-cuts-title\n    headline: One more finding\n    text: [More text.]\n"
        + "    sources: [politico-2025]\n    chart: survey-shares-narrow\n",
        encoding="utf-8",
    )
    charts = project / "content" / "charts.yaml"
    text = charts.read_text(encoding="utf-8")
    first = text.index("  - id: survey-shares")
    second = text.index("  - id:", first + 1)
    copy = text[first:second].replace("id: survey-shares", "id: survey-shares-narrow", 1).rstrip() + "\n"
    charts.write_text(text + copy, encoding="utf-8")
    code, _, err = invoke("build", str(project), "--format", "html")
    assert code == 0, err
    document = parse((project / "output" / "brief.html").read_bytes())
    ids = [e.attrs["id"] for e in document.find_all() if "id" in e.attrs]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert document.find_all("section", id="finding-grant-cuts-title")
    assert document.find_all("figure", id="figure-survey-shares-narrow")
