"""The whole project read at once: standards, trainers' customisation and quiz edits.

``load_project`` is the left edge of the pipeline for ``validate`` and ``build``: it reads
``content/``, ``site_overrides/`` and ``quizzes/``, and returns every course with every problem
found, so a trainer sees them all in one run.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator import read_cache
from generator.course import Course, load_customisation, taught_standard
from generator.diagnostics import ContentError, Diagnostic, Severity, errors, suggest
from generator.load import read_text
from generator.model import Standard
from generator.parallel import fork_map
from generator.project_files import is_regular, project_problems, read_bytes
from generator.published_names import FILES_DIR, PAGES_DIR
from generator.quiz.custom import apply_edits, load_quiz_edits
from generator.quiz.generate import build_bank
from generator.render.escape import url_segment
from generator.trainer_links import link_problems
from generator.validate import CheckedFile, check_file, chosen_files
from generator.validate import tree as content_tree

CONTENT, OVERRIDES, QUIZZES = "content", "site_overrides", "quizzes"
_STANDARD_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{4}-[0-9]{3}(v[0-9]+)?$")


@dataclass(frozen=True)
class Project:
    courses: tuple[Course, ...]
    diagnostics: tuple[Diagnostic, ...]
    # the courses with errors (in their standard, customisation or quiz edits): code -> errors
    rejected: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict)

    def sound_courses(self) -> tuple[Course, ...]:
        """The courses without errors of their own (what ``build --skip-invalid`` publishes)."""
        return tuple(c for c in self.courses if c.standard.code not in self.rejected)

    def project_errors(self) -> list[Diagnostic]:
        """Errors that belong to no single course: they stop every build."""
        own = {d for found in self.rejected.values() for d in found}
        return [d for d in errors(self.diagnostics) if d not in own]


def load_project(
    root: Path,
    only: Collection[str] | None = None,
    workers: int | None = None,
    cache: bool = True,
) -> Project:
    """Every course, and every problem of content/, site_overrides/ and quizzes/ at once.

    Only sound standards (without errors) become courses, so customisation and banks are
    never derived from a standard with, say, a dangling K99. ``only``: read just these
    courses (a command about one course is not stopped by another course's errors).
    ``workers``: processes that read the standards (default: one per core). ``cache``: take
    what an unchanged standard's reading found from build/read/ (``read_cache``), and store
    what the others' found.

    A link, a special file or a hard link to outside the project (``project_problems``) stops
    it before anything is read: nothing from outside the project reaches a page or a message.
    """
    refused = [d for d in project_problems(root) if not _of_other_course(d.file, only)]
    if refused:
        return Project((), tuple(refused))
    files = chosen_files(root / CONTENT, only)
    read, fresh = (
        _read_all(root, files, workers)
        if cache
        else (fork_map(partial(_read, root), files, workers), [])
    )
    tree = content_tree(root / CONTENT, (r.checked for r in read), only is None)
    diagnostics = list(tree.diagnostics)
    rejected = {
        code: tuple(d for d in errors(tree.diagnostics) if Path(d.file).stem == code)
        for code in tree.rejected
    }
    courses = []
    for standard, found in zip(tree.standards, _courses_of(read, tree.standards), strict=True):
        course, problems = found
        courses.append(course)
        diagnostics += problems
        if errors(problems):
            rejected[standard.code] = tuple(errors(problems))
    if only is None:
        diagnostics += _orphans(root, [s.code for s in tree.standards], tree.rejected)
        diagnostics += _category_collisions(tree.standards)
        diagnostics += _category_names(tree.standards)
    if not errors(diagnostics):  # a command stopped by errors writes nothing, not even this
        for place, key, entry in fresh:
            read_cache.store_entry(place, key, entry)
    return Project(tuple(courses), tuple(diagnostics), rejected)


def _of_other_course(file: str, only: Collection[str] | None) -> bool:
    """Whether ``file`` (as the project names it) belongs to a course not among ``only``."""
    if only is None:
        return False
    parts = file.split("/")
    if parts[0] == OVERRIDES and len(parts) > 1 and _STANDARD_CODE.match(parts[1]):
        return parts[1] not in only
    if parts[0] == QUIZZES and len(parts) > 1:
        return Path(parts[1]).stem not in only
    if parts[:2] == [CONTENT, "standards"] and len(parts) > 2:
        return Path(parts[2]).stem not in only
    return False


@dataclass(frozen=True)
class _Read:
    """A standard file checked, and (when it is sound on its own) its course and the problems
    of the course's customisation and quiz edits."""

    checked: CheckedFile
    course: Course | None = None
    problems: tuple[Diagnostic, ...] = ()


def _read_all(
    root: Path, files: list[Path], workers: int | None
) -> tuple[list[_Read], list[tuple[Path, str, _Read]]]:
    """``_read`` of each file, in order: from the cache when its inputs did not change; and
    the fresh readings to store (where, under which key, what), once the project is sound."""
    code = read_cache.code_key()
    keys = [read_cache.input_key(root, path, (CONTENT, OVERRIDES, QUIZZES), code) for path in files]
    found = [
        None
        if key is None
        else read_cache.load_entry(
            read_cache.entry_path(root, path), key, _Read, partial(_read_of, path)
        )
        for path, key in zip(files, keys, strict=True)
    ]
    missing = [i for i, entry in enumerate(found) if entry is None]
    fresh = fork_map(partial(_read, root), [files[i] for i in missing], workers)
    to_store = []
    for i, entry in zip(missing, fresh, strict=True):
        found[i] = entry
        key = keys[i]
        if key is not None and _read_of(files[i], entry):
            to_store.append((read_cache.entry_path(root, files[i]), key, entry))
    return [entry for entry in found if entry is not None], to_store


def _read_of(path: Path, entry: _Read) -> bool:
    """Whether ``entry`` is the reading of ``path`` whose inputs its key covers: its course's
    folder and quiz edits are named by the file's name, which is the standard's code."""
    standard = entry.checked.standard
    return entry.checked.path == path and (standard is None or standard.code == path.stem)


def _read(root: Path, path: Path) -> _Read:
    """One standard and its course: the work of one file, independent of every other file."""
    checked = check_file(path)
    standard = checked.standard
    if standard is None or errors(checked.diagnostics):
        return _Read(checked)
    shown = f"{OVERRIDES}/{standard.code}"
    custom, problems = load_customisation(standard, root / OVERRIDES / standard.code, shown)
    full_bank = build_bank(standard)
    edits, quiz_problems = load_quiz_edits(
        root / QUIZZES / f"{standard.code}.yaml",
        f"{QUIZZES}/{standard.code}.yaml",
        standard,
        full_bank,
    )
    taught = taught_standard(standard, custom.settings)
    taught_bank = full_bank if taught == standard else build_bank(taught)
    bank = apply_edits(taught_bank, edits, taught)
    course = Course(standard, taught, bank, custom)
    problems += _link_problems(course, root / OVERRIDES / standard.code, shown)
    return _Read(checked, course, tuple(problems + quiz_problems))


def _courses_of(
    read: list[_Read], standards: tuple[Standard, ...]
) -> list[tuple[Course, tuple[Diagnostic, ...]]]:
    """The course of each sound standard, with its problems, in the tree's order (a file whose
    code another file used first is not among them). The tree holds the very objects read."""
    by_standard = {id(r.checked.standard): r for r in read}
    found = []
    for standard in standards:
        r = by_standard[id(standard)]
        assert r.course is not None, "a sound standard has its course"
        found.append((r.course, r.problems))
    return found


def _orphans(root: Path, codes: list[str], rejected: Collection[str] = ()) -> list[Diagnostic]:
    """Customisation for a standard that is not in content/ (e.g. left behind by a revision);
    a standard with errors of its own (``rejected``) is there, so its files are not orphans."""
    codes = [*codes, *rejected]
    found = []
    folders = (root / OVERRIDES).glob("*") if (root / OVERRIDES).is_dir() else []
    for path in sorted(p for p in folders if p.is_dir() and _STANDARD_CODE.match(p.name)):
        if path.name not in codes:
            found.append(_orphan(f"{OVERRIDES}/{path.name}/", path.name, codes))
    quizzes = (root / QUIZZES).glob("*.yaml") if (root / QUIZZES).is_dir() else []
    for path in sorted(quizzes):
        if path.stem not in codes:
            found.append(_orphan(f"{QUIZZES}/{path.name}", path.stem, codes))
    return found


def _link_problems(course: Course, folder: Path, shown: str) -> list[Diagnostic]:
    """Links in the course's module additions and extra pages that lead nowhere."""
    from generator.render.site import course_pages  # render reads project's folder names

    known = {*course_pages(course), *(f"{FILES_DIR}/{name}" for name, _ in course.custom.files)}
    found = []
    for duty in course.standard.duties:
        path = folder / f"{duty.code}.md"
        if is_regular(path):
            try:
                text = read_text(path, f"{shown}/{path.name}")
            except ContentError:  # reported when the course's customisation was read
                continue
            found += link_problems(f"{shown}/{path.name}", text, "", known)
    for page in course.custom.pages:
        file = f"{shown}/{PAGES_DIR}/{page.name}"
        found += link_problems(file, page.markdown, PAGES_DIR, known)
    return found


def _category_collisions(standards: Collection[Standard]) -> list[Diagnostic]:
    """Two 職類別 codes that one catalogue URL (categories/<code>/) would hold: the page of one
    would show the other's courses."""
    seen: dict[str, tuple[str, str]] = {}  # URL segment -> (職類別 code, standard code)
    found = []
    for standard in sorted(standards, key=lambda s: s.code):
        code = standard.category.job.code
        segment = url_segment(code)
        other_code, other = seen.setdefault(segment, (code, standard.code))
        if other_code != code:
            found.append(
                Diagnostic(
                    f"{CONTENT}/standards/{standard.code}.yaml",
                    None,
                    f"職類別代碼「{code}」與 {CONTENT}/standards/{other}.yaml 的「{other_code}」"
                    f"在課程總覽的網址裡相同（categories/{segment}/）：請改正其中一個代碼。",
                )
            )
    return found


def _category_names(standards: Collection[Standard]) -> list[Diagnostic]:
    """One 職類別 code under two names: the catalogue shows one of them (the first standard's,
    by code, as ``catalogue_pages`` does), so the other file is named with a warning."""
    first: dict[str, Standard] = {}  # 職類別 code -> the first standard with it
    found = []
    for standard in sorted(standards, key=lambda s: s.code):
        job = standard.category.job
        other = first.setdefault(job.code, standard)
        named = other.category.job.name
        if named != job.name:
            found.append(
                Diagnostic(
                    f"{CONTENT}/standards/{standard.code}.yaml",
                    None,
                    f"職類別 {job.code} 在這裡叫「{job.name}」，在 {CONTENT}/standards/"
                    f"{other.code}.yaml 叫「{named}」：課程總覽只顯示「{named}」。"
                    "請對照 iCAP 原文，把兩個檔案改成同一個名稱。",
                    Severity.WARNING,
                )
            )
    return found


def _orphan(file: str, code: str, codes: list[str]) -> Diagnostic:
    hint = suggest(code, codes) or f"（現有：{'、'.join(codes) or '無'}）"
    return Diagnostic(file, None, f"content/standards/ 中沒有職能基準 {code}{hint}")


def uncustomised(standard: Standard) -> Course:
    """The course a standard makes with no trainer files at all."""
    return Course(standard, standard, build_bank(standard))


OVERRIDES_README = "README.md"


def theme_files(root: Path) -> dict[str, bytes]:
    """The files of site_overrides/ that customise the theme (Material's ``custom_dir``).

    A course's own folder (site_overrides/<code>/) is left out: its settings and Markdown are
    read by the generator, and published only as the pages made from them; so is the folder's
    README.md, a note for trainers that the theme would otherwise publish as a file. Read by
    the project's rules (``project_files``): links and special files are not theme files.
    """
    folder = root / OVERRIDES
    if not folder.is_dir() or folder.is_symlink():
        return {}
    return {
        path.relative_to(folder).as_posix(): read_bytes(path, path.as_posix(), None)
        for path in sorted(folder.rglob("*"))
        if is_regular(path)
        and not _STANDARD_CODE.match(path.relative_to(folder).parts[0])
        and path.relative_to(folder).as_posix() != OVERRIDES_README
        and not path.name.startswith(".")
    }
