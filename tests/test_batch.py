"""brief batch: one PDF per CSV row, a failing row reported by number while the others are written,
deterministic outputs; and how {{ placeholders }} are filled without moving any reported position."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import cli
from brief.commands.batch import read_variants
from brief.content.variables import Fill
from brief.errors import BriefError


def _template(project: Path) -> None:
    """The default brief with {{ city }} in the title and {{ tech }} in a stat and in a chart's CSV."""
    info = project / "content" / "brief.yaml"
    info.write_text(
        info.read_text()
        .replace("title: Mayors Want", 'title: "{{ city }}: Mayors Want', 1)
        .replace("Not Troops\n", 'Not Troops"\n', 1)
    )
    findings = project / "content" / "findings.yaml"
    text = findings.read_text()
    assert "      shown: 97%\n      value: 97\n" in text
    findings.write_text(
        text.replace("      shown: 97%\n      value: 97\n", '      shown: "{{ tech }}%"\n      value: {{ tech }}\n', 1)
    )
    data = project / "content" / "data" / "survey-shares.csv"
    data.write_text(data.read_text().replace("equipment,97", "equipment,{{ tech }}"))


def _variants(folder: Path, rows: list[str]) -> Path:
    path = folder / "variants.csv"
    path.write_text("slug,city,tech\n" + "".join(row + "\n" for row in rows))
    return path


@pytest.fixture
def template(project: Path) -> Path:
    _template(project)
    return project


def test_every_row_is_built_and_a_failing_row_is_reported_by_number(template: Path, tmp_path: Path) -> None:
    variants = _variants(
        tmp_path, ["springfield,Springfield,91", "shelbyville,Shelbyville,lots", "ogdenville,Ogdenville,88"]
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(template), "--variants", str(variants), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.glob("*.pdf")) == ["ogdenville.pdf", "springfield.pdf"]
    findings = template / "content" / "findings.yaml"
    assert f"{variants} row 2: {findings}:8:14: error: 'value' must be a number, not the text 'lots'" in result.stderr
    assert "row 1:" not in result.stderr and "row 3:" not in result.stderr
    assert "2 of 3 PDFs built" in result.stderr and "failed: row 2" in result.stderr
    assert result.stdout.split() == [str(out / "springfield.pdf"), str(out / "ogdenville.pdf")]


