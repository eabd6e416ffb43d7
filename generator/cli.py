"""The ``coursegen`` command line: I/O at the edge, each command a small function.

Exit codes: 0 success, 1 problems in the content (each printed with file and line),
2 wrong usage (argparse's own convention).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from generator.diagnostics import ContentError, Diagnostic, Severity, errors, suggest
from generator.model import Standard

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from generator.importers import import_file

    out_dir: Path = args.output_dir
    failed = False
    for source in args.files:
        try:
            result = import_file(source, out_dir, force=args.force)
        except ContentError as exc:
            _report(exc.diagnostics)
            failed = True
            continue
        _report(result.warnings)
        print(result.summary)
    return EXIT_CONTENT if failed else EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.validate import check_tree

    tree = check_tree(args.content)
    _report(tree.diagnostics)
    n_errors = len(errors(tree.diagnostics))
    n_warnings = sum(d.severity is Severity.WARNING for d in tree.diagnostics)
    print(f"檢查完成：{len(tree.standards)} 個職能基準，{n_errors} 個錯誤，{n_warnings} 個警告。")
    return EXIT_CONTENT if n_errors else EXIT_OK


def _standard_by_code(code: str, content: Path) -> Standard | int:
    """The standard ``content/standards/<code>.yaml``, or the exit code after saying why not."""
    from generator.load import load_standard
    from generator.validate import standard_files

    files = {p.stem: p for p in standard_files(content)}
    if code not in files:
        hint = suggest(code, files) or f"（現有：{'、'.join(sorted(files)) or '無'}）"
        print(f"coursegen: 找不到職能基準 {code}{hint}", file=sys.stderr)
        return EXIT_USAGE
    try:
        standard, _ = load_standard(files[code])
    except ContentError as exc:
        _report(exc.diagnostics)
        return EXIT_CONTENT
    return standard


def cmd_quiz_show(args: argparse.Namespace) -> int:
    from generator.dump import write_atomically
    from generator.quiz.bank import bank_yaml
    from generator.quiz.generate import build_bank

    standard = _standard_by_code(args.code, args.content)
    if isinstance(standard, int):
        return standard
    text = bank_yaml(build_bank(standard))
    if args.output:
        write_atomically(args.output, text)
        print(f"已寫出題庫 → {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_quiz_coverage(args: argparse.Namespace) -> int:
    from generator.quiz.coverage import coverage_report
    from generator.quiz.generate import build_bank

    standard = _standard_by_code(args.code, args.content)
    if isinstance(standard, int):
        return standard
    sys.stdout.write(coverage_report(standard, build_bank(standard)))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import build_site

    root = Path.cwd()
    if not (root / "mkdocs.yml").is_file():
        print(
            "coursegen: 這裡找不到 mkdocs.yml：請在課程專案的根目錄（含 content/ 與 mkdocs.yml）"
            "執行 coursegen build。",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return build_site(root, site_url=args.site_url, offline=args.offline)


def url_argument(text: str) -> str:
    """``--site-url``: an absolute http(s) address; argparse turns the error into exit 2."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(
            f"網址應以 http:// 或 https:// 開頭，例如 https://example.org/courses/（收到：{text!r}）"
        )
    return text


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.build import serve_site

    return serve_site(Path.cwd(), address=args.address)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="coursegen",
        description="把 iCAP 職能基準轉成職能導向課程網站。",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="指令")

    p = commands.add_parser(
        "import", help="匯入 iCAP 職能基準文字檔，寫成 content/standards/<代碼>.yaml"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="檔案", help="由 iCAP PDF 轉出的文字檔")
    p.add_argument("--force", action="store_true", help="覆蓋已存在的 YAML")
    p.add_argument(
        "--output-dir",
        type=Path,
        default=Path("content/standards"),
        metavar="目錄",
        help="輸出目錄（預設 content/standards）",
    )
    p.set_defaults(run=cmd_import)

    p = commands.add_parser("validate", help="檢查 content/ 內的所有職能基準")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_validate)

    quiz = commands.add_parser("quiz", help="檢視自動產生的題庫").add_subparsers(
        dest="quiz_command", required=True, metavar="子指令"
    )
    p = quiz.add_parser("show", help="以 YAML 列出某職能基準的完整題庫")
    p.add_argument("code", metavar="代碼", help="職能基準代碼，例如 KPS5220-005v2")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="檔案")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_quiz_show)
    p = quiz.add_parser("coverage", help="列出每項任務、知識、技能、態度、指標與產出由哪些題目評量")
    p.add_argument("code", metavar="代碼")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_quiz_coverage)

    p = commands.add_parser(
        "build",
        help="檢查內容並建置課程網站到 site/",
        description="檢查內容，沒有錯誤才建置課程網站到 site/；失敗時 site/ 維持原樣。"
        "結束碼：0 成功，1 內容有錯誤或建置失敗，2 用法錯誤。",
    )
    p.add_argument(
        "--site-url",
        type=url_argument,
        default=None,
        metavar="網址",
        help="網站的正式網址（預設取 mkdocs.yml 的 site_url）",
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help="另外產生可離線瀏覽的壓縮檔 site/course-offline.zip（解壓縮後以瀏覽器開啟）",
    )
    p.set_defaults(run=cmd_build)

    p = commands.add_parser("serve", help="在本機預覽課程網站，內容變更時自動重建")
    p.add_argument("--address", default="127.0.0.1:8000", metavar="位址:埠")
    p.set_defaults(run=cmd_serve)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
