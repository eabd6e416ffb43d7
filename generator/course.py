"""A standard plus a trainer's customisation -> the course as taught.

Trainer files live in ``site_overrides/<code>/``: ``course.yml`` (settings), ``<duty>.md``
(additions to a module, in sections ``## 導入``, ``## <task code>``, ``## <task code> 練習``,
``## 活動``), ``resources.yml`` (learning resources, see ``generator.resources``), ``pages/*.md``
(extra pages), ``files/`` (images and documents they link to) and ``plan.yml`` (the course
plan for iCAP's certification report, ``generator.certification.plan``). They refer to duties
and tasks by code only; a code the standard does not have (as after a revision) is an error that
names the file, the line and the closest existing code. Nothing here writes to those files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import course_title, trainer_markdown
from generator.certification.plan import Plan, load_plan
from generator.diagnostics import ContentError, Diagnostic, Severity, excerpt, suggest
from generator.load import read_text, read_trainer_yaml
from generator.model import Duty, Standard
from generator.project_files import is_regular, source_file
from generator.published_names import (
    FILES_DIR,
    PAGE_SUFFIX,
    PAGES_DIR,
    file_name_problem,
    page_name_problem,
    page_path,
    url_key,
)
from generator.quiz.model import Bank
from generator.resources import Resource, load_resources
from generator.source_file import SourceFile

INTRO, ACTIVITIES, PRACTICE = "導入", "活動", "練習"
SETTINGS_FILE = "course.yml"
DEFAULT_PASS_MARK = 60


@dataclass(frozen=True)
class Settings:
    title: str | None = None
    subtitle: str | None = None
    organization: str | None = None
    trainer: str | None = None
    modules: tuple[str, ...] | None = None  # duty codes in teaching order; None: all
    hours: tuple[tuple[str, float], ...] = ()
    hidden_tasks: tuple[str, ...] = ()
    pass_mark: int = DEFAULT_PASS_MARK
    questions_per_quiz: int | None = None

    def hours_of(self, duty: str) -> float | None:
        return dict(self.hours).get(duty)


@dataclass(frozen=True)
class ModuleAdditions:
    """A trainer's Markdown for one module, by place."""

    intro: str = ""
    after_task: tuple[tuple[str, str], ...] = ()  # (task code, Markdown)
    activities: str = ""
    practice: tuple[tuple[str, str], ...] = ()  # (task code, the practice's scenario)

    def after(self, task: str) -> str:
        return dict(self.after_task).get(task, "")

    def scenario(self, task: str) -> str:
        return dict(self.practice).get(task, "")


@dataclass(frozen=True)
class ExtraPage:
    name: str  # file name inside pages/
    title: str
    markdown: str


@dataclass(frozen=True)
class Customisation:
    settings: Settings = Settings()
    modules: tuple[tuple[str, ModuleAdditions], ...] = ()  # (duty code, additions)
    pages: tuple[ExtraPage, ...] = ()
    files: tuple[tuple[str, SourceFile], ...] = ()  # (path inside files/, the file)
    resources: tuple[Resource, ...] = ()
    plan: Plan = field(default_factory=Plan)  # plan.yml: what iCAP's course planning report needs

    def additions(self, duty: str) -> ModuleAdditions:
        return dict(self.modules).get(duty, ModuleAdditions())


@dataclass(frozen=True)
class Course:
    standard: Standard  # as published
    taught: Standard  # modules chosen and ordered, hidden tasks left out
    bank: Bank  # the questions learners get: generated from ``taught``, with the trainer's edits
    custom: Customisation = field(default_factory=Customisation)

    @property
    def title(self) -> str:
        return self.custom.settings.title or self.standard.name

    @property
    def settings(self) -> Settings:
        return self.custom.settings


