"""Property tests: whatever text arrives, the importer and loader fail only with ContentError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import ContentError
from generator.importers import import_text
from generator.load import schema_problems, standard_from_data
from generator.validate import check_standard
from generator.yamlio import read_yaml
from tests.conftest import SEEDS, STANDARDS

SEED_LINES = {
    path.name: path.read_text("utf-8").splitlines(keepends=True) for path in SEEDS.glob("*.txt")
}
YAML_LINES = STANDARDS.joinpath("KPS5294-001v3.yaml").read_text("utf-8").splitlines(keepends=True)
TABLE_TEXT = st.text(
    alphabet=st.sampled_from("TPOKSA0123456789.|\t \n職能基準主要職責工作任務<p>：")
)


def _import_or_content_error(text: str) -> None:
    try:
        imported = import_text(text, "x.txt")
    except ContentError as exc:
        assert exc.diagnostics and all(d.file == "x.txt" for d in exc.diagnostics)
        return
    # Whatever is accepted must be a valid standard.
    located = read_yaml(imported.yaml_text, f"{imported.standard.code}.yaml")
    assert not schema_problems(located, "y")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SEED_LINES)), st.data())
def test_seed_with_lines_dropped_or_swapped(name: str, data: st.DataObject) -> None:
    lines = list(SEED_LINES[name])
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            del lines[i]
        else:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    _import_or_content_error("".join(lines))


@settings(max_examples=150, deadline=None)
@given(TABLE_TEXT)
def test_random_table_like_text(text: str) -> None:
    _import_or_content_error(text)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_yaml_with_a_line_changed(data: st.DataObject) -> None:
    lines = list(YAML_LINES)
    i = data.draw(st.integers(0, len(lines) - 1))
    lines[i] = data.draw(st.text(max_size=40)) + "\n"
    try:
        located = read_yaml("".join(lines), "y.yaml")
    except ContentError:
        return
    if schema_problems(located, "y.yaml"):
        return
    standard = standard_from_data(located.data)
    check_standard(standard, located, "y.yaml")