def test_variants_are_filled_in_and_outputs_are_deterministic(template: Path, tmp_path: Path) -> None:
    variants = _variants(tmp_path, ["springfield,Springfield,91", "ogdenville,Ogdenville,88"])
    runner = CliRunner()
    for folder, jobs in (("a", "2"), ("b", "1")):
        args = ["batch", str(template), "--variants", str(variants), "-o", str(tmp_path / folder), "-j", jobs]
        result = runner.invoke(cli, [*args, "--force"])
        assert result.exit_code == 0, result.output
    for name in ("springfield.pdf", "ogdenville.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "springfield.pdf").read_bytes() != (tmp_path / "a" / "ogdenville.pdf").read_bytes()
    import pdfplumber

    with pdfplumber.open(tmp_path / "a" / "ogdenville.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    assert "Ogdenville: Mayors Want Federal Partners" in text.replace("\n", " ")
    assert "88%" in text


def test_shards_share_a_batch_and_build_the_same_pdfs_as_one_run(template: Path, tmp_path: Path) -> None:
    rows = ["springfield,Springfield,91", "ogdenville,Ogdenville,88", "shelbyville,Shelbyville,80"]
    variants = _variants(tmp_path, rows)
    runner = CliRunner()
    base = ["batch", str(template), "--variants", str(variants), "-j", "1", "--force"]
    assert runner.invoke(cli, [*base, "-o", str(tmp_path / "whole")]).exit_code == 0
    for k in (1, 2):
        result = runner.invoke(cli, [*base, "-o", str(tmp_path / "shards"), "--shard", f"{k}/2"])
        assert result.exit_code == 0, result.output
        built = [Path(line).name for line in result.stdout.split()]
        assert built == (["springfield.pdf", "shelbyville.pdf"] if k == 1 else ["ogdenville.pdf"])
    for name in ("springfield.pdf", "ogdenville.pdf", "shelbyville.pdf"):
        assert (tmp_path / "shards" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()
    result = runner.invoke(cli, [*base, "-o", str(tmp_path / "x"), "--shard", "3/2"])
    assert result.exit_code == 2 and "'3/2' is not K/N with 1 ≤ K ≤ N" in result.output


def test_an_undefined_variable_is_located_in_the_content(template: Path, tmp_path: Path) -> None:
    variants = tmp_path / "variants.csv"
    variants.write_text("slug,town,tech\nspringfield,Springfield,91\n")
    result = CliRunner().invoke(cli, ["batch", str(template), "--variants", str(variants), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    info = template / "content" / "brief.yaml"
    line = next(i for i, text in enumerate(info.read_text().splitlines(), 1) if "{{ city }}" in text)
    assert result.stderr.splitlines()[0] == (
        f"{info}:{line}:9: error: no variable 'city' (the columns of {variants} are: slug, tech, town)"
    )
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("slug,city name\na,b\n", "variants.csv:1:2: error: column 2: 'city name' cannot be a variable name"),
        ("slug,city\na,b\na,c\n", "variants.csv:3:1: error: row 2 writes a.pdf, as row 1 does"),
        ("slug,city\na,b,c\n", "variants.csv:2:1: error: row 1 has 3 cells; the header has 2"),
        ("output,city\n../up.pdf,b\n", "variants.csv:2:1: error: row 1: '../up.pdf' is not a file name"),
        ('city,slug\nb,"a\nb"\n', "variants.csv:2:2: error: row 1: 'a\\nb' is not a file name"),
        ("slug,city\na\x1b[2Jb,c\n", "variants.csv:2:1: error: row 1: 'a\\x1b[2Jb' is not a file name"),
        ("slug,city\nfdp.exe\u202e,c\n", "variants.csv:2:1: error: row 1: 'fdp.exe\\u202e' is not a file name"),
        ("slug,city\n", "variants.csv:2:1: error: there are no rows after the header"),
    ],
)
def test_a_broken_variants_file_is_reported_at_its_line(tmp_path: Path, csv_text: str, message: str) -> None:
    path = tmp_path / "variants.csv"
    path.write_text(csv_text)
    with pytest.raises(BriefError) as caught:
        read_variants(path, tmp_path / "out")
    assert caught.value.problems[0].format().replace(str(tmp_path) + "/", "").split(" (")[0] == message


def _fill(tmp_path: Path, text: str, **values: str) -> tuple[object, list[str]]:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    doc, problems = Fill(tmp_path, values, "v.csv row 1").parse_yaml(content / "x.yaml", text, "x.yaml")
    return (doc.data if doc else None), [p.format() for p in problems]


def test_a_whole_plain_value_is_read_as_yaml_and_text_stays_text(tmp_path: Path) -> None:
    text = 'n: {{ n }}\nflag: {{ f }}\nquoted: "{{ n }}"\nmixed: about {{ n }} mayors\nlist: [{{ n }}, {{ f }}]\n'
    data, problems = _fill(tmp_path, text, n="43", f="yes")
    assert problems == []
    assert data == {"n": 43, "flag": True, "quoted": "43", "mixed": "about 43 mayors", "list": [43, True]}


def test_a_value_cannot_change_the_yaml_structure(tmp_path: Path) -> None:
    data, problems = _fill(tmp_path, "title: {{ t }}\nother: kept\n", t="Crime: a view\nother: injected\n- x")
    assert problems == []
    assert data == {"title": "Crime: a view\nother: injected\n- x", "other": "kept"}


def test_positions_after_a_placeholder_are_those_of_the_file_as_written(tmp_path: Path) -> None:
    text = "a: {{ long_name }} {{ missing }}\n"
    data, problems = _fill(tmp_path, text, long_name="x" * 50)
    column = text.index("{{ missing }}") + 1
    assert problems == [f"x.yaml:1:{column}: error: no variable 'missing' (the columns of v.csv are: long_name)"]
    assert data == {"a": "x" * 50 + " {{ missing }}"}


# ── rows side by side ──────────────────────────────────────────────────────────────────────────────


def test_rows_built_side_by_side_give_the_pdfs_and_problems_of_rows_built_in_turn(
    template: Path, tmp_path: Path
) -> None:
    rows = ["springfield,Springfield,91", "shelbyville,Shelbyville,lots", "ogdenville,Ogdenville,88"]
    variants = _variants(tmp_path, rows)
    outputs, reports = {}, {}
    for jobs in ("2", "1"):
        out = tmp_path / jobs
        args = ["batch", str(template), "--variants", str(variants), "-o", str(out), "-j", jobs]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        outputs[jobs] = {path.name: path.read_bytes() for path in out.glob("*.pdf")}
        reports[jobs] = [line for line in result.stderr.splitlines() if ": error:" in line or ": warning:" in line]
        # row 2 fails: its value is wrong in findings.yaml and in the CSV it fills
        errors = [line for line in reports[jobs] if "error:" in line]
        assert len(errors) == 2 and all(f"{variants} row 2: " in error for error in errors), result.stderr
    assert outputs["2"] == outputs["1"] and len(outputs["1"]) == 2
    assert reports["2"] == reports["1"]
