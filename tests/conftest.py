"""Shared paths for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"  # copies of ../shared/seeds, exactly as extracted from iCAP's PDFs
STANDARDS = ROOT / "content" / "standards"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside an empty project folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
