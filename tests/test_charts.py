"""Charts: every type renders, in the theme's font, deterministically, cached, and into a Lato-only PDF."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT

from brief.charts.cache import chart_key
from brief.charts.draw import Standalone, chart_drawing, chart_svg, layout_chart, render_chart
from brief.charts.export import export_charts, source_line
from brief.charts.layout import MIN_TEXT, Label, family_weights, format_value
from brief.content.model import Chart, ChartTable
from brief.content.validate import check_project
from brief.theme.model import Theme, load_theme

WIDTH = 6.8 * 72
TYPES = ["bar-horizontal", "bar", "grouped-bar", "stacked-100", "line", "waffle"]


def make(kind: str, **overrides: object) -> tuple[Chart, ChartTable]:
    """A small chart of `kind` with data that suits it."""
    categories, series = {
        "bar-horizontal": (["Grants for technology", "Federal agencies", "Youth programs"], [("Share", [97, 75, 70])]),
        "bar": (["Federal agencies", "National Guard", "State police"], [("Share", [75, 0, 40])]),
        "grouped-bar": (["Small cities", "Large cities"], [("2024", [30, 55]), ("2025", [35, 60])]),
        "stacked-100": (["Youth programs", "Federal grants"], [("Cut", [70, 30]), ("Remainder", [30, 70])]),
        "line": (
            ["2021", "2022", "2023", "2024"],
            [("Violent", [400, 380, 390, 350]), ("Property", [900, 880, 860, 800])],
        ),
        "waffle": (["Lack funding for youth programs"], [("Share", [58])]),
    }[kind]
    fields: dict[str, object] = {
        "id": f"test-{kind}",
        "type": kind,
        "title": f"A {kind} title",
        "alt": "Alt text.",
        "sources": ["uscm-survey-2025"],
        "format": "count" if kind == "line" else "percent",
        **overrides,
    }
    chart = Chart(**fields)  # type: ignore[arg-type]
    return chart, ChartTable(tuple(categories), tuple((name, tuple(map(float, v))) for name, v in series))


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme("default", ROOT)


def texts(svg: bytes) -> list[ET.Element]:
    return [el for el in ET.fromstring(svg).iter() if el.tag.endswith("}text")]


def style(element: ET.Element) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in element.get("style", "").split(";") if ":" in part)
    return {key.strip(): value.strip() for key, value in pairs}


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("standalone", [False, True])
def test_every_type_renders_with_text_in_the_theme_font(kind: str, standalone: bool, theme: Theme) -> None:
    chart, table = make(kind)
    svg = chart_svg(chart, table, theme, WIDTH, standalone=Standalone("Org", "USCM.") if standalone else None)
    labels = texts(svg)
    assert labels, "chart text must stay <text>, not outlines"
    for label in labels:
        assert style(label)["font-family"] == f"'{theme.fonts.body}'"
        assert float(style(label)["font-size"].removesuffix("px")) >= MIN_TEXT
    shown = [label.text for label in labels]
    assert (chart.title in shown) == standalone
    assert ("Source: USCM." in shown) == standalone
    assert ("Org" in shown) == standalone


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("width", [WIDTH, 3.2 * 72])
def test_labels_stay_inside_the_chart_and_never_overlap(kind: str, width: float, theme: Theme) -> None:
    chart, table = make(kind, notes="~ = approximate.")
    sketch = layout_chart(chart, table, theme, width, standalone=Standalone("Org", "USCM."))
    boxes = [_extent(label) for label in sketch.items if isinstance(label, Label)]
    for left, top, right, bottom in boxes:
        assert left >= 0 and top >= 0 and right <= sketch.width and bottom <= sketch.height
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def _extent(label: Label) -> tuple[float, float, float, float]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = stringWidth(label.text, family_weights(label.family)[label.weight], label.size)
    left = label.x - {"start": 0.0, "middle": width / 2, "end": width}[label.anchor]
    # Cap height above the baseline, descenders below: Lato's metrics, rounded outwards a little.
    return left, label.y - 0.72 * label.size, left + width, label.y + 0.2 * label.size


def test_same_inputs_give_identical_svg_bytes(theme: Theme) -> None:
    chart, table = make("bar-horizontal")
    assert chart_svg(chart, table, theme, WIDTH) == chart_svg(chart, table, theme, WIDTH)


#: Prints the digest of every chart type's SVG, then whether matplotlib's `set()` help texts were built.
_DIGEST_SCRIPT = (
    "import hashlib, sys; sys.path.insert(0, 'tests'); from test_charts import make, TYPES, WIDTH;"
    "from brief.charts.draw import Standalone as S, chart_svg; from brief.theme.model import load_theme;"
    "from pathlib import Path; t = load_theme('default', Path('.'));"
    "print(hashlib.sha256(b''.join(chart_svg(*make(k), t, WIDTH, standalone=S()) for k in TYPES)).hexdigest());"
    "import matplotlib.patches; print(matplotlib.patches.Rectangle.set.__doc__ is not None)"
)


def _digest_in_new_process(prelude: str = "", **env: str) -> list[str]:
    script = prelude + _DIGEST_SCRIPT
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_svg_is_identical_across_processes_and_hash_seeds() -> None:
    digests = {
        _digest_in_new_process(PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH=epoch)[0]
        for seed, epoch in (("1", "0"), ("2", "1700000000"))
    }
    assert len(digests) == 1


def test_matplotlib_loads_without_its_help_texts_and_draws_the_same() -> None:
    """brief skips the `set()` docstrings matplotlib writes for help() as it loads (a quarter of its import);
    the charts come out byte for byte as with matplotlib loaded in full first."""
    digest, help_texts = _digest_in_new_process()
    assert help_texts == "False", "this matplotlib builds its help texts some other way: load_matplotlib skips nothing"
    assert _digest_in_new_process("import matplotlib.figure;") == [digest, "True"]


def test_rendering_leaves_global_rcparams_alone(theme: Theme) -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    chart_svg(*make("line"), theme, WIDTH)
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.rcParams["svg.fonttype"] != "none"


def test_approximate_values_are_marked_with_a_tilde(theme: Theme) -> None:
    chart, table = make("bar-horizontal", approximate=["Federal agencies"])
    shown = [label.text for label in texts(chart_svg(chart, table, theme, WIDTH))]
    assert "~75%" in shown
    assert "97%" in shown and "~97%" not in shown


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("descending", ["Grants for technology", "Federal agencies", "Youth programs"]),
        ("ascending", ["Youth programs", "Federal agencies", "Grants for technology"]),
    ],
)
def test_bars_follow_the_sort_order(order: str, expected: list[str], theme: Theme) -> None:
    chart, table = make("bar-horizontal", sort=order)
    table = ChartTable(("Federal agencies", "Youth programs", "Grants for technology"), (("Share", (75, 70, 97)),))
    labels = [el for el in texts(chart_svg(chart, table, theme, WIDTH)) if el.text in expected]
    assert [el.text for el in sorted(labels, key=lambda el: float(el.get("y", 0)))] == expected


@pytest.mark.parametrize(
    ("value", "unit", "approximate", "shown"),
    [
        (97, "percent", False, "97%"),
        (57.5, "percent", True, "~57.5%"),
        (1234, "count", False, "1,234"),
        (1_234_567, "currency", False, "$1.2M"),
        (1234, "currency", False, "$1,234"),
        (-2_500_000_000, "currency", False, "-$2.5B"),
        (0.25, "number", False, "0.25"),
    ],
)
def test_values_are_formatted_by_unit(value: float, unit: str, approximate: bool, shown: str) -> None:
    assert format_value(value, unit, approximate) == shown  # type: ignore[arg-type]


def test_a_drawing_in_a_pdf_embeds_only_the_theme_fonts(theme: Theme, tmp_path: Path) -> None:
    if not (shutil.which("pdffonts") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils are not installed")
    from reportlab.platypus import SimpleDocTemplate

    from brief.theme.fonts import register_family

    drawings = [chart_drawing(chart_svg(*make(kind), theme, WIDTH)) for kind in ("bar-horizontal", "waffle")]
    target = tmp_path / "chart.pdf"
    # The page's own initial font is the document's business; here it is Lato so only the drawings are judged.
    SimpleDocTemplate(str(target), initialFontName=register_family(theme.fonts.body).regular).build(drawings)
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows, fonts
    assert all(row[0].split("+")[-1].startswith(theme.fonts.body) for row in rows), fonts
    assert all(row[-5] == "yes" for row in rows), fonts  # the 'emb' column
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    for label in ("Grants for technology", "97%", "58%", "Lack funding for youth programs"):
        assert label in text.replace("\n", " ")


def test_the_cache_key_follows_palette_data_and_width(theme: Theme) -> None:
    chart, table = make("stacked-100")
    key = chart_key(chart, table, theme, WIDTH)
    assert chart_key(chart, table, theme, WIDTH) == key
    repainted = dataclasses.replace(theme, chart=dataclasses.replace(theme.chart, palette=["#000000", "#888888"]))
    assert chart_key(chart, table, repainted, WIDTH) != key
    changed = ChartTable(table.categories, (("Cut", (71.0, 30.0)), ("Remainder", (29.0, 70.0))))
    assert chart_key(chart, changed, theme, WIDTH) != key
    assert chart_key(chart, table, theme, WIDTH / 2) != key
    assert chart_key(chart, table, theme, WIDTH, standalone=Standalone()) != key


def test_export_writes_every_default_chart_in_each_format(theme: Theme, tmp_path: Path) -> None:
    brief = check_project(ROOT).brief
    assert brief is not None
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}
    for fmt in ("png", "svg", "pdf"):
        paths = export_charts(brief, theme, tmp_path / fmt, fmt, dpi=72)  # type: ignore[arg-type]
        drawn = [c for c in brief.charts.charts if c.type != "table"]  # tables are typeset in the PDF only
        assert [p.name for p in paths] == [f"{c.id}.{fmt}" for c in drawn]
        assert all(p.read_bytes().startswith(magic[fmt]) for p in paths)
    again = export_charts(brief, theme, tmp_path / "again", "pdf", dpi=72)
    assert [_digest(p) for p in again] == [_digest(tmp_path / "pdf" / p.name) for p in again]
    svg = (tmp_path / "svg" / "survey-shares.svg").read_bytes()
    shown = [label.text for label in texts(svg)]
    chart = brief.charts.charts[0]
    assert chart.title in shown and brief.info.organisation.name in shown
    assert f"Source: {source_line(chart, brief)}" in shown
    assert source_line(chart, brief) == "U.S. Conference of Mayors; POLITICO."


def test_standalone_png_is_deterministic(theme: Theme) -> None:
    chart, table = make("waffle")
    first = render_chart(chart, table, theme, WIDTH, "png", dpi=72, standalone=Standalone())
    assert render_chart(chart, table, theme, WIDTH, "png", dpi=72, standalone=Standalone()) == first


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
