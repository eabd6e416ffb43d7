"""``coursegen build --offline``: the zip, its layout, and that it is reproducible."""

from __future__ import annotations

import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.publish.build import build_site
from generator.publish.bundle import write_bundle
from generator.publish.files import zip_time
from generator.publish.inputs import SHIM_TARGET
from generator.publish.paths import BUNDLE_FOLDER, OFFLINE_ZIP
from tests.site.conftest import SEED_CONTENT, Built, make_project
from tests.site.htmltools import parse


def entries(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as bundle:
        return bundle.infolist()


def test_bundle_holds_one_folder_with_the_home_page_and_offline_search(
    seeds_offline: Built,
) -> None:
    names = [info.filename for info in entries(seeds_offline.site / OFFLINE_ZIP)]
    assert {name.split("/")[0] for name in names} == {BUNDLE_FOLDER}
    for inside in ("index.html", "search/search_index.js", SHIM_TARGET):
        assert f"{BUNDLE_FOLDER}/{inside}" in names
    assert f"{BUNDLE_FOLDER}/404.html" not in names  # only a web server shows it


def test_bundle_has_a_page_file_for_every_module(seeds_offline: Built, seeds_bundle: Path) -> None:
    """Pages are files (T1.html), not folders, so that links work without a web server."""
    for standard in seeds_offline.standards:
        for duty in standard.duties:
            assert (seeds_bundle / standard.code / f"{duty.code}.html").is_file()
            assert not (seeds_bundle / standard.code / duty.code).exists()


def test_bundle_pages_load_nothing_from_another_host(seeds_bundle: Path) -> None:
    for page in sorted(seeds_bundle.rglob("*.html")):
        sources = parse(page.read_text("utf-8")).sources
        assert sources
        assert not [s for s in sources if "//" in s or s.startswith("/")], page


def test_the_online_site_keeps_directory_urls_and_no_shim(seeds_offline: Built) -> None:
    standard = seeds_offline.standards[0]
    assert (seeds_offline.site / standard.code / standard.duties[0].code / "index.html").is_file()
    assert not (seeds_offline.site / SHIM_TARGET).exists()
    assert "iframe-worker" not in (seeds_offline.site / "index.html").read_text("utf-8")


def test_entries_are_sorted_with_fixed_time_and_permissions(seeds_offline: Built) -> None:
    infos = entries(seeds_offline.site / OFFLINE_ZIP)
    names = [info.filename for info in infos]
    assert names == sorted(names)
    newest = max(v.date for s in seeds_offline.standards for v in s.versions if v.date)
    year, month, day = (int(part) for part in newest.split("-"))
    assert {info.date_time for info in infos} == {(year, month, day, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o644}


def test_zip_time_is_utc_and_never_before_1980() -> None:
    moment = datetime(2025, 12, 15, 8, 30, 5, tzinfo=UTC)
    assert zip_time(str(int(moment.timestamp()))) == (2025, 12, 15, 8, 30, 5)
    assert zip_time("0") == (1980, 1, 1, 0, 0, 0)


def test_write_bundle_ignores_file_times_and_creation_order(tmp_path: Path) -> None:
    zips = []
    for name, order in (("one", ["b.txt", "a/c.txt"]), ("two", ["a/c.txt", "b.txt"])):
        folder = tmp_path / name
        for stamp, file in enumerate(order):
            (folder / file).parent.mkdir(parents=True, exist_ok=True)
            (folder / file).write_text(file, "utf-8")
            os_time = 1_000_000_000 + 1000 * stamp
            os.utime(folder / file, (os_time, os_time))
        write_bundle(folder, tmp_path / f"{name}.zip", "86400")
        zips.append((tmp_path / f"{name}.zip").read_bytes())
    assert zips[0] == zips[1]
    assert [i.filename for i in entries(tmp_path / "one.zip")] == [
        f"{BUNDLE_FOLDER}/a/c.txt",
        f"{BUNDLE_FOLDER}/b.txt",
    ]


def test_two_offline_builds_give_byte_identical_zips(
    seeds_offline: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second build elsewhere, at another time, with another working directory."""
    monkeypatch.chdir(tmp_path)
    root = make_project(tmp_path / "again", SEED_CONTENT)
    assert build_site(root, site_url=None, offline=True) == 0
    again = (root / "site" / OFFLINE_ZIP).read_bytes()
    assert again == (seeds_offline.site / OFFLINE_ZIP).read_bytes()
