"""``python -m benchmarks``: a synthetic catalogue, built and measured (no timed assertions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from benchmarks.measure import KEYS
from benchmarks.synthetic import code_of, make_project, seed_data, synthetic_standard
from generator.diagnostics import errors
from generator.load import standard_from_data
from generator.validate import check_tree


def test_standard_i_is_the_same_whatever_the_catalogue_size() -> None:
    seeds = seed_data()
    assert synthetic_standard(3, seeds) == synthetic_standard(3, seed_data())
    assert synthetic_standard(3, seeds) != synthetic_standard(4, seeds)


def test_synthetic_standards_vary_in_size_within_bounds() -> None:
    seeds = seed_data()
    shapes = set()
    for index in range(30):
        standard = standard_from_data(synthetic_standard(index, seeds))
        assert standard.code == code_of(index)
        assert 3 <= len(standard.duties) <= 7
        assert all(2 <= len(d.tasks) <= 6 for d in standard.duties)
        shapes.add(tuple(len(d.tasks) for d in standard.duties))
    assert len(shapes) > 20


def test_a_synthetic_catalogue_has_no_errors(tmp_path: Path) -> None:
    make_project(tmp_path, 5)
    tree = check_tree(tmp_path / "content")
    assert len(tree.standards) == 5
    assert not errors(tree.diagnostics)


def test_benchmark_writes_one_row_per_size_with_positive_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = tmp_path / "result.json"
    assert main(["--sizes", "1", "--json", str(result), "--workdir", str(tmp_path / "w")]) == 0
    (row,) = json.loads(result.read_text("utf-8"))
    assert set(KEYS) <= set(row)
    assert row["n"] == 1
    for key in KEYS:
        assert row[key] > 0, key
    # The catalogue's search index of every course is composed, not rebuilt (issue 27).
    assert row["rebuilt_after_edit"] == [code_of(0)]
    table = capsys.readouterr().out
    assert table.startswith("| N |") and "\n| 1 |" in table
