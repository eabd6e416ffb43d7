"""A build without --offline says that the earlier offline bundle is no longer published."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.publish.build import build_site
from generator.publish.paths import OFFLINE_ZIP
from tests.site.conftest import SEED_CONTENT, make_project

CODE = "KPS5294-001v3"


def test_building_without_offline_tells_the_bundle_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "source" / "standards").mkdir(parents=True)
    shutil.copy(SEED_CONTENT / "standards" / f"{CODE}.yaml", tmp_path / "source" / "standards")
    root = make_project(tmp_path / "project", tmp_path / "source")
    assert build_site(root, site_url=None, offline=True) == 0
    assert (root / "site" / OFFLINE_ZIP).is_file()
    capsys.readouterr()
    assert build_site(root, site_url=None) == 0
    out = capsys.readouterr().out
    assert not (root / "site" / OFFLINE_ZIP).exists()
    assert f"先前的離線版 {OFFLINE_ZIP} 已不在 site/ 中" in out and "--offline" in out
    assert build_site(root, site_url=None) == 0
    assert "離線版" not in capsys.readouterr().out  # said once, when it went