def taught_standard(standard: Standard, settings: Settings) -> Standard:
    """The standard as the course teaches it: chosen modules in order, hidden tasks removed.

    A duty whose tasks are all hidden is left out; the tasks left of a row group keep the
    row's outputs and indicators (``Duty.without``).
    """
    by_code = {d.code: d for d in standard.duties}
    order = settings.modules or tuple(by_code)
    hidden = frozenset(settings.hidden_tasks)
    duties: list[Duty] = []
    for code in order:
        if code not in by_code:
            continue
        duty = by_code[code].without(hidden)
        if duty.tasks:
            duties.append(duty)
    return replace(standard, duties=tuple(duties))


# --- reading a course's customisation --------------------------------------------------------


def load_customisation(
    standard: Standard, overrides: Path, shown: str
) -> tuple[Customisation, list[Diagnostic]]:
    """Read ``overrides`` (site_overrides/<code>); problems come back as diagnostics."""
    problems: list[Diagnostic] = []
    settings = _settings(standard, overrides / SETTINGS_FILE, f"{shown}/{SETTINGS_FILE}", problems)
    modules = tuple(_modules(standard, overrides, shown, problems))
    pages = tuple(_pages(overrides / PAGES_DIR, f"{shown}/{PAGES_DIR}", problems))
    files = tuple(_files(overrides / FILES_DIR, f"{shown}/{FILES_DIR}", problems))
    resources, found = load_resources(standard, overrides, shown, {name for name, _ in files})
    problems += found
    plan, found = load_plan(standard, taught_standard(standard, settings), overrides, shown)
    problems += found
    return Customisation(settings, modules, pages, files, resources, plan), problems


def _read_or_report(path: Path, shown: str, problems: list[Diagnostic]) -> str | None:
    try:
        return read_text(path, shown)
    except ContentError as exc:
        problems.extend(exc.diagnostics)
        return None


def _settings(standard: Standard, path: Path, shown: str, problems: list[Diagnostic]) -> Settings:
    located, found = read_trainer_yaml(path, shown, "course")
    problems.extend(found)
    if located is None:
        return Settings()
    data = located.data or {}
    duties = [d.code for d in standard.duties]
    tasks = [t.code for t in standard.tasks()]
    for key, known, kind in (
        ("modules", duties, "主要職責"),
        ("hidden_tasks", tasks, "工作任務"),
    ):
        for i, code in enumerate(data.get(key, [])):
            if code not in known:
                problems.append(
                    _unknown(shown, located.line((key, i)), kind, code, known, standard)
                )
    for code in data.get("hours", {}):
        if code not in duties:
            line = located.line(("hours", code))
            problems.append(_unknown(shown, line, "主要職責", code, duties, standard))
    quiz = data.get("quiz", {})
    settings = Settings(
        title=data.get("title"),
        subtitle=data.get("subtitle"),
        organization=data.get("organization"),
        trainer=data.get("trainer"),
        modules=tuple(data["modules"]) if "modules" in data else None,
        hours=tuple(sorted((k, float(v)) for k, v in data.get("hours", {}).items())),
        hidden_tasks=tuple(data.get("hidden_tasks", ())),
        pass_mark=quiz.get("pass_mark", DEFAULT_PASS_MARK),
        questions_per_quiz=quiz.get("questions"),
    )
    for key, message in title_problems(standard, settings):
        problems.append(Diagnostic(shown, located.line((key,)), message, Severity.WARNING))
    return settings


def title_problems(standard: Standard, settings: Settings) -> list[tuple[str, str]]:
    """Breaches of iCAP's naming rule for competency-based courses (see course_title), each
    with the course.yml key to change."""
    title = settings.title or standard.name
    found = []
    if settings.title and course_title.breaks_word_rule(settings.title):
        found.append(("title", f"課程名稱「{title}」不符規定：{course_title.WORDS_RULE}。"))
    chosen = settings.modules or tuple(d.code for d in standard.duties)
    tasks = {t.code for t in standard.tasks()}
    left_out = [
        *(
            f"主要職責 {d.code}"
            for d in sorted(standard.duties, key=lambda d: d.code)
            if d.code not in chosen
        ),
        *(f"工作任務 {t}" for t in settings.hidden_tasks if t in tasks),
    ]
    names = (standard.name, *(c.name for c in standard.category.occupations))
    named = course_title.occupation_named(title, names)
    if left_out and named:
        key = (
            "title" if settings.title else ("hidden_tasks" if settings.hidden_tasks else "modules")
        )
        message = course_title.partial_course_warning(
            title, named, f"不教{'、'.join(left_out)}", own_title=bool(settings.title)
        )
        found.append((key, message))
    return found


