"""Content folder → a validated Brief, with every problem in the content reported in one pass."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import os
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from brief.content import markup
from brief.content.convert import Converter, Invalid, exact
from brief.content.data import resolve_chart_data, suggestion
from brief.content.logo import logo_problems
from brief.content.model import (
    CONTENT_FILES,
    ID_PATTERN,
    Brief,
    BriefInfo,
    Chart,
    ChartsFile,
    ChartTable,
    FindingsFile,
    RecommendationsFile,
    RequestsFile,
    SourcesFile,
    Stat,
)
from brief.content.periods import label_hint, period_problems
from brief.content.wording import brief_locale, language_problems, looks_approximate, strings_problems
from brief.errors import BriefError, Problem, Severity
from brief.loading import Document, KeyPath, load_yaml
from brief.theme.contrast import theme_problems
from brief.theme.glyphs import theme_glyph_problems
from brief.theme.model import Paper, Theme, load_theme_located, theme_chain

#: Files a brief cannot do without; the others may be left out.
REQUIRED_FILES = ("brief.yaml", "findings.yaml", "sources.yaml")


@dataclasses.dataclass
class Checked:
    """What validation learned: the brief if it is sound, and every problem found."""

    brief: Brief | None
    problems: list[Problem]
    docs: dict[str, Document] = dataclasses.field(default_factory=dict)
    theme: Theme | None = None
    theme_chain: list[tuple[str, Path]] = dataclasses.field(default_factory=list)  # theme.theme_chain
    data_texts: list[Document] = dataclasses.field(default_factory=list)  # the CSVs' text cells, located

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def buildable(self) -> tuple[Brief, Theme]:
        """The brief and its theme, or BriefError with every error found when either could not be read."""
        if self.brief is None or self.theme is None:
            raise BriefError(self.errors)
        return self.brief, self.theme


def check_project(project: Path, style: str | None = None, paper: str | None = None) -> Checked:
    """Load and validate every content file of `project`, and the theme it uses (or `style`), on its paper
    (or `paper`: letter, a4 or legal)."""
    checked = _check_content(project)
    info = checked.docs.get("brief.yaml")
    name = style or (checked.brief.info.theme if checked.brief else _theme_name(info))
    try:
        theme, located = load_theme_located(name, project, named_in=None if style else info)
    except BriefError as exc:
        checked.problems += exc.problems
        checked.brief = None
        return checked
    size = paper or (checked.brief.info.paper if checked.brief else "")
    if size and size != theme.page.size:  # the paper changes; margins, type and colours stay the theme's
        theme = dataclasses.replace(theme, page=dataclasses.replace(theme.page, size=cast(Paper, size)))
    checked.theme, checked.theme_chain = theme, theme_chain(located)
    checked.problems += theme_problems(theme, located, checked.brief)
    texts = {doc.path: doc for doc in checked.data_texts}  # a CSV two charts read is checked once
    checked.problems += theme_glyph_problems({**checked.docs, **texts}, theme)
    checked.problems += strings_problems(theme.strings, located, ("strings",))
    if checked.brief is not None:
        checked.problems += logo_problems(project, checked.brief.info.organisation, checked.docs["brief.yaml"])
        locale = brief_locale(checked.brief.info, theme.strings, _font_codes(theme))
        checked.brief = dataclasses.replace(checked.brief, locale=locale)
    if any(p.is_error for p in checked.problems):
        checked.brief = None
    return checked


def _font_codes(theme: Theme) -> frozenset[int] | None:
    """What the body and heading fonts can both draw; None when a family is missing (reported elsewhere)."""
    from brief.theme.fonts import charmap, family_problem

    if family_problem(theme.fonts.body) or family_problem(theme.fonts.heading):
        return None
    return charmap(theme.fonts.body) & charmap(theme.fonts.heading, bold=True)


def _theme_name(info: Document | None) -> str:
    data = info.data if info is not None else None
    name = data.get("theme") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name else "default"


def _check_content(project: Path) -> Checked:
    content = project / "content"
    problems: list[Problem] = []
    if not content.is_dir():
        return Checked(
            None,
            [
                Problem(
                    str(content),
                    0,
                    0,
                    "no content folder here",
                    hint="run 'brief check' in a brief project, or name one",
                )
            ],
        )
    docs: dict[str, Document] = {}
    models: dict[str, Any] = {}
    for name, cls in CONTENT_FILES.items():
        path = content / name
        # A link counts as there even when it leads nowhere: the file was meant to be read, so that is an error.
        if name not in REQUIRED_FILES and not os.path.lexists(path):
            models[name] = cls(**{f.name: [] for f in dataclasses.fields(cls) if _is_list_without_default(f)})
            continue
        if not os.path.lexists(path):
            needed = ", ".join(REQUIRED_FILES[:-1]) + " and " + REQUIRED_FILES[-1]
            problems.append(Problem(str(path), 0, 0, "file not found", hint=f"every brief needs {needed}"))
            continue
        doc, found = load_yaml(path, str(path))
        problems += found
        if doc is None:
            continue
        docs[name] = doc
        converter = Converter(doc)
        with contextlib.suppress(Invalid):  # its problems are in converter.problems
            models[name] = converter.dataclass(doc.data if doc.data is not None else {}, cls, ())
        problems += converter.problems
    # A file that did not load stands in as empty: the others are still checked, each on its own and against
    # each other (and against the ids the broken file holds as written), so one run reports every problem,
    # not only those of the first broken file.
    unknown = frozenset(name for name in CONTENT_FILES if name not in models)
    models |= {name: _stand_in(CONTENT_FILES[name]) for name in unknown}
    cross = _CrossCheck(project, docs, models, unknown)
    problems += cross.run()
    if unknown or any(p.is_error for p in problems):
        return Checked(None, problems, docs, data_texts=cross.data_texts)
    brief = Brief(
        project,
        models["brief.yaml"],
        models["findings.yaml"],
        models["requests.yaml"],
        models["recommendations.yaml"],
        models["charts.yaml"],
        models["sources.yaml"],
        cross.chart_tables,
        {s.id: i for i, s in enumerate(models["sources.yaml"].sources, 1)},
    )
    return Checked(brief, problems, docs, data_texts=cross.data_texts)


def _strings(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every text value in loaded YAML, with its key path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def _is_list_without_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _written_ids(data: Any, key: str) -> set[str] | None:
    """The ids of the items under `key` as the YAML writes them; None if the list is missing or empty, or an
    item has no valid id (a reference might mean that item, so none can be called unknown)."""
    listed = data.get(key) if isinstance(data, dict) else None
    if not isinstance(listed, list) or not listed:
        return None
    ids = [item.get("id") if isinstance(item, dict) else None for item in listed]
    if not all(isinstance(i, str) and re.fullmatch(ID_PATTERN, i) for i in ids):
        return None
    return set(cast(list[str], ids))


def _stand_in(cls: type) -> Any:
    """An empty instance of a content file's dataclass, for a file that did not load: its lists empty, its
    required texts blank. Only the cross-checks see it, and they check nothing in it."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            continue
        kind = typing.get_type_hints(cls)[f.name]
        nested = dataclasses.is_dataclass(kind)
        values[f.name] = [] if typing.get_origin(kind) is list else _stand_in(cast(type, kind)) if nested else ""
    return cls(**values)


