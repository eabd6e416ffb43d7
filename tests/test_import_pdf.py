"""`coursegen import FILE.pdf`: the standards of fixtures/ printed to PDF by two producers
(Chromium with Noto Sans CJK TC, reportlab with a CID font), A4 portrait, and read back.

Expected values are the committed YAML of the seeds and the YAML the text importer writes from
the same source text; where the page breaks fall is read from the PDFs with pdfplumber's own
table extraction, not with the importer.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.importers import read_source
from generator.importers.pdf_text import Line, join_lines, map_radicals
from tests.conftest import FIXTURES, SEEDS, STANDARDS
from tests.pdf_render import Chromium, document, reportlab_pdf

SOURCES = {
    **{p.stem: p for p in sorted(SEEDS.glob("*.txt"))},
    **{p.name.split(".")[0]: p for p in sorted((FIXTURES / "icap").glob("*.txt"))},
}
# Blank space before the competency table, chosen so that each producer's PDFs of the seeds
# break pages inside a duty name, an indicator and a K list, and between two rows
# (test_page_breaks_fall_where_they_should shows it).
OFFSETS = {"chromium": (20.0, 300.0), "reportlab": (340.0,)}
SEED_NAMES = [p.stem for p in sorted(SEEDS.glob("*.txt"))]
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


@pytest.fixture(scope="session")
def rendered_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, float], Path]:
    """(producer, source, offset) -> its PDF, rendered once a session."""
    root = tmp_path_factory.mktemp("pdf")
    pdfs = {}
    chromium = Chromium()
    try:
        for name, source in SOURCES.items():
            doc = document(source)
            for producer, offsets in OFFSETS.items():
                for offset in offsets:
                    target = root / producer / f"{offset:g}" / f"{name}.pdf"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if producer == "chromium":
                        chromium.pdf(doc, target, offset)
                    else:
                        reportlab_pdf(doc, target, offset)
                    pdfs[producer, name, offset] = target
    finally:
        chromium.close()
    return pdfs


def _cases(names: list[str]) -> list[tuple[str, str, float]]:
    return [(p, n, o) for p, offsets in OFFSETS.items() for o in offsets for n in names]


def _pdf_header(yaml_text: str, name: str) -> str:
    """The committed YAML names the text it came from; imported from a PDF, it names that."""
    return re.sub(r"從 \S+?（[^）]*版面）", f"從 {name}.pdf（PDF版面）", yaml_text, count=1)


@pytest.mark.parametrize(
    ("producer", "name", "offset"), _cases([p.stem for p in SEEDS.glob("*.txt")])
)
def test_seed_pdf_imports_to_the_committed_yaml(
    rendered_pdfs: dict[tuple[str, str, float], Path], producer: str, name: str, offset: float
) -> None:
    imported = read_source(rendered_pdfs[producer, name, offset])
    committed = (STANDARDS / f"{name}.yaml").read_text("utf-8")
    assert imported.layout == "PDF"
    assert imported.yaml_text == _pdf_header(committed, name)


VARIATIONS = [n for n in SOURCES if n not in SEED_NAMES]


@pytest.mark.parametrize(("producer", "name", "offset"), _cases(VARIATIONS))
def test_variation_round_trips_through_pdf(
    rendered_pdfs: dict[tuple[str, str, float], Path], producer: str, name: str, offset: float
) -> None:
    from_text = read_source(SOURCES[name])
    from_pdf = read_source(rendered_pdfs[producer, name, offset])
    assert from_pdf.standard == from_text.standard
    assert from_pdf.yaml_text.split("\n", 2)[2] == from_text.yaml_text.split("\n", 2)[2]


def _first_rows(path: Path) -> Iterator[list[str]]:
    """The first row under the competency table's header on every page after the first."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[1:]:
            for table in page.extract_tables():
                if len(table) > 1 and re.sub(r"\s", "", table[0][0] or "") == "主要職責":
                    yield [(c or "").strip() for c in table[1]]


def _break_kinds(path: Path) -> set[str]:
    kinds = set()
    for duty, task, _outputs, indicators, _level, knowledge, _skills in _first_rows(path):
        if re.match(r"T\d+\.\d+", task):
            kinds.add("between rows")
            continue
        kinds |= {"inside a duty name"} if duty else set()
        kinds |= {"inside an indicator"} if indicators and indicators[0] != "P" else set()
        kinds |= {"inside a K list"} if knowledge else set()
    return kinds


@pytest.mark.parametrize("producer", sorted(OFFSETS))
def test_page_breaks_fall_where_they_should(
    rendered_pdfs: dict[tuple[str, str, float], Path], producer: str
) -> None:
    kinds = set().union(
        *(
            _break_kinds(path)
            for (p, name, _), path in rendered_pdfs.items()
            if p == producer and name in SEED_NAMES  # seven columns, as iCAP prints them
        )
    )
    assert kinds >= {"inside a duty name", "inside an indicator", "inside a K list", "between rows"}


def test_chromium_pdfs_name_radicals_and_the_import_maps_them(
    rendered_pdfs: dict[tuple[str, str, float], Path],
) -> None:
    path = rendered_pdfs["chromium", "KPS5220-005v2", OFFSETS["chromium"][0]]
    with pdfplumber.open(path) as pdf:
        raw = "".join(page.extract_text() for page in pdf.pages)
    assert "⼯作任務" in raw  # U+2F2F, the pitfall the issue measured
    imported = read_source(path)
    assert not RADICALS.search(imported.yaml_text)
    assert "工作" in imported.yaml_text and "，" in imported.yaml_text


