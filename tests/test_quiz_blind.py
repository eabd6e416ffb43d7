"""A learner who knows nothing of the job must not pass: blind strategies on realistic banks.

The synthetic standards of the benchmarks (20 of them, recombined from the seeds' tasks);
scores come from the independent reader in ``tests/quiz_checks.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import seed_data, synthetic_standard
from generator.load import load_standard
from generator.model import Standard
from generator.quiz.generate import build_bank
from tests.quiz_checks import bank_problems, blind_scores

SYNTHETIC = 20


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Standard]:
    folder = tmp_path_factory.mktemp("synthetic")
    seeds = seed_data()
    loaded = []
    for index in range(SYNTHETIC):
        data = synthetic_standard(index, seeds)
        path = Path(folder) / f"{data['code']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        loaded.append(load_standard(path)[0])
    return loaded


def test_synthetic_banks_are_sound_and_blind_learners_fail(synthetic: list[Standard]) -> None:
    for standard in synthetic:
        bank = build_bank(standard)
        assert bank_problems(standard, bank) == [], standard.code
        guess, strategies, best = blind_scores(standard, bank)
        assert best <= guess + 10, (standard.code, guess, strategies)
        assert best < 60, standard.code


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(index=st.integers(min_value=SYNTHETIC, max_value=998))
def test_any_synthetic_standard_gives_blind_learners_no_edge(index: int, tmp_path: Path) -> None:
    """A property over random standards: the benchmarks' generator, at random indexes."""
    data = synthetic_standard(index, seed_data())
    path = tmp_path / f"{data['code']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    standard = load_standard(path)[0]
    bank = build_bank(standard)
    assert bank_problems(standard, bank) == []
    guess, strategies, best = blind_scores(standard, bank)
    assert best <= guess + 10 and best < 60, (index, guess, strategies)
