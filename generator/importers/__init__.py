"""Raw iCAP text or PDF -> canonical YAML. One module per layout, shared cleanup and parsing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

from generator.diagnostics import ContentError, Diagnostic, Severity, errors
from generator.dump import standard_to_data, standard_yaml, write_atomically
from generator.importers import markdown_table, pdf, tab_separated
from generator.importers.icap import standard_from_rows
from generator.load import read_text, schema_problems, standard_from_data
from generator.model import Standard
from generator.project_files import node_problem
from generator.validate import check_standard
from generator.yamlio import read_yaml

LAYOUTS: tuple[ModuleType, ...] = (markdown_table, tab_separated)


@dataclass(frozen=True)
class Imported:
    standard: Standard
    layout: str
    yaml_text: str
    warnings: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class ImportResult:
    path: Path
    standard: Standard
    warnings: tuple[Diagnostic, ...]

    @property
    def summary(self) -> str:
        s = self.standard
        tasks = list(s.tasks())
        return (
            f"已匯入 {s.code} {s.name}：{len(s.duties)} 項主要職責、{len(tasks)} 項工作任務、"
            f"{len(list(s.indicators()))} 項行為指標、{len(s.knowledge)} 項知識、"
            f"{len(s.skills)} 項技能、{len(s.attitudes)} 項態度 → {self.path}"
        )


def detect_layout(text: str) -> ModuleType | None:
    return next((layout for layout in LAYOUTS if layout.matches(text)), None)


def import_text(text: str, file: str) -> Imported:
    """Parse one standard's raw text; raise ContentError if it cannot be made sense of."""
    if not text.strip():
        raise ContentError([Diagnostic(file, None, "檔案是空的，沒有可匯入的職能基準。")])
    layout = detect_layout(text)
    if layout is None:
        raise ContentError(
            [
                Diagnostic(
                    file,
                    None,
                    "這不像是 iCAP 職能基準的文字檔：找不到以 | 或 Tab 分隔的表格。",
                )
            ]
        )
    standard, warnings = standard_from_rows(layout.rows(text), file)
    return _imported(standard, layout.NAME, file, warnings)


def import_pdf(source: Path, file: str) -> Imported:
    """Read one standard's PDF; raise ContentError (messages naming pages) if it cannot."""
    found = pdf.read(source, file)
    try:
        standard, warnings = standard_from_rows(found.rows, file)
    except ContentError as exc:
        raise ContentError(_on_pages(exc.diagnostics, found)) from None
    glued = [
        Diagnostic(
            file,
            number,
            f"換行處的「{word}」接成一個字（上一行已排滿，看不出原本有沒有空格）；請對照原文確認。",
            Severity.WARNING,
        )
        for number, words in found.glued.items()
        for word in words
    ]
    return _imported(standard, pdf.NAME, file, _on_pages([*warnings, *glued], found))


def _on_pages(diagnostics: Sequence[Diagnostic], found: pdf.PdfRows) -> list[Diagnostic]:
    """A PDF has no lines to point at: name the page of the row instead."""
    return [
        replace(d, file=f"{d.file}（第 {found.pages[d.line]} 頁）", line=None)
        if d.line in found.pages
        else d
        for d in diagnostics
    ]


def _imported(
    standard: Standard, layout: str, file: str, warnings: Sequence[Diagnostic]
) -> Imported:
    header = (
        f"# {standard.code} {standard.name}\n"
        f"# 由 coursegen import 從 {Path(file).name}（{layout}版面）轉出。"
        "欄位說明見 docs/standard-format.md。\n"
    )
    yaml_text = standard_yaml(standard, header)
    checked = _check_round_trip(standard, yaml_text, file)
    return Imported(standard, layout, yaml_text, (*warnings, *checked))


def _check_round_trip(standard: Standard, yaml_text: str, file: str) -> list[Diagnostic]:
    """The YAML we are about to write must load back to the same standard and be valid;
    returns validate's warnings about it (e.g. a shared output), naming the YAML file."""
    target = f"{standard.code}.yaml"
    located = read_yaml(yaml_text, target)
    problems = schema_problems(located, target)
    found = [] if problems else check_standard(standard_from_data(located.data), located, target)
    problems = problems or errors(found)
    if problems:
        raise ContentError(
            [Diagnostic(file, None, f"匯入結果不合格式，未寫出檔案：{p}") for p in problems]
        )
    assert standard_to_data(standard_from_data(located.data)) == standard_to_data(standard)
    return found


def source_files(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The files named, a folder standing for the PDFs in it (by name, so a run is repeatable);
    a folder without any is a problem to report, not silently nothing."""
    files: list[Path] = []
    empty: list[Diagnostic] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".pdf" and p.is_file())
        files.extend(found)
        if not found:
            empty.append(Diagnostic(str(path), None, "資料夾中沒有 PDF 檔，沒有可匯入的職能基準。"))
    return files, empty


def read_source(source: Path) -> Imported:
    """Parse one raw iCAP file, a PDF or text as its content shows (nothing is written). A file
    the user names may be a link (unlike the project's own files): it is read where it leads,
    still never as a FIFO or a device."""
    file, real = str(source), source.resolve()
    problem = node_problem(real, file)
    if problem is not None:
        raise ContentError([problem])
    try:
        with real.open("rb") as stream:
            start = stream.read(1024)
    except OSError:  # missing, a folder, unreadable: read_text says which
        return import_text(read_text(source, file), file)
    if pdf.is_pdf(start):
        return import_pdf(real, file)
    if source.suffix.lower() == ".pdf":
        raise ContentError(
            [Diagnostic(file, None, "副檔名是 .pdf，但內容不是 PDF（可能已損壞或改過副檔名）。")]
        )
    return import_text(read_text(real, file), file)


def same_codes(imported: dict[Path, Imported]) -> dict[Path, Diagnostic]:
    """Files of one run that hold the same standard code: none of them is written, since either
    would overwrite the other (which one the trainer meant, only the trainer knows)."""
    by_code: dict[str, list[Path]] = {}
    for source, result in imported.items():
        by_code.setdefault(result.standard.code, []).append(source)
    refused = {}
    for code, sources in by_code.items():
        if len(sources) > 1:
            names = "、".join(str(s) for s in sources)
            for source in sources:
                refused[source] = Diagnostic(
                    str(source),
                    None,
                    f"這次匯入的 {names} 都是職能基準 {code}，會互相覆蓋，所以都沒有匯入。"
                    "請一次只匯入其中一個。",
                )
    return refused


def write_import(imported: Imported, source: Path, out_dir: Path, *, force: bool) -> ImportResult:
    """Write ``out_dir/<code>.yaml``; never overwrite unless ``force``."""
    shown = str(source)
    target = out_dir / f"{imported.standard.code}.yaml"
    if target.exists() and not force:
        raise ContentError(
            [
                Diagnostic(
                    shown,
                    None,
                    f"{target} 已存在，未覆蓋。若要以這次匯入取代它，請加上 --force。",
                )
            ]
        )
    try:
        write_atomically(target, imported.yaml_text)
    except OSError as exc:  # a read-only or full folder: say so, write nothing
        reason = exc.strerror or str(exc)
        raise ContentError([Diagnostic(shown, None, f"無法寫入 {target}：{reason}")]) from None
    return ImportResult(target, imported.standard, imported.warnings)