def test_running_heads_and_page_numbers_are_left_out(
    rendered_pdfs: dict[tuple[str, str, float], Path],
) -> None:
    path = rendered_pdfs["chromium", "KPS5294-001v3", OFFSETS["chromium"][0]]
    with pdfplumber.open(path) as pdf:
        pages = [map_radicals(page.extract_text()) for page in pdf.pages]
    assert len(pages) > 2
    assert all(text.startswith("電話行銷服務助理職能基準") for text in pages)
    assert all(f"第 {n} 頁，共 {len(pages)} 頁" in text for n, text in enumerate(pages, 1))
    imported = read_source(path).yaml_text
    assert "頁，共" not in imported and imported.count("電話行銷服務助理職能基準") == 0


def test_radicals_map_and_full_width_punctuation_stays() -> None:
    assert map_radicals("⼯作任務：⾞主使⽤⼿冊（⻑期）") == "工作任務：車主使用手冊（長期）"
    assert map_radicals("，：（）；「」、。") == "，：（）；「」、。"
    assert map_radicals("ＫＰＩ ①") == "ＫＰＩ ①"  # no NFKC beyond the radicals


def _line(text: str, x0: float, x1: float, first_width: float = 5.0) -> Line:
    return Line(text, x0, x1, first_width)


@pytest.mark.parametrize(
    ("lines", "joined", "glued"),
    [
        # Chinese lines: no space
        ([_line("依據組織流程作業服務規範，於預定工作", 0, 100), _line("日完成。", 0, 40)],
         "依據組織流程作業服務規範，於預定工作日完成。", []),
        # Latin words wrapped at a space: the line above had room for the next word's letter
        ([_line("Microsoft", 0, 80), _line("Excel", 0, 30), _line("spreadsheets", 0, 100)],
         "Microsoft Excel spreadsheets", []),
        # a word or a code cut at a full line: rejoined as one, and said so
        ([_line("請以 em", 0, 100), _line("ail 聯絡", 0, 30)], "請以 email 聯絡", ["email"]),
        ([_line("職業安全衛生K0", 0, 100), _line("2工作安全", 0, 50)], "職業安全衛生K02工作安全",
         ["K02"]),
        # a printed hyphen at the end of a line is kept, with nothing added
        ([_line("on-", 0, 60), _line("line", 0, 100)], "on-line", []),
    ],
)  # fmt: skip
def test_lines_join(lines: list[Line], joined: str, glued: list[str]) -> None:
    text, found = join_lines(lines)
    assert text == joined
    assert [g.word for g in found] == glued


SEED = SEEDS / "KPS5220-005v2.txt"


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(min_value=0, max_value=600, allow_nan=False))
def test_page_breaks_anywhere_never_change_the_standard(offset: float) -> None:
    expected = read_source(SEED).standard
    with tempfile.TemporaryDirectory() as folder:  # hypothesis runs many examples in one test
        path = reportlab_pdf(document(SEED), Path(folder) / "seed.pdf", offset)
        assert read_source(path).standard == expected


# --- refusals: exit 1, a message for the trainer, nothing written ---------------------------


def _refused(tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> str:
    out = tmp_path / "out"
    assert main(["import", str(source), "--output-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(str(source)) and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())
    return err


def test_refuses_a_pdf_that_is_not_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "standard.pdf"
    fake.write_text("這不是 PDF\n", "utf-8")
    assert "內容不是 PDF" in _refused(tmp_path, fake, capsys)


def test_a_missing_pdf_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "無法讀取檔案" in _refused(tmp_path, tmp_path / "missing.pdf", capsys)


def test_refuses_a_damaged_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    assert "無法讀取這個 PDF" in _refused(tmp_path, broken, capsys)


def _canvas_pdf(path: Path, text: str | None, **options: object) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), invariant=1, **options)
    if text is None:
        page.rect(50, 500, 300, 200, fill=1)  # a scan: marks on the page, no text
    else:
        page.setFont("STSong-Light", 12)
        page.drawString(50, 700, text)
    page.save()
    return path


def test_refuses_an_encrypted_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    locked = _canvas_pdf(
        tmp_path / "locked.pdf", "職能基準", encrypt=StandardEncryption("secret", "owner")
    )
    assert "密碼保護" in _refused(tmp_path, locked, capsys)


def test_refuses_a_scan_without_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan = _canvas_pdf(tmp_path / "scan.pdf", None)
    err = _refused(tmp_path, scan, capsys)
    assert "沒有文字層" in err and "OCR" in err


def test_refuses_a_pdf_that_is_no_standard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = _canvas_pdf(tmp_path / "letter.pdf", "敬啟者：本公司訂於下週一召開會議。")
    assert "不像是 iCAP 職能基準" in _refused(tmp_path, letter, capsys)


def test_a_folder_of_pdfs_imports_each_with_a_summary(
    rendered_pdfs: dict[tuple[str, str, float], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name in ("KPS5220-005v2", "KPS5294-001v3"):
        folder.joinpath(f"{name}.pdf").write_bytes(
            rendered_pdfs["reportlab", name, OFFSETS["reportlab"][0]].read_bytes()
        )
    _canvas_pdf(folder / "scan.pdf", None)
    out = tmp_path / "out"
    assert main(["import", str(folder), "--output-dir", str(out)]) == 1  # one was refused
    printed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in printed[:2]] == ["已匯入", "已匯入"]
    assert printed[2].startswith("共 3 個檔案：匯入 2 個，未匯入 1 個")
    assert sorted(p.name for p in out.iterdir()) == ["KPS5220-005v2.yaml", "KPS5294-001v3.yaml"]
