"""The web page in a real browser: headless Chromium runs axe-core's WCAG 2.1 A and AA rules over the default
brief and every corpus brief in both shipped themes, measures the page on a phone's width, and tabs through it.

Each page is built once for the module, and one Chromium serves every test. Without Chromium or axe-core
(`npm ci`), the tests are skipped, saying which is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Browser, Page, missing
from conftest import ROOT

from brief.building.web_edition import build_web

pytestmark = pytest.mark.skipif(bool(missing()), reason=missing() or "")

BRIEFS = ROOT / "tests" / "briefs"
NAMES = ["default", *sorted(p.name for p in BRIEFS.iterdir() if (p / "content").is_dir())]
THEMES = ["default", "a4-print"]
CASES = [(name, theme) for name in NAMES for theme in THEMES]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every brief's page in both themes, built once."""
    built = {}
    for name in NAMES:
        project = tmp_path_factory.mktemp(name)
        shutil.copytree(ROOT / "content" if name == "default" else BRIEFS / name / "content", project / "content")
        for theme in THEMES:
            report = build_web(project, project / "output" / f"{theme}.pdf", theme, strict=True)
            built[name, theme] = report.path
    return built


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = Browser()
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Page:
    return browser.page()


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_axe_finds_no_wcag_21_a_or_aa_violation(
    tab: Page, pages: dict[tuple[str, str], Path], name: str, theme: str
) -> None:
    tab.resize(1280, 900)
    tab.open(pages[name, theme])
    violations = tab.axe()
    found = [f"{v['id']} ({v['impact']}): {v['help']}\n  {v['nodes'][:3]}" for v in violations]
    assert violations == [], "\n".join(found)
    # What axe leaves to validators: ids unique in the page, every link within it landing on its target.
    duplicated = tab.evaluate(
        "[...document.querySelectorAll('[id]')].map(e => e.id).filter((id, i, all) => all.indexOf(id) !== i)"
    )
    assert duplicated == []
    dangling = tab.evaluate(
        "[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))"
        ".filter(id => !document.getElementById(id))"
    )
    assert dangling == []


@pytest.mark.parametrize(("name", "theme"), CASES)
def test_a_phone_never_scrolls_sideways(tab: Page, pages: dict[tuple[str, str], Path], name: str, theme: str) -> None:
    tab.resize(375, 800)
    tab.open(pages[name, theme])
    for width in (375, 320):
        tab.resize(width, 800)
        scroll_width, viewport = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        wide = tab.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
            ".slice(0, 3).map(e => e.tagName + '.' + e.className)"
        )
        assert scroll_width <= viewport, f"{width} px: the page is {scroll_width} px wide; {wide}"


def test_the_page_loads_nothing_from_anywhere_and_sets_text_in_the_themes_font(
    tab: Page, pages: dict[tuple[str, str], Path]
) -> None:
    tab.resize(1280, 900)
    tab.open(pages["default", "default"])
    assert tab.evaluate("performance.getEntriesByType('resource').map(r => r.name)") == []
    loaded = tab.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)")
    assert {"Lato 400", "Lato 700", "Lato 900"} <= set(loaded)
    # The chart labels are SVG text, set in the page's own Lato too.
    family = tab.evaluate("getComputedStyle(document.querySelector('svg.chart text')).fontFamily")
    assert family.startswith("Lato")


@pytest.mark.parametrize("name", ["default", "chart-heavy"])
def test_the_keyboard_reaches_every_link_and_every_disclosure(
    tab: Page, pages: dict[tuple[str, str], Path], name: str
) -> None:
    tab.resize(1280, 900)
    tab.open(pages[name, "default"])
    reachable = tab.evaluate(
        "[...document.querySelectorAll('a[href], summary')].filter(e => e.getClientRects().length)"
        ".map((e, i) => (e.dataset.order = i, i))"
    )
    assert reachable
    focused: list[str | None] = []
    for _ in range(len(reachable) + 40):  # and the tables' scrolling boxes, which take focus too
        tab.press_tab()
        order = tab.evaluate("document.activeElement.dataset ? document.activeElement.dataset.order ?? null : null")
        if focused and order == focused[0]:
            break  # round the page and back to the first
        focused.append(order)
    assert focused[0] == "0"  # the skip link comes first
    assert {int(o) for o in focused if o is not None} == set(reachable)
    # The skip link, followed, puts the keyboard at the start of the brief.
    tab.evaluate("document.querySelector('.skip-link').click()")
    assert tab.evaluate("document.activeElement.id") == "main"


def test_text_enlarged_to_200_percent_reflows_without_sideways_scrolling(
    tab: Page, pages: dict[tuple[str, str], Path]
) -> None:
    tab.resize(1280, 900)
    tab.open(pages["default", "default"])
    tab.evaluate("document.documentElement.style.fontSize = '200%'")  # what a browser's text size setting does
    assert tab.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)") >= 32
    for width in (1280, 640):
        tab.resize(width, 900)
        scroll_width, viewport = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= viewport, f"{width} px at 200% text: the page is {scroll_width} px wide"


@pytest.mark.parametrize(("theme", "paper"), [("default", (612, 792)), ("a4-print", (595, 842))])
def test_printed_the_page_is_on_the_themes_paper_without_screen_only_parts(
    tab: Page, pages: dict[tuple[str, str], Path], theme: str, paper: tuple[int, int]
) -> None:
    import io

    import pypdf

    tab.resize(1280, 900)
    tab.open(pages["default", theme])
    reader = pypdf.PdfReader(io.BytesIO(tab.print_pdf()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == paper
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Mayors Want Federal Partners, Not Troops" in text
    assert "Executive summary" in text and "Suggested citation" in text
    assert "Skip to the brief" not in text and "Show the data" not in text
