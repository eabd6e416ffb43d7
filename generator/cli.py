"""The ``coursegen`` command line: I/O at the edge, each command a small function.

Exit codes: 0 success, 1 problems in the content (each printed with file and line),
2 wrong usage (argparse's own convention), 3 ``build --skip-invalid`` published the courses
without errors and left out the ones listed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from generator.course import Course
from generator.diagnostics import ContentError, Diagnostic, Severity, errors, suggest

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_SKIPPED = 3  # build --skip-invalid published the sound courses and left some out
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a process ended by SIGINT


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from generator.importers import read_source, same_codes, source_files, write_import

    out_dir: Path = args.output_dir
    sources, empty = source_files(args.files)
    _report(empty)
    failed: list[Path] = []
    imported = {}
    for source in sources:  # every file read first: two of the same standard write neither
        try:
            imported[source] = read_source(source)
        except ContentError as exc:
            _report(exc.diagnostics)
            failed.append(source)
    refused = same_codes(imported)
    for source, result in imported.items():
        try:
            if source in refused:
                raise ContentError([refused[source]])
            written = write_import(result, source, out_dir, force=args.force)
        except ContentError as exc:
            _report(exc.diagnostics)
            failed.append(source)
            continue
        _report(written.warnings)
        print(written.summary)
    if len(sources) > 1:
        which = f"（{'、'.join(map(str, failed))}）" if failed else ""
        print(
            f"共 {len(sources)} 個檔案：匯入 {len(sources) - len(failed)} 個，"
            f"未匯入 {len(failed)} 個{which}。"
        )
    return EXIT_CONTENT if failed or empty else EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.project import load_project

    project = load_project(_root(args.content))
    _report(project.diagnostics)
    n_errors = len(errors(project.diagnostics))
    n_warnings = sum(d.severity is Severity.WARNING for d in project.diagnostics)
    print(f"檢查完成：{len(project.courses)} 門課程，{n_errors} 個錯誤，{n_warnings} 個警告。")
    return EXIT_CONTENT if n_errors else EXIT_OK


def _root(content: Path) -> Path:
    """The project folder: the one holding content/, site_overrides/ and quizzes/."""
    return content.parent


def _course_by_code(code: str, content: Path) -> Course | int:
    """The course of ``content/standards/<code>.yaml`` with the trainer's customisation.

    Otherwise the exit code, after saying why: 2 for a code that is not there (with the
    closest one), 1 for problems in the files.
    """
    from generator.project import load_project
    from generator.validate import standard_files

    codes = [p.stem for p in standard_files(content)]
    if code not in codes:
        hint = suggest(code, codes) or f"（現有：{'、'.join(sorted(codes)) or '無'}）"
        print(f"coursegen: 找不到職能基準 {code}{hint}", file=sys.stderr)
        return EXIT_USAGE
    project = load_project(_root(content), only=(code,))  # other courses' errors do not matter
    course = next((c for c in project.courses if c.standard.code == code), None)
    problems = errors(project.diagnostics)
    if course is None or problems:
        _report(problems)
        return EXIT_CONTENT
    return course


def cmd_quiz_show(args: argparse.Namespace) -> int:
    from generator.dump import write_atomically
    from generator.quiz.bank import bank_yaml

    course = _course_by_code(args.code, args.content)
    if isinstance(course, int):
        return course
    text = bank_yaml(course.bank)
    if args.output:
        write_atomically(args.output, text)
        print(f"已寫出題庫 → {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_quiz_coverage(args: argparse.Namespace) -> int:
    from generator.quiz.coverage import coverage_report

    course = _course_by_code(args.code, args.content)
    if isinstance(course, int):
        return course
    sys.stdout.write(coverage_report(course.taught, course.bank))
    return EXIT_OK


def cmd_quiz_audit(args: argparse.Namespace) -> int:
    from generator.quiz.audit import audit, audit_report

    course = _course_by_code(args.code, args.content)
    if isinstance(course, int):
        return course
    standard = course.taught
    duty_of = {t.code: standard.duty_of(t.code).code for t in standard.tasks()}
    result = audit(course.bank, duty_of)
    sys.stdout.write(audit_report(result, course.settings.pass_mark))
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    """What a course still lacks before it is taught, with the file to edit for each gap."""
    from generator.readiness import readiness, report_text

    course = _course_by_code(args.code, args.content)
    if isinstance(course, int):
        return course
    sys.stdout.write(report_text(readiness(course)))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from generator.publish.files import write_atomically as write_bytes_atomically

    course = _course_by_code(args.code, args.content)
    if isinstance(course, int):
        return course
    made = _exported(course, args)
    if isinstance(made, int):
        return made
    description, name, data = made
    target: Path = args.output or Path("build") / "exports" / name
    if target.is_dir():  # -o names a folder: the default name inside it
        target = target / name
    try:
        write_bytes_atomically(target, data)
    except OSError as exc:  # e.g. a folder that cannot be written
        print(f"coursegen: 無法寫入 {target}：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"已匯出{description} → {target}")
    return EXIT_OK


def _exported(course: Course, args: argparse.Namespace) -> tuple[str, str, bytes | Path] | int:
    """The format's description, the file's default name and its bytes (or the file that holds
    them, copied in chunks); else the exit code."""
    from generator.export import FORMATS, SCORM_FORMAT, SCORM_SUFFIX, ExportError, export_course
    from generator.export.scorm import DESCRIPTION

    code = course.standard.code
    if args.format == SCORM_FORMAT:
        package = _scorm_package(course, _root(args.content), args.site_url)
        return package if isinstance(package, int) else (DESCRIPTION, code + SCORM_SUFFIX, package)
    chosen = FORMATS[args.format]
    try:
        data = export_course(chosen.name, course, args.site_url)
    except ExportError as exc:
        print(f"coursegen: 無法匯出 {chosen.description}：{exc}", file=sys.stderr)
        return EXIT_CONTENT
    return chosen.description, code + chosen.suffix, data


def _scorm_package(course: Course, root: Path, site_url: str | None) -> Path | int:
    """Where the course's SCORM 1.2 zip is, as ``coursegen build --offline`` publishes it (it builds
    site/ as that command does; courses unchanged since the last build are reused)."""
    from generator.export import scorm
    from generator.publish.build import build_site  # the one call into the build

    if not (root / "mkdocs.yml").is_file():
        print(
            f"coursegen: {root} 沒有 mkdocs.yml，無法建置 SCORM 套件所需的離線網站", file=sys.stderr
        )
        return EXIT_USAGE
    print("先建置網站與離線版（同 coursegen build --offline）…", file=sys.stderr)
    code = build_site(root, site_url, offline=True)
    if code != EXIT_OK:
        return code
    return root / "site" / scorm.published_path(course)


def cmd_new(args: argparse.Namespace) -> int:
    """Create the trainer files of a course that do not exist yet; never overwrite one."""
    from generator.dump import write_atomically
    from generator.scaffold import skeleton_files

    course = _course_by_code(args.code, args.content)
    if isinstance(course, int):
        return course
    root = _root(args.content)
    for name, text in skeleton_files(course.standard).items():
        path = root / name
        if path.exists():
            print(f"已存在，保留不動：{name}")
        else:
            write_atomically(path, text)
            print(f"已建立：{name}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.diff import affected, affected_report, compare, report
    from generator.load import load_standard
    from generator.references import trainer_references

    loaded = []
    for given in (args.old, args.new):
        path = Path(given) if given.endswith((".yaml", ".yml")) else None
        path = path or args.content / "standards" / f"{given}.yaml"
        if not path.is_file():
            print(
                f"coursegen: 找不到 {given}（請給 YAML 檔的路徑或 content/ 中的代碼）",
                file=sys.stderr,
            )
            return EXIT_USAGE
        try:
            loaded.append(load_standard(path)[0])
        except ContentError as exc:
            _report(exc.diagnostics)
            return EXIT_CONTENT
    old, new = loaded
    differences = compare(old, new)
    root = _root(args.content)
    codes = dict.fromkeys((old.code, new.code))
    references = [r for code in codes for r in trainer_references(root, code)]
    lines = report(old, new, differences) + affected_report(affected(differences, references))
    print("\n".join(lines))
    return EXIT_OK


def format_argument(text: str) -> str:
    """``--format``: one of the export formats; argparse turns the error into exit 2."""
    from generator.export import FORMATS, SCORM_FORMAT

    names = [*FORMATS, SCORM_FORMAT]
    if text not in names:
        raise argparse.ArgumentTypeError(
            f"沒有「{text}」這種匯出格式{suggest(text, names)}（可用：{'、'.join(names)}）"
        )
    return text


def cmd_build(args: argparse.Namespace) -> int:
    from generator.publish.build import build_site

    root = Path.cwd()
    if not (root / "mkdocs.yml").is_file():
        print(
            "coursegen: 這裡找不到 mkdocs.yml：請在課程專案的根目錄（含 content/ 與 mkdocs.yml）"
            "執行 coursegen build。",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.course and args.catalogue_only:
        print("coursegen: --course 與 --catalogue-only 不能同時使用。", file=sys.stderr)
        return EXIT_USAGE
    if args.skip_invalid and (args.course or args.catalogue_only):
        print(
            "coursegen: --skip-invalid 只用於建置整個網站，不能與 --course 或 --catalogue-only "
            "同時使用。",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return build_site(
        root,
        site_url=args.site_url,
        offline=args.offline,
        only=tuple(args.course) if args.course else None,
        catalogue_only=args.catalogue_only,
        workers=args.jobs,
        skip_invalid=args.skip_invalid,
    )


def jobs_argument(text: str) -> int:
    """``--jobs``: a whole number of parallel MkDocs processes, at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"應為 1 以上的整數（收到：{text!r}）")
    return int(text)


