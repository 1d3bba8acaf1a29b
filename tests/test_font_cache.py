"""Font lookups kept between runs: used while nothing is installed or removed, asked again otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brief.theme import font_cache
from brief.theme.fonts import _ask_fontpkg

LOOKUP = "from brief.theme.fonts import family_files; print(family_files('Lato')['files']['400/normal'])"


def _lookup_in_a_new_process(cache: Path, *extra_path: Path) -> tuple[str, bool]:
    """The regular file of Lato, and whether fontpkg had to be asked (imported) for it."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(map(str, extra_path))
    code = f"import sys; {LOOKUP}; print('fontpkg' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    path, asked = out.split()
    return path, asked == "True"


def test_a_second_run_finds_the_files_without_asking_fontpkg(tmp_path: Path) -> None:
    first, asked = _lookup_in_a_new_process(tmp_path)
    assert asked and first.endswith(".ttf")
    second, asked_again = _lookup_in_a_new_process(tmp_path)
    assert (second, asked_again) == (first, False)


def test_installing_a_package_means_asking_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _lookup_in_a_new_process(tmp_path / "cache", site)
    assert not _lookup_in_a_new_process(tmp_path / "cache", site)[1]
    (site / "newly_installed.py").write_text("")  # what pip does to a folder on sys.path
    os.utime(site, ns=(0, site.stat().st_mtime_ns + 1_000_000_000))
    assert _lookup_in_a_new_process(tmp_path / "cache", site)[1]
    assert len(list((tmp_path / "cache" / "brief").glob("font-lookups-*.json"))) == 1  # the old answers go


@pytest.mark.parametrize("damage", ["not json", "a list", "a vanished file"])
def test_a_damaged_or_stale_answer_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    answer = _ask_fontpkg("Lato")
    font_cache.write_lookup("Lato", answer)
    assert font_cache.read_lookup("Lato") == answer
    kept = next((tmp_path / "brief").glob("font-lookups-*.json"))
    if damage == "not json":
        kept.write_text("{")
    elif damage == "a list":
        kept.write_text("[]")
    else:
        answer = {**answer, "files": {**answer["files"], "400/normal": str(tmp_path / "gone.ttf")}}
        kept.write_text(json.dumps({"Lato": answer}))
    assert font_cache.read_lookup("Lato") is None


def test_a_family_that_is_not_installed_is_remembered_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    answer = _ask_fontpkg("No Such Family")
    assert answer == {"problem": "is not installed", "files": {}}
    font_cache.write_lookup("No Such Family", answer)
    assert font_cache.read_lookup("No Such Family") == answer


def test_an_unwritable_cache_folder_only_means_asking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder would go
    font_cache.write_lookup("Lato", _ask_fontpkg("Lato"))
    assert font_cache.read_lookup("Lato") is None


def test_without_a_cache_folder_nothing_is_kept_and_fonts_still_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_cache, "cache_folder", lambda: None)
    font_cache.write_lookup("Lato", _ask_fontpkg("Lato"))
    assert font_cache.read_lookup("Lato") is None
    from brief.theme.fonts import font_path

    font_cache.write_charmap(font_path("Lato"), frozenset({65}))
    assert font_cache.read_charmap(font_path("Lato")) is None


def test_a_second_check_reads_the_fonts_character_maps_without_reportlab(project: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    code = (
        "import sys; from pathlib import Path; from brief.content.validate import check_project\n"
        "checked = check_project(Path(sys.argv[1]))\n"
        "print(len(checked.errors), 'reportlab' in sys.modules)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code, str(project)], env=env, capture_output=True, text=True)
        for _ in "12"
    ]
    assert [run.stdout.split() for run in runs] == [["0", "True"], ["0", "False"]], [run.stderr for run in runs]


@pytest.mark.parametrize("damage", ["not json", "another file", "a changed file"])
def test_a_damaged_or_stale_character_map_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    from brief.theme.fonts import charmap, font_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    font = tmp_path / "Copy.ttf"
    font.write_bytes(font_path("Lato").read_bytes())
    codes = frozenset({ord("a"), ord("b"), ord("c"), 0x1F693})
    font_cache.write_charmap(font, codes)
    assert font_cache.read_charmap(font) == codes
    kept = tmp_path / "brief" / "font-charmaps.json"
    if damage == "not json":
        kept.write_text("{")
    elif damage == "another file":
        assert font_cache.read_charmap(font_path("Lato")) is None
        return
    else:
        os.utime(font, ns=(0, font.stat().st_mtime_ns + 1_000_000_000))
    assert font_cache.read_charmap(font) is None
    assert ord("a") in charmap("Lato") and 0x1F693 not in charmap("Lato")  # read with ReportLab, then kept