def _unknown(
    file: str, line: int | None, kind: str, code: str, known: list[str], standard: Standard
) -> Diagnostic:
    hint = suggest(code, known) or f"（現有：{'、'.join(known)}）"
    return Diagnostic(file, line, f"{standard.code} 沒有{kind} {excerpt(code)}{hint}")


def markdown_sections(text: str) -> Iterator[tuple[str, int, str]]:
    """(heading, line, body) of every level-2 section a reader sees; ("", 1, …) first.

    Headings inside code or comments are not sections; bodies are the trainer's own bytes,
    without comments and without blank lines at either end.
    """
    for section in trainer_markdown.sections(trainer_markdown.read_markdown(text)):
        yield section.heading, section.line, section.body


def _unclosed(source: trainer_markdown.Source, file: str) -> list[Diagnostic]:
    """An unclosed comment or code block would swallow the rest of the page."""
    found = []
    if source.unclosed_comment:
        found.append(
            Diagnostic(
                file,
                source.unclosed_comment,
                "註解「<!--」沒有結束：請在註解最後加上「-->」，否則之後的內容都會被隱藏。",
            )
        )
    if source.unclosed_fence:
        found.append(
            Diagnostic(
                file,
                source.unclosed_fence,
                "程式碼區塊（``` 或 ~~~）沒有結束：請在區塊最後加上相同的符號。",
            )
        )
    return found


def _modules(
    standard: Standard, overrides: Path, shown: str, problems: list[Diagnostic]
) -> Iterator[tuple[str, ModuleAdditions]]:
    duties = {d.code: d for d in standard.duties}
    for path in sorted(overrides.glob("*.md")):
        file = f"{shown}/{path.name}"
        if path.stem not in duties:
            hint = suggest(path.stem, duties) or f"（現有：{'、'.join(duties)}）"
            problems.append(
                Diagnostic(
                    file,
                    None,
                    f"{standard.code} 沒有主要職責 {path.stem}{hint}；"
                    "單元補充檔的檔名必須是主要職責代碼，例如 T1.md。",
                )
            )
            continue
        text = _read_or_report(path, file, problems)
        if text is not None:
            yield path.stem, _additions(standard, duties[path.stem], text, file, problems)


def _additions(
    standard: Standard, duty: Duty, text: str, file: str, problems: list[Diagnostic]
) -> ModuleAdditions:
    practices = {f"{t.code} {PRACTICE}": t.code for t in duty.tasks}
    places = [INTRO, *(t.code for t in duty.tasks), *practices, ACTIVITIES]
    intro, activities = "", ""
    after: list[tuple[str, str]] = []
    practice: list[tuple[str, str]] = []
    source = trainer_markdown.read_markdown(text)
    problems.extend(_unclosed(source, file))
    for section in trainer_markdown.sections(source):
        heading, line, body = section.heading, section.line, section.body
        if heading == "":
            if body:
                problems.append(
                    Diagnostic(
                        file,
                        1,
                        f"內容要放在「## {INTRO}」「## 工作任務代碼」或「## {ACTIVITIES}」之下。",
                    )
                )
        elif heading == INTRO:
            intro = body
        elif heading == ACTIVITIES:
            activities = body
        elif heading in practices:
            practice.append((practices[heading], body))
        elif heading in places:
            after.append((heading, body))
        else:
            all_tasks = [t.code for t in standard.tasks()]
            where = (
                f"工作任務 {heading} 不屬於主要職責 {duty.code}"
                if heading in all_tasks
                else f"{standard.code} 沒有「{excerpt(heading)}」這個段落或工作任務"
            )
            hint = suggest(heading, places) or f"（可用：{'、'.join(places)}）"
            problems.append(Diagnostic(file, line, f"{where}{hint}"))
    return ModuleAdditions(intro, tuple(after), activities, tuple(practice))