def url_argument(text: str) -> str:
    """``--site-url``: an absolute http(s) address; argparse turns the error into exit 2."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(
            f"網址應以 http:// 或 https:// 開頭，例如 https://example.org/courses/（收到：{text!r}）"
        )
    return text


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.publish.serve import serve_site

    return serve_site(Path.cwd(), address=args.address, course=args.course)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="coursegen",
        description="把 iCAP 職能基準轉成職能導向課程網站。",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="指令")

    p = commands.add_parser(
        "import", help="匯入 iCAP 職能基準 PDF 或文字檔，寫成 content/standards/<代碼>.yaml"
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="檔案",
        help="iCAP 下載的職能基準 PDF、由它轉出的文字檔，或放著 PDF 的資料夾",
    )
    p.add_argument("--force", action="store_true", help="覆蓋已存在的 YAML")
    p.add_argument(
        "--output-dir",
        type=Path,
        default=Path("content/standards"),
        metavar="目錄",
        help="輸出目錄（預設 content/standards）",
    )
    p.set_defaults(run=cmd_import)

    p = commands.add_parser(
        "validate",
        help="檢查職能基準（content/）、課程自訂（site_overrides/）與題目自訂（quizzes/）",
    )
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_validate)

    p = commands.add_parser("new", help="為某職能基準建立課程自訂檔的範本（不覆蓋已存在的檔案）")
    p.add_argument("code", metavar="代碼", help="職能基準代碼，例如 KPS5220-005v2")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_new)

    p = commands.add_parser(
        "status",
        help="課程準備狀況：還缺哪些學習資源、練習情境、單元導入、時數與評量，以及要編輯的檔案",
    )
    p.add_argument("code", metavar="代碼", help="職能基準代碼，例如 KPS5220-005v2")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_status)

    p = commands.add_parser("diff", help="比較職能基準的兩個版本，並列出受影響的自訂內容")
    p.add_argument("old", metavar="舊版", help="舊版的 YAML 檔或代碼")
    p.add_argument("new", metavar="新版", help="新版的 YAML 檔或代碼")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_diff)

    quiz = commands.add_parser("quiz", help="檢視題庫（含講師的題目自訂）").add_subparsers(
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
    p = quiz.add_parser(
        "audit",
        help="盲猜稽核：不懂這份工作的學員只靠選項位置、長度、字詞等線索作答能得幾分",
    )
    p.add_argument("code", metavar="代碼")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_quiz_audit)

    p = commands.add_parser(
        "export",
        help="匯出題庫（GIFT、Moodle XML、QTI 2.1）、能力架構（Moodle CSV、CASE JSON）、"
        "整門課程（SCORM 1.2）或 iCAP 課程認證報告書（ODT）",
        description="把某職能基準的題庫、能力架構或整門課程匯出成學習平台可匯入的檔案。"
        "格式：gift、moodle-xml、qti21（題庫）；moodle-competency-csv、case-json（能力架構）；"
        "scorm12（整門課程的 SCORM 1.2 套件，會先建置離線網站）；"
        "icap-report（iCAP 職能導向課程規劃與執行報告書，ODT，可用 LibreOffice 或 Word 編輯）。"
        "結束碼：0 成功，1 內容有錯誤或建置失敗，2 用法錯誤。",
    )
    p.add_argument("code", metavar="代碼", help="職能基準代碼，例如 KPS5220-005v2")
    p.add_argument(
        "--format",
        required=True,
        type=format_argument,
        metavar="格式",
        help="gift、moodle-xml、qti21、moodle-competency-csv、case-json、scorm12 或 icap-report",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="檔案",
        help="輸出檔或資料夾（預設 build/exports/<代碼>.<副檔名>）",
    )
    p.add_argument(
        "--site-url",
        type=url_argument,
        default=None,
        metavar="網址",
        help="網站的正式網址；case-json 以它組成各項目的 URI（未提供時用 urn:uuid:）",
    )
    p.add_argument("--content", type=Path, default=Path("content"), metavar="目錄")
    p.set_defaults(run=cmd_export)

    p = commands.add_parser(
        "build",
        help="檢查內容並建置課程網站到 site/",
        description="檢查內容，沒有錯誤才建置課程網站到 site/；失敗時 site/ 維持原樣。"
        "結束碼：0 成功，1 內容有錯誤或建置失敗，2 用法錯誤，"
        "3 加上 --skip-invalid 時已發布沒有錯誤的課程、略過了有錯誤的課程。",
    )
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="有錯誤的課程略過不建置，其他課程照常發布；列出略過的課程與錯誤，結束碼為 3",
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
    p.add_argument(
        "--course",
        action="append",
        metavar="代碼",
        help="只建置這門課程到 build/courses/<代碼>/，不更新 site/（可重複；供分批建置）",
    )
    p.add_argument(
        "--catalogue-only",
        action="store_true",
        help="只建置課程目錄，並以先前建置好的各門課程組成 site/（分批建置的最後一步）",
    )
    p.add_argument(
        "--jobs",
        type=jobs_argument,
        default=None,
        metavar="數量",
        help="同時執行的 MkDocs 建置數（預設為 CPU 核心數）",
    )
    p.set_defaults(run=cmd_build)

    p = commands.add_parser("serve", help="在本機預覽課程網站，內容變更時自動重建")
    p.add_argument(
        "--address",
        default="127.0.0.1:8000",
        metavar="位址:埠",
        help="預覽網站的位址與連接埠（預設 127.0.0.1:8000，只有本機能連線）",
    )
    p.add_argument(
        "--course", default=None, metavar="代碼", help="只預覽這門課程（大型目錄建議使用）"
    )
    p.set_defaults(run=cmd_serve)
    return top


# argparse's own words (help headings, usage errors) in Traditional Chinese. argparse looks each
# one up through its module's gettext functions at the time it prints it, so ``main`` swaps
# them while it builds the parser and reads the arguments. Keys are argparse's message ids;
# one it adds later stays in English.
_ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "位置參數",
    "options": "選項",
    "show this help message and exit": "顯示這段說明後結束",
    "%(prog)s: error: %(message)s\n": "%(prog)s：錯誤：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "參數 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "無法辨識的參數：%s",
    "the following arguments are required: %s": "缺少必要的參數：%s",
    "one of the arguments %s is required": "必須提供其中一個參數：%s",
    "not allowed with argument %s": "不可與參數 %s 同時使用",
    "ignored explicit argument %r": "這個選項不接受值：%r",
    "expected one argument": "需要一個值",
    "expected at most one argument": "最多只能有一個值",
    "expected at least one argument": "至少需要一個值",
    "expected %s argument": "需要 %s 個值",
    "expected %s arguments": "需要 %s 個值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "選項 %(option)s 不明確，可能是：%(matches)s"
    ),
    "unexpected option string: %s": "不應出現的選項：%s",
    "invalid %(type)s value: %(value)r": "無效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "無效的選擇：%(value)r（可選：%(choices)s）"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "沒有指令 %(parser_name)r（可用：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "無法開啟「%(filename)s」：%(error)s",
}


def _words(message: str) -> str:
    return _ARGPARSE_WORDS.get(message, message)


def _plural_words(singular: str, plural: str, count: int) -> str:
    return _words(singular if count == 1 else plural)


@contextmanager
def _argparse_in_chinese() -> Iterator[None]:
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _words, _plural_words  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    with _argparse_in_chinese():
        args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        # Not a traceback: the user asked for it. Files are written whole (renamed into
        # place), so none is left half-written.
        print("\ncoursegen：已中斷。", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code


if __name__ == "__main__":
    sys.exit(main())
