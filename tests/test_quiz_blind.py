"""A learner who knows nothing of the job must not pass: blind strategies on realistic banks.

The synthetic standards of the benchmarks (20 of them, recombined from the seeds' tasks);
scores come from the independent reader in ``tests/quiz_checks.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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
