"""Briefs in other languages: brief's own words, numbers, dates and quote marks in the brief's language.

The Spanish and French corpus briefs are built and their PDFs' text read back: no English furniture may be
left, and numbers and quotes must be set as each language sets them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from readers import pdftotext, words

from brief.cli import cli
from brief.languages import ENGLISH, Locale, catalog, placeholders, supported

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = ROOT / "tests" / "briefs"

#: What brief printed in English into every brief, whatever its language; none may be left in another's.
ENGLISH_FURNITURE = [
    "Executive summary",
    "In this brief",
    "Key findings",
    "What stakeholders asked for",
    "About the data",
    "Sources",
    "Source:",
    "Notes:",
    "Figure 1",
    "Table 1",
    "(continued)",
    "Page 1 of",
    "Rests on",
    "Suggested citation",
    "Contact:",
    "About Observatorio",
    "October",
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def copy_of(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(BRIEFS / name / "content", target / "content")
    return target


def built_text(project: Path, *options: str) -> str:
    pdf = project / "output" / "brief.pdf"
    code, _, err = invoke("build", str(project), "-o", str(pdf), *options)
    assert code == 0, err
    return pdftotext(pdf)


# ── the catalogs ──


def test_every_language_has_every_string_of_english_with_the_same_values() -> None:
    english = catalog(ENGLISH).strings
    assert set(supported()) == {"de", "en", "es", "fr", "pt"}
    for language in supported():
        strings = catalog(language).strings
        assert sorted(strings) == sorted(english), language
        for key, text in strings.items():
            assert placeholders(text) == placeholders(english[key]), (language, key)
            assert text.strip(), (language, key)


def test_every_catalog_names_a_hyphenation_dictionary_and_approximate_words() -> None:
    import pyphen

    for language in supported():
        assert catalog(language).hyphenation in pyphen.LANGUAGES, language
        assert catalog(language).approximate, language


# ── the Spanish brief ──


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> str:
    return built_text(copy_of("spanish", tmp_path_factory.mktemp("es")))


def test_the_spanish_brief_prints_none_of_brief_s_english_words(spanish: str) -> None:
    left = [phrase for phrase in ENGLISH_FURNITURE if phrase in spanish]
    assert left == []


def test_the_spanish_brief_prints_its_furniture_in_spanish(spanish: str) -> None:
    text = words(spanish)
    for phrase in ["Resumen ejecutivo", "En este informe", "Fuentes", "Figura 1.", "Fuente:", "Página 1 de"]:
        assert phrase in text
    assert "Se basa en:" in text
    assert "Cita recomendada" in text
    assert "Acerca de Observatorio Municipal de Residuos" in text
    assert "octubre de 2025" in text  # the brief's date, its month in Spanish


# ── overrides and fallbacks ──


def edit_brief_yaml(project: Path, old: str, new: str) -> Path:
    path = project / "content" / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_brief_s_own_strings_replace_the_language_s(tmp_path: Path) -> None:
    project = copy_of("spanish", tmp_path)
    edit_brief_yaml(
        project,
        "language: es-ES\n",
        "language: es-ES\nstrings:\n  sources_heading: Referencias\n  page_of: '{page}/{total}'\n",
    )
    text = built_text(project)
    assert "Referencias" in text and "Fuentes" not in text
    assert "1/4" in text and "Página 1 de" not in text


def test_a_theme_s_strings_apply_and_the_brief_s_win_over_them(tmp_path: Path) -> None:
    project = copy_of("spanish", tmp_path)
    (project / "styles").mkdir()
    theme = {"extends": "default", "strings": {"sources_heading": "Bibliografía", "contents_title": "Índice"}}
    (project / "styles" / "house.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), encoding="utf-8")
    edit_brief_yaml(project, "theme: default", "theme: house\nstrings:\n  contents_title: Contenido")
    text = built_text(project)
    assert "Bibliografía" in text
    assert "Contenido" in text and "Índice" not in text


def test_an_unknown_string_key_is_a_located_error_with_a_suggestion(tmp_path: Path) -> None:
    project = copy_of("spanish", tmp_path)
    path = edit_brief_yaml(project, "language: es-ES\n", "language: es-ES\nstrings:\n  source_heading: Referencias\n")
    code, _, err = invoke("check", str(project))
    assert code == 1
    assert err.splitlines() == [
        f"{path}:15:3: error: unknown key 'source_heading' (did you mean 'sources_heading'?)",
        "1 error.",
    ]


def test_a_string_naming_a_value_it_does_not_have_is_a_located_error(tmp_path: Path) -> None:
    project = copy_of("spanish", tmp_path)
    path = edit_brief_yaml(project, "language: es-ES\n", "language: es-ES\nstrings:\n  page_of: 'Pág. {n}'\n")
    code, _, err = invoke("check", str(project))
    assert code == 1
    assert err.splitlines() == [
        f"{path}:15:12: error: 'page_of' uses {{n}}, which this string does not have (it has: {{page}}, {{total}})",
        "1 error.",
    ]


def test_a_theme_string_with_an_unpaired_brace_is_a_located_error(tmp_path: Path) -> None:
    project = copy_of("spanish", tmp_path)
    (project / "styles").mkdir()
    theme = project / "styles" / "house.yaml"
    theme.write_text("extends: default\nstrings:\n  continued: '{title} (sigue'\n  figure_title: 'Fig. {number'\n")
    edit_brief_yaml(project, "theme: default", "theme: house")
    code, _, err = invoke("check", str(project))
    assert code == 1
    assert err.splitlines() == [
        f"{theme}:4:17: error: 'figure_title' has a '{{' or '}}' without its pair; "
        "write {{ or }} for a brace itself",
        "1 error.",
    ]


def test_a_language_without_a_catalog_is_a_located_warning_and_prints_english(tmp_path: Path) -> None:
    project = copy_of("spanish", tmp_path)
    path = edit_brief_yaml(project, "language: es-ES", "language: it-IT")
    code, _, err = invoke("check", str(project))
    assert code == 0
    assert err.splitlines() == [
        f"{path}:13:11: warning: brief has no strings for the language 'it-IT'; its own words print in English "
        "(supported: de, en, es, fr, pt)",
        "1 warning.",
    ]
    text = built_text(project)
    assert "Executive summary" in text and "Page 1 of" in text


# ── numbers, amounts and dates in the locale's style ──


@pytest.mark.parametrize(
    ("tag", "number", "percent"),
    [
        ("en-US", "1,234.5", "97%"),
        ("fr-FR", "1\u202f234,5", "97\u00a0%"),
        ("de-DE", "1.234,5", "97\u00a0%"),
        ("es-ES", "1.234,5", "97\u00a0%"),
        ("es-US", "1,234.5", "97%"),
        ("es-MX", "1,234.5", "97%"),
        ("pt-BR", "1.234,5", "97%"),
    ],
)
def test_chart_values_are_written_as_the_locale_writes_them(tag: str, number: str, percent: str) -> None:
    from brief.charts.layout import format_value
    from brief.languages import Locale

    locale = Locale(tag)
    assert format_value(1234.5, "number", locale=locale) == number
    assert format_value(97, "percent", locale=locale) == percent
    assert format_value(58, "percent", approximate=True, locale=locale) == "~" + percent.replace("97", "58")


def test_amounts_are_in_the_brief_s_currency_in_the_locale_s_style() -> None:
    from brief.charts.layout import format_value
    from brief.charts.values import table_value
    from brief.languages import Locale

    assert format_value(1234, "currency") == "$1,234"
    assert format_value(2_500_000, "currency") == "$2.5M"
    assert format_value(1234, "currency", locale=Locale("fr-FR", "EUR")) == "1\u202f234\u00a0€"
    assert format_value(2_500_000, "currency", locale=Locale("de-DE", "EUR")) == "2,5\u00a0Mio.\u00a0€"
    assert table_value(-1234.5, "currency", 2, False, Locale("es-ES", "EUR")) == "-1.234,50\u00a0€"
    assert table_value(-0.001, "percent", 1, False, Locale("fr-FR")) == "0,0\u00a0%"


def test_dates_name_their_month_in_the_brief_s_language() -> None:
    from brief.languages import Locale

    assert Locale("en-US").date("2025-06-03") == "June 3, 2025"
    assert Locale("en-US").date("2025-06") == "June 2025"
    assert Locale("fr-FR").date("2025-06-03") == "3 juin 2025"
    assert Locale("de-DE").date("2025-06") == "Juni 2025"
    assert Locale("es-ES").date("2025-10") == "octubre de 2025"
    assert Locale("pt-BR").date("2025") == "2025"


def test_a_font_without_the_narrow_no_break_space_gets_a_no_break_space() -> None:
    from brief.languages import NBSP, Locale

    assert Locale("fr-FR", space=NBSP).number(1234.5) == "1\u00a0234,5"
    assert Locale("fr-FR", space=NBSP).quotes.quoted("oui") == "«\u00a0oui\u00a0»"


# ── the French brief ──


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> str:
    return built_text(copy_of("french", tmp_path_factory.mktemp("fr")))


def test_the_french_brief_prints_none_of_brief_s_english_words(french: str) -> None:
    own = " ".join(catalog("fr").strings.values()).replace("{number}", "1")  # French has Sources and Figure 1
    left = [phrase for phrase in ENGLISH_FURNITURE if phrase in french and phrase not in own]
    assert left == []


def test_the_french_brief_sets_numbers_amounts_and_dates_in_french(french: str) -> None:
    text = words(french)
    assert "Page 1 sur 3" in text
    assert "74,5 %" in text and "4,8 %" in text  # the chart's value labels
    assert "91 250 €" in text and "128 400 €" in text  # the table's amounts, in euros
    assert "12 400" in text  # a count with its thousands apart
    assert "$" not in text
    assert "14 novembre 2025" in text  # the brief's date
    assert "(juin 2025)" in text and "(11 février 2025)" in text  # the sources' dates


# ── approximate figures, in each language's words ──


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en-US", "nearly six in 10"),
        ("es-ES", "casi seis de cada 10"),
        ("es-MX", "cerca de 30 %"),
        ("fr-FR", "environ trois quarts"),
        ("de-DE", "etwa drei Viertel"),
        ("de-DE", "ca. 30 %"),
        ("pt-BR", "quase 60 %"),
        ("fr-FR", "~97 %"),
    ],
)
def test_a_figure_in_the_language_s_words_for_about_looks_approximate(language: str, shown: str) -> None:
    from brief.content.wording import looks_approximate

    assert looks_approximate(shown, language)


@pytest.mark.parametrize(
    ("language", "shown"),
    [("es-ES", "31 %"), ("fr-FR", "97 %"), ("de-DE", "30 %"), ("pt-BR", "60%"), ("fr-FR", "nearly 30 %")],
)
def test_a_bare_figure_does_not_look_approximate_in_any_language(language: str, shown: str) -> None:
    from brief.content.wording import looks_approximate

    assert not looks_approximate(shown, language)


def test_an_approximate_spanish_stat_is_warned_about_unless_it_says_so_in_spanish(tmp_path: Path) -> None:
    project = copy_of("spanish", tmp_path)
    findings = project / "content" / "findings.yaml"
    text = findings.read_text(encoding="utf-8")
    bare = text.replace("      value: 42\n", "      value: 42\n      approximate: true\n", 1)
    findings.write_text(bare, encoding="utf-8")
    code, _, err = invoke("check", str(project))
    assert code == 0
    assert err.splitlines() == [
        f"{findings}:23:14: warning: '42 %' is approximate but does not look it "
        "(write '~42 %' or use the source's words)",
        "1 warning.",
    ]
    findings.write_text(bare.replace("shown: 42 %", "shown: casi 42 %"), encoding="utf-8")
    code, _, err = invoke("check", str(project))
    assert (code, err) == (0, "")


def test_the_french_brief_quotes_with_guillemets(french: str) -> None:
    text = words(french)
    assert "« Le samedi" in text and "devoirs ? »" in text  # the pull quote
    assert "“" not in text and "”" not in text


def test_the_french_brief_s_typed_quotes_become_guillemets_with_narrow_no_break_spaces(french: str) -> None:
    assert "« commune type »" in words(french)  # typed as "commune type" in the methodology


@pytest.mark.parametrize(
    ("tag", "typed", "set"),
    [
        ("en-US", 'She said "yes" -- it\'s done...', "She said “yes” — it’s done…"),
        ("es-ES", '¿"Qué"? ¡"Ya"!', "¿“Qué”? ¡“Ya”!"),
        ("pt-BR", 'o "não"', "o “não”"),
        ("de-DE", "Er sagte \"ja\" und 'nein', Peter's", "Er sagte „ja“ und ‚nein‘, Peter’s"),
        ("fr-FR", 'Il a dit "oui" ; puis " non " !', "Il a dit «\u202foui\u202f»\u202f; puis «\u202fnon\u202f»\u202f!"),
    ],
)
def test_typed_quotation_marks_become_the_language_s(tag: str, typed: str, set: str) -> None:
    from brief.content.markup import smarten
    from brief.languages import Locale

    assert smarten(typed, Locale(tag).quotes) == set


# ── hyphenation ──


def _lines(paragraph: object) -> list[str]:
    return [" ".join(line[1]) if isinstance(line, tuple) else " ".join(line.words) for line in paragraph.blPara.lines]  # type: ignore[attr-defined]


def test_a_word_wider_than_its_line_breaks_at_a_hyphenation_point_of_its_language() -> None:
    from brief.pdf.styles import make_styles
    from brief.pdf.tagging import TaggedParagraph
    from brief.theme.model import load_theme

    styles = make_styles(load_theme("default", ROOT), "fr")
    paragraph = TaggedParagraph("Le mot anticonstitutionnellement ne tient pas ici", styles.body)
    paragraph.wrap(90, 1000)
    assert _lines(paragraph) == ["Le mot anticonstitu-", "tionnellement ne", "tient pas ici"]


def test_ragged_text_hyphenates_no_word_that_fits_its_line() -> None:
    from brief.pdf.styles import make_styles
    from brief.pdf.tagging import TaggedParagraph
    from brief.theme.model import load_theme

    styles = make_styles(load_theme("default", ROOT), "fr")
    text = "Les sept bibliothèques de Valmont, une commune fictive, sont ouvertes en moyenne trente heures."
    paragraph = TaggedParagraph(text, styles.body)
    paragraph.wrap(200, 1000)
    assert not any(line.endswith("-") for line in _lines(paragraph))


def test_a_theme_that_justifies_hyphenates_at_line_ends_and_the_brief_still_lays_out(tmp_path: Path) -> None:
    import dataclasses

    from brief.pdf.styles import make_styles
    from brief.pdf.tagging import TaggedParagraph
    from brief.theme.model import load_theme

    theme = load_theme("default", ROOT)
    justified = dataclasses.replace(theme, layout=dataclasses.replace(theme.layout, justify=True))
    text = "Les sept bibliothèques de Valmont, une commune fictive, sont ouvertes en moyenne trente heures."
    paragraph = TaggedParagraph(text, make_styles(justified, "fr").body)
    paragraph.wrap(200, 1000)
    assert _lines(paragraph)[0].endswith("com-")

    project = copy_of("french", tmp_path)
    (project / "styles").mkdir()
    (project / "styles" / "justified.yaml").write_text("extends: default\nlayout:\n  justify: true\n")
    edit_brief_yaml(project, "theme: default", "theme: justified")
    code, _, err = invoke("build", str(project), "--strict", "-o", str(tmp_path / "justified.pdf"))
    assert code == 0 and "warning" not in err and "error" not in err, err


def test_docs_languages_lists_every_string_key() -> None:
    text = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    missing = [key for key in catalog(ENGLISH).strings if f"| `{key}` |" not in text]
    assert missing == []


def test_a_chart_label_too_wide_for_its_column_breaks_at_a_hyphenation_point() -> None:
    from brief.charts.layout import Typesetter
    from brief.languages import Locale
    from brief.theme.model import load_theme

    setter = Typesetter(load_theme("default", ROOT), Locale("fr-FR"))
    width = max(setter.width(part, setter.fs) for part in ("anticonstitu-", "tionnellement")) + 1
    assert setter.width("anticonstitution-", setter.fs) > width
    lines = setter.wrap("anticonstitutionnellement", setter.fs, width)
    assert lines == ["anticonstitu-", "tionnellement"]


# ── the web page and the time axis speak the brief's language too ──


def test_the_spanish_web_page_prints_none_of_brief_s_english_words(tmp_path: Path) -> None:
    import html
    import re

    project = copy_of("spanish", tmp_path)
    code, _, err = invoke("build", str(project), "--format", "html")
    assert code == 0, err
    page = (project / "output" / "brief.html").read_text(encoding="utf-8")
    body = page[page.index("<body") :]
    text = html.unescape(re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S))
    # What a reader sees or hears: the text between tags, and the labels screen readers speak.
    shown = " ".join([re.sub(r"<[^>]+>", " ", text), *re.findall(r'aria-label="([^"]*)"', body)])
    left = [phrase for phrase in [*ENGLISH_FURNITURE, "Skip to the brief", "Show the data"] if phrase in shown]
    assert left == []
    for phrase in ["Resumen ejecutivo", "Saltar al informe", "Mostrar los datos", "Fuente:"]:
        assert phrase in shown, phrase


def test_a_time_axis_names_months_and_quarters_in_the_brief_s_language() -> None:
    from brief.charts.timeaxis import time_ticks
    from brief.content.periods import time_axis

    months = time_axis([f"2019-{m:02d}" for m in range(1, 7)])
    quarters = time_axis([f"2019-Q{q}" for q in range(1, 5)])
    assert months is not None and quarters is not None
    for tag, first_month, first_quarter in (("en-US", "Jan 2019", "Q1 2019"), ("es-ES", "ene 2019", "T1 2019")):
        names = Locale(tag).period_names()
        assert time_ticks(months, 2000, len, 1, names)[0][1] == first_month
        assert time_ticks(quarters, 2000, len, 1, names)[0][1] == first_quarter


def test_french_elides_de_before_a_name_that_starts_with_a_vowel() -> None:
    french = Locale("fr-FR")
    assert french.text("about_heading", organisation="Atelier des politiques locales") == (
        "À propos d\u2019Atelier des politiques locales"
    )
    assert french.text("logo_alt", organisation="Institut Valmont") == "Logo d\u2019Institut Valmont"
    assert french.text("about_heading", organisation="Bayport Lab") == "À propos de Bayport Lab"
    assert Locale("es-ES").text("about_heading", organisation="Observatorio") == "Acerca de Observatorio"