def _pages(folder: Path, shown: str, problems: list[Diagnostic]) -> Iterator[ExtraPage]:
    published: dict[str, str] = {}  # URL key -> the file that has it
    for path in sorted(folder.glob(f"*{PAGE_SUFFIX}")) if _is_folder(folder) else []:
        file = f"{shown}/{path.name}"
        refused = page_name_problem(path.name)
        if refused:
            problems.append(Diagnostic(file, None, refused))
            continue
        other = published.setdefault(url_key(page_path(path.name)), file)
        if other != file:  # one URL for two pages: only one could be published
            problems.append(
                Diagnostic(
                    file,
                    None,
                    f"這一頁與 {other} 的網址相同（{page_path(path.name)[:-3]}/，不分大小寫），"
                    "只有一頁能發布：請把其中一個檔案改名（名稱中的空格與符號在網址裡都成了「-」）。",
                )
            )
            continue
        text = _read_or_report(path, file, problems)
        if text is None:
            continue
        source = trainer_markdown.read_markdown(text)
        problems.extend(_unclosed(source, file))
        yield ExtraPage(path.name, trainer_markdown.title(source) or path.stem, text)


def _is_folder(path: Path) -> bool:
    """A folder itself, not a link to one (project_files reports links)."""
    return path.is_dir() and not path.is_symlink()


def _files(
    folder: Path, shown: str, problems: list[Diagnostic]
) -> Iterator[tuple[str, SourceFile]]:
    """The trainer's files by their path inside files/: references, never their bytes.

    Hidden files (``.DS_Store``) are left out, as the theme's are; links and special files
    are not read (``project_files`` reports them).
    """
    published: dict[str, str] = {}  # URL key of a published file -> the trainer's file
    in_folders: dict[str, str] = {}  # URL key of a folder -> a trainer's file inside it
    for name, path in _walk(folder) if _is_folder(folder) else []:
        file = f"{shown}/{name}"
        refused = file_name_problem(name)
        if refused:
            problems.append(Diagnostic(file, None, refused))
            continue
        key = url_key(f"{FILES_DIR}/{name}")
        folders = [key.rsplit("/", n)[0] for n in range(1, key.count("/") + 1)]
        # the same file, a file where a folder is, or a folder where a file is
        clashes = [published.get(key), in_folders.get(key), *map(published.get, folders)]
        other = next((c for c in clashes if c is not None), None)
        if other is not None:
            problems.append(
                Diagnostic(
                    file,
                    None,
                    f"發布後與 {other} 的位置相同（名稱只差在大小寫，或 .md 頁面與資料夾同名）："
                    "Windows 與 macOS 上只能留下一個，請把其中一個改名。",
                )
            )
            continue
        published[key] = file
        in_folders |= dict.fromkeys(folders, file)
        try:
            yield name, source_file(path, file)
        except ContentError as exc:
            problems.extend(exc.diagnostics)


def _walk(folder: Path) -> Iterator[tuple[str, Path]]:
    """(path inside ``folder``, path) of every regular file under it, sorted, hidden ones out."""
    found = []
    for current, folders, files in os.walk(folder):  # never follows links to folders
        folders[:] = [f for f in folders if not f.startswith(".")]
        for entry in files:
            path = Path(current) / entry
            if not entry.startswith(".") and is_regular(path):
                found.append((path.relative_to(folder).as_posix(), path))
    return iter(sorted(found))