class _CrossCheck:
    """Checks that span fields and files: ids, references, numbers, citations, chart data."""

    def __init__(
        self, project: Path, docs: dict[str, Document], models: dict[str, Any], unknown: frozenset[str] = frozenset()
    ) -> None:
        self.project = project
        self.docs = docs
        self.unknown = unknown  # files that did not load: their models are stand-ins, checked against nothing
        self.info: BriefInfo = models["brief.yaml"]
        self.findings: FindingsFile = models["findings.yaml"]
        self.requests: RequestsFile = models["requests.yaml"]
        self.recommendations: RecommendationsFile = models["recommendations.yaml"]
        self.charts: ChartsFile = models["charts.yaml"]
        self.sources: SourcesFile = models["sources.yaml"]
        self.problems: list[Problem] = []
        self.chart_tables: dict[str, ChartTable] = {}
        self.data_texts: list[Document] = []  # each CSV's text cells, for the glyph check
        self.cited: set[str] = set()

    def run(self) -> list[Problem]:
        source_ids = self._ids("sources.yaml", "sources", "source", self.sources.sources)
        finding_ids = self._ids("findings.yaml", "findings", "finding", self.findings.findings)
        chart_ids = self._ids("charts.yaml", "charts", "chart", self.charts.charts)
        self._ids("requests.yaml", "requests", "request", self.requests.requests)
        self._ids("recommendations.yaml", "recommendations", "recommendation", self.recommendations.recommendations)
        self._references(source_ids, finding_ids, chart_ids)
        self._stats()
        self._markup(source_ids)
        self._uncited()
        self._charts()
        self._placeholders()
        if "brief.yaml" in self.docs:  # a brief.yaml that did not load stands in empty: nothing to check
            self.problems += language_problems(self.info, self.docs["brief.yaml"])
        return self.problems

    def _displayed(self, chart: Chart, table: ChartTable, path: KeyPath) -> ChartTable:
        """`table` with its series named and formatted as the chart's `display` says."""
        names = [name for name, _ in table.series]
        shown = {}
        for j, display in enumerate(chart.display):
            if display.series not in names:
                message = f"'{display.series}' is not one of the chart's series"
                self.error(
                    "charts.yaml", (*path, "display", j, "series"), message, hint=suggestion(display.series, names)
                )
            shown[display.series] = display
        series = tuple(((shown[n].label if n in shown and shown[n].label else n), v) for n, v in table.series)
        formats = tuple((shown[n].format, shown[n].decimals) if n in shown else ("", None) for n in names)
        return ChartTable(table.categories, series, formats)

    def _time_axis(self, chart: Chart, table: ChartTable, path: KeyPath, texts: Document | None) -> None:
        """Dates that cannot make a time axis (errors), and dates not written as ISO dates (a warning)."""
        found = [(*problem, True) for problem in period_problems(table.categories)]
        if not found and (hint := label_hint(table.categories)) is not None:
            found = [(*hint, False)]
        for index, message, advice, is_error in found:
            if texts is None:
                problem = self.docs["charts.yaml"].problem((*path, "data", "categories", index), message, hint=advice)
            else:  # a CSV: the category's cell, found by its text (its header cells come first)
                cells = texts.data["cells"]
                used = 1 + len(chart.csv.columns) if chart.csv else 0
                at = next((k for k in range(used, len(cells)) if cells[k] == table.categories[index]), 0)
                problem = texts.problem(("cells", at), message, hint=advice)
            self.problems.append(problem if is_error else dataclasses.replace(problem, severity=Severity.WARNING))

    def _placeholders(self) -> None:
        """A template's PLACEHOLDER left in the content would print: a warning, an error under --strict."""
        message, hint = "'PLACEHOLDER' is still in this text", "replace it with your own words"
        for file, doc in self.docs.items():
            for path, text in _strings(doc.data, ()):
                if "PLACEHOLDER" in text:
                    self.warn(file, path, message, hint=hint)
        seen = set()
        for csv_doc in self.data_texts:  # a CSV's category labels and column names print too
            for path, text in _strings(csv_doc.data, ()):
                if "PLACEHOLDER" in text and (csv_doc.path, path) not in seen:
                    seen.add((csv_doc.path, path))
                    found = csv_doc.problem(path, message, hint=hint)
                    self.problems.append(dataclasses.replace(found, severity=Severity.WARNING))

    def error(self, file: str, path: KeyPath, message: str, hint: str = "") -> None:
        doc = self.docs.get(file)
        if doc is not None:
            self.problems.append(doc.problem(path, message, hint=hint))

    def warn(self, file: str, path: KeyPath, message: str, hint: str = "") -> None:
        doc = self.docs.get(file)
        if doc is not None:
            found = doc.problem(path, message, hint=hint)
            self.problems.append(dataclasses.replace(found, severity=Severity.WARNING))

    def _ids(self, file: str, key: str, what: str, items: list[Any]) -> set[str] | None:
        """The ids of `file`'s items, each duplicate an error. For a file that did not convert, the ids its YAML
        holds as written, if every item has a valid one; else None: a reference to it cannot be judged."""
        if file in self.unknown:
            return _written_ids(self.docs[file].data if file in self.docs else None, key)
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                first = self.docs[file].where((key, seen[item.id], "id"))[0]
                self.error(file, (key, i, "id"), f"duplicate {what} id '{item.id}' (first used on line {first})")
            else:
                seen[item.id] = i
        return set(seen)

    def _refer(self, file: str, path: KeyPath, what: str, wanted: str, known: set[str] | None, part: str = "") -> None:
        """An error unless `wanted` is among `known` (None: the file that defines them did not load); `part`
        is how it is written inside a longer text."""
        if known is not None and wanted not in known:
            close = difflib.get_close_matches(wanted, sorted(known), n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?" if close else f"no {what} with that id in {what}s.yaml" if known else ""
            )
            doc = self.docs.get(file)
            if doc is not None:
                self.problems.append(doc.problem(path, f"unknown {what} id '{wanted}'", hint=hint, part=part))

    def _references(self, sources: set[str] | None, findings: set[str] | None, charts: set[str] | None) -> None:
        for i, finding in enumerate(self.findings.findings):
            for j, sid in enumerate(finding.sources):
                self._refer("findings.yaml", ("findings", i, "sources", j), "source", sid, sources)
            if finding.chart is not None:
                self._refer("findings.yaml", ("findings", i, "chart"), "chart", finding.chart, charts)
        for i, request in enumerate(self.requests.requests):
            for j, sid in enumerate(request.sources):
                self._refer("requests.yaml", ("requests", i, "sources", j), "source", sid, sources)
        for i, rec in enumerate(self.recommendations.recommendations):
            for j, fid in enumerate(rec.findings):
                self._refer("recommendations.yaml", ("recommendations", i, "findings", j), "finding", fid, findings)
        for i, chart in enumerate(self.charts.charts):
            for j, sid in enumerate(chart.sources):
                self._refer("charts.yaml", ("charts", i, "sources", j), "source", sid, sources)
        for i, number in enumerate(self.info.callouts):
            for j, sid in enumerate(number.sources):
                self._refer("brief.yaml", ("callouts", i, "sources", j), "source", sid, sources)
        for i, quote in enumerate(self.info.quotes):
            for j, sid in enumerate(quote.sources):
                self._refer("brief.yaml", ("quotes", i, "sources", j), "source", sid, sources)
        if self.info.methodology_figure is not None:
            self._refer("brief.yaml", ("methodology_figure",), "chart", self.info.methodology_figure, charts)
        used = {f.chart for f in self.findings.findings} | {self.info.methodology_figure}
        for i, chart in enumerate(self.charts.charts):
            if chart.id not in used and not self.unknown & {"findings.yaml", "brief.yaml"}:
                self.warn(
                    "charts.yaml",
                    ("charts", i, "id"),
                    f"chart '{chart.id}' is not shown: no finding names it",
                    hint="add 'chart: " + chart.id + "' to a finding",
                )

    def _stats(self) -> None:
        stats: list[tuple[str, KeyPath, Stat]] = [
            ("findings.yaml", ("findings", i, "stat"), f.stat)
            for i, f in enumerate(self.findings.findings)
            if f.stat is not None
        ]
        stats += [("brief.yaml", ("callouts", i), number) for i, number in enumerate(self.info.callouts)]
        stats += [
            ("requests.yaml", ("requests", i, "stat"), r.stat)
            for i, r in enumerate(self.requests.requests)
            if r.stat is not None
        ]
        for file, path, stat in stats:
            if stat.unit == "percent" and stat.value is not None and not 0 <= stat.value <= 100:
                self.error(file, (*path, "value"), f"a percentage must be between 0 and 100, not {exact(stat.value)}")
            if stat.approximate and not looks_approximate(stat.shown, self.info.language):
                self.warn(
                    file,
                    (*path, "shown"),
                    f"'{stat.shown}' is approximate but does not look it",
                    hint=f"write '~{stat.shown}' or use the source's words",
                )

    def _markup(self, sources: set[str] | None) -> None:
        for file in self.docs.keys() - self.unknown:
            model = {
                "brief.yaml": self.info,
                "findings.yaml": self.findings,
                "requests.yaml": self.requests,
                "recommendations.yaml": self.recommendations,
                "charts.yaml": self.charts,
                "sources.yaml": self.sources,
            }[file]
            for path, text in _markup_texts(model, ()):
                parsed = markup.parse(text)
                self.cited.update(parsed.citations)
                for sid in parsed.citations:
                    self._refer(file, path, "source", sid, sources, part=f"@{sid}")
                for url in parsed.links:
                    if not markup.is_safe_link(url):
                        self.problems.append(
                            self.docs[file].problem(
                                path,
                                f"link '{url}' is not a web or mail address",
                                hint="links must start with https://, http:// or mailto:",
                                part=f"({url}",
                            )
                        )
        for i, source in enumerate(self.sources.sources):
            if source.url and not source.url.lower().startswith(("https://", "http://")):
                self.error(
                    "sources.yaml",
                    ("sources", i, "url"),
                    f"'{source.url}' is not a web address",
                    hint="use an https:// address",
                )

    def _uncited(self) -> None:
        if self.unknown:  # a file that did not load may cite any source
            return
        for items in (self.findings.findings, self.requests.requests, self.charts.charts, self.info.quotes):
            for item in items:
                self.cited.update(item.sources)
        for i, source in enumerate(self.sources.sources):
            if source.id not in self.cited:
                self.warn(
                    "sources.yaml",
                    ("sources", i, "id"),
                    f"source '{source.id}' is never cited",
                    hint=f"cite it as [@{source.id}] or remove it",
                )

    def _charts(self) -> None:
        for i, chart in enumerate(self.charts.charts):
            table, found, texts = resolve_chart_data(chart, self.project, self.docs["charts.yaml"], ("charts", i))
            self.problems += found
            if texts is not None:
                self.data_texts.append(texts)
            if table is not None and chart.type == "line":
                self._time_axis(chart, table, ("charts", i), texts)
            if table is not None:
                self.chart_tables[chart.id] = self._displayed(chart, table, ("charts", i))
            if chart.caption and markup.plain(chart.alt).strip() == markup.plain(chart.caption).strip():
                self.error(
                    "charts.yaml",
                    ("charts", i, "alt"),
                    "alt text repeats the caption",
                    hint="describe what the chart shows, with its numbers",
                )


def _markup_texts(obj: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every text of `obj` that takes inline markup, with its key path."""
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _markup_texts(item, (*path, i))
        return
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.metadata.get("markup") and isinstance(value, str):
            yield (*path, f.name), value
        elif f.metadata.get("markup") and isinstance(value, list):
            yield from (((*path, f.name, i), text) for i, text in enumerate(value))
        else:
            yield from _markup_texts(value, (*path, f.name))
