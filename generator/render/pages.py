"""Model -> page data: what each page of a course shows, decided here, drawn by the templates.

Pure functions of the standard. Texts stay raw (the templates escape every value on output);
links are ``Trusted`` because they are built from codes here, never from free text. Every page
of a course lives in the course's folder, so a link such as ``T2.md#T2.1`` means the same on each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from generator.course import Course, ExtraPage, ModuleAdditions
from generator.model import (
    Attitude,
    Duty,
    Indicator,
    Item,
    LevelRow,
    Output,
    Standard,
    Task,
    Version,
)
from generator.published_names import FILES_DIR, page_path
from generator.render.escape import Trusted, slug, url_segment
from generator.render.levels import describe_level
from generator.resources import Resource, law_names, law_search_url, serving

KNOWLEDGE_PAGE = "knowledge.md"
SKILLS_PAGE = "skills.md"
ATTITUDES_PAGE = "attitudes.md"
MATRIX_PAGE = "matrix.md"
COURSE_PAGE = "index.md"
ABOUT_PAGE = "about.md"  # the standard's codes, level, categories, versions and notes
# The offline bundle ``coursegen build --offline`` puts at the top of site/ (build.OFFLINE_ZIP),
# seen from a course's home in site/<code>/.
OFFLINE_BUNDLE = "../course-offline.zip"
_BUNDLE = Trusted(OFFLINE_BUNDLE)


FINAL_QUIZ_PAGE = "quiz.md"
COVERAGE_PAGE = "coverage.md"


def module_page(duty_code: str) -> str:
    return f"{slug(duty_code)}.md"


FINAL_QUIZ_KEY = "final"


def storage_key(course_code: str, part: str) -> str:
    """Where the browser keeps a learner's ticks or answers (a duty's code or "final").

    Module pages, quiz pages and the progress table of the course home must agree on it.
    """
    return f"{course_code}/{part}"


def module_quiz_page(duty_code: str) -> str:
    return f"quiz-{slug(duty_code)}.md"


def extra_page_ref(page: ExtraPage) -> Ref:
    return Ref("", page.title, Trusted(page_path(page.name)))


def anchor(code: str) -> Trusted:
    return Trusted(slug(code))


@dataclass(frozen=True)
class Ref:
    """A link to something with a code and a name."""

    code: str
    name: str
    href: Trusted


@dataclass(frozen=True)
class Level:
    value: int | None
    meaning: str


def _level(value: int | None) -> Level:
    return Level(value, describe_level(value))


def task_ref(task: Task, duty: Duty) -> Ref:
    return Ref(task.code, task.name, Trusted(f"{module_page(duty.code)}#{anchor(task.code)}"))


def duty_ref(duty: Duty) -> Ref:
    return Ref(duty.code, duty.name, Trusted(module_page(duty.code)))


def knowledge_ref(item: Item) -> Ref:
    return Ref(item.code, item.name, Trusted(f"{KNOWLEDGE_PAGE}#{anchor(item.code)}"))


def skill_ref(item: Item) -> Ref:
    return Ref(item.code, item.name, Trusted(f"{SKILLS_PAGE}#{anchor(item.code)}"))


def attitude_ref(attitude: Attitude) -> Ref:
    return Ref(attitude.code, attitude.name, Trusted(f"{ATTITUDES_PAGE}#{anchor(attitude.code)}"))


def _refs(
    codes: Iterable[str], items: tuple[Item, ...], make: Callable[[Item], Ref]
) -> tuple[Ref, ...]:
    """Links for ``codes``; a code the standard does not define is shown without a link."""
    by_code = {item.code: item for item in items}
    return tuple(
        make(by_code[code]) if code in by_code else Ref(code, "", Trusted("")) for code in codes
    )


# --- the course home ---------------------------------------------------------------------


@dataclass(frozen=True)
class Classification:
    kind: str  # 職類別, 職業別, 行業別
    name: str
    code: str


@dataclass(frozen=True)
class MapTask:
    ref: Ref
    levels: tuple[int, ...]
    outputs: tuple[Output, ...]
    shares_with: str | None


@dataclass(frozen=True)
class MapDuty:
    ref: Ref
    tasks: tuple[MapTask, ...]


@dataclass(frozen=True)
class ModuleHours:
    module: Ref
    hours: float | None


@dataclass(frozen=True)
class ProgressRow:
    """One line of the course home's progress table, filled in by course.js."""

    title: Ref  # what the row is about: a module, or the final quiz
    quiz: Ref  # the row's quiz
    key: str  # storage key of the module's self-check and quiz, or of the final quiz
    indicators: tuple[str, ...]  # codes of the module's self-check boxes (none: the final quiz)


@dataclass(frozen=True)
class CoursePage:
    code: str
    name: str  # the course title: the trainer's, or the standard's name
    standard_name: str
    subtitle: str | None
    organization: str | None
    trainer: str | None
    hours: tuple[ModuleHours, ...]  # empty when the trainer set no hours
    total_hours: float
    extra_pages: tuple[Ref, ...]
    description: str
    level: Level
    task_levels: tuple[Level, ...]  # every other level a task of the course has
    classifications: tuple[Classification, ...]
    current: Version | None
    replaced: tuple[Version, ...]
    versions: tuple[Version, ...]
    course_map: tuple[MapDuty, ...]
    modules: tuple[Ref, ...]
    attitudes: tuple[Attitude, ...]
    notes: tuple[str, ...]
    knowledge_count: int
    skills_count: int
    progress: tuple[ProgressRow, ...]
    pass_mark: int
    bundle: Trusted = _BUNDLE


def course_page(course: Course) -> CoursePage:
    standard, settings = course.taught, course.settings
    current, replaced = _version_history(standard)
    hours = tuple(ModuleHours(duty_ref(d), settings.hours_of(d.code)) for d in standard.duties)
    other_levels = sorted(
        {level for t in standard.tasks() for level in t.levels if level != standard.level}
    )
    category = standard.category
    return CoursePage(
        code=standard.code,
        name=course.title,
        standard_name=standard.name,
        subtitle=settings.subtitle,
        organization=settings.organization,
        trainer=settings.trainer,
        hours=hours if settings.hours else (),
        total_hours=sum(h.hours or 0 for h in hours),
        extra_pages=tuple(extra_page_ref(page) for page in course.custom.pages),
        description=standard.description,
        level=_level(standard.level),
        task_levels=tuple(_level(v) for v in other_levels),
        classifications=(
            Classification("職類別", category.job.name, category.job.code),
            *(Classification("職業別", c.name, c.code) for c in category.occupations),
            *(Classification("行業別", c.name, c.code) for c in category.industries),
        ),
        current=current,
        replaced=replaced,
        versions=standard.versions,
        course_map=tuple(_map_duty(standard, duty) for duty in standard.duties),
        modules=tuple(duty_ref(duty) for duty in standard.duties),
        attitudes=standard.attitudes,
        notes=standard.notes,
        knowledge_count=len(standard.knowledge),
        skills_count=len(standard.skills),
        progress=_progress(standard),
        pass_mark=settings.pass_mark,
    )


def _progress(standard: Standard) -> tuple[ProgressRow, ...]:
    modules = tuple(
        ProgressRow(
            duty_ref(duty),
            Ref(duty.code, "單元測驗", Trusted(module_quiz_page(duty.code))),
            storage_key(standard.code, duty.code),
            tuple(p.code for p in own_indicators(standard, duty)),
        )
        for duty in standard.duties
    )
    final = Ref("", "總測驗", Trusted(FINAL_QUIZ_PAGE))
    return (*modules, ProgressRow(final, final, storage_key(standard.code, FINAL_QUIZ_KEY), ()))


def _version_history(standard: Standard) -> tuple[Version | None, tuple[Version, ...]]:
    """The version row the course follows, and the rows after it (older versions it replaced)."""
    for i, version in enumerate(standard.versions):
        if version.code == standard.code:
            return version, standard.versions[i + 1 :]
    return None, ()


def _map_duty(standard: Standard, duty: Duty) -> MapDuty:
    return MapDuty(
        ref=duty_ref(duty),
        tasks=tuple(
            MapTask(task_ref(task, duty), task.levels, standard.outputs_at(task), task.shares_with)
            for task in duty.tasks
        ),
    )


# --- module pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Objective:
    """One line per task: what the learner will be able to do, tied to the indicators judging it.

    The indicators are linked by code only (their text is on the page once, in the task's
    section), so the objectives stay short and keep iCAP's tie of objectives to indicators.
    """

    task: Ref  # the task's section
    text: str  # 「能」 + the task's name
    indicators: tuple[Ref, ...]  # each indicator's place in the task's rubric
    practice: Trusted  # the task's practice


@dataclass(frozen=True)
class ResourceLink:
    title: str
    kind: str
    href: Trusted  # a web address, or a file of the course (``files/…``)
    note: str | None


@dataclass(frozen=True)
class Learn:
    """A knowledge or skill item a task needs, with what a learner can read or do to learn it."""

    ref: Ref
    resources: tuple[ResourceLink, ...]
    laws: tuple[ResourceLink, ...]  # searches of the national law database


@dataclass(frozen=True)
class Practice:
    """One practice assignment: produce an output (or, with none, carry out the task)."""

    number: int
    output: Output | None


@dataclass(frozen=True)
class LevelPart:
    """One row of a task the standard writes in rows of different levels."""

    level: int
    indicators: tuple[str, ...]  # codes: the checklist on the page holds their texts
    knowledge: tuple[Ref, ...]
    skills: tuple[Ref, ...]


@dataclass(frozen=True)
class TaskSection:
    code: str
    name: str
    anchor: Trusted
    levels: tuple[int, ...]
    level_rows: tuple[LevelPart, ...]  # none for a task of one level
    outputs: tuple[Output, ...]
    indicators: tuple[Indicator, ...]
    knowledge: tuple[Learn, ...]
    skills: tuple[Learn, ...]
    resources: tuple[ResourceLink, ...]  # resources serving the task as a whole
    practices: tuple[Practice, ...]  # none on a row group's other tasks (see its first task)
    scenario: Trusted  # the trainer's scenario and materials for the practice
    shares_with: Ref | None  # the first task of its row, for a row group's other tasks
    row: str  # 「T1.1、T1.2」: the row group whose outputs and indicators these are, or ""
    addition: Trusted  # the trainer's Markdown after this task's section


@dataclass(frozen=True)
class ModulePage:
    course_code: str
    course_name: str
    code: str
    name: str
    number: int  # 1-based position among the course's modules
    count: int
    objectives: tuple[Objective, ...]
    tasks: tuple[TaskSection, ...]
    attitudes: tuple[Ref, ...]
    storage_key: str
    previous: Ref | None
    next: Ref | None
    quiz: Ref | None  # the module quiz
    hours: float | None
    intro: Trusted  # the trainer's Markdown before the objectives
    activities: Trusted  # the trainer's Markdown at the end


# The objectives follow 「你將能夠：」, so a task name's own leading 能 (能夠) is left out:
# 「能確認能在工作時」 said it twice.
_LEADING_CAN = re.compile(r"^能夠?(?![力源量])")


def indicator_anchor(code: str) -> Trusted:
    """Where an indicator's self-check box is, on its module page."""
    return anchor(code)


def practice_anchor(task_code: str) -> Trusted:
    return Trusted(f"{anchor(task_code)}-practice")


def own_indicators(standard: Standard, duty: Duty) -> tuple[Indicator, ...]:
    """The duty's indicators, each once (a row group's at its first task)."""
    return tuple(p for task in duty.tasks for p in standard.indicators_at(task))


def module_pages(course: Course) -> tuple[ModulePage, ...]:
    standard = course.taught
    duties = standard.duties
    return tuple(
        _module_page(
            course,
            duty,
            number=i + 1,
            previous=duty_ref(duties[i - 1]) if i > 0 else None,
            next_=duty_ref(duties[i + 1]) if i + 1 < len(duties) else None,
        )
        for i, duty in enumerate(duties)
    )


def _module_page(
    course: Course, duty: Duty, number: int, previous: Ref | None, next_: Ref | None
) -> ModulePage:
    standard = course.taught
    additions = course.custom.additions(duty.code)
    return ModulePage(
        course_code=standard.code,
        course_name=course.title,
        code=duty.code,
        name=duty.name,
        number=number,
        count=len(standard.duties),
        objectives=tuple(_objective(standard, duty, task) for task in duty.tasks),
        tasks=tuple(_task_section(course, duty, task, additions) for task in duty.tasks),
        attitudes=tuple(attitude_ref(a) for a in standard.attitudes),
        storage_key=storage_key(standard.code, duty.code),
        previous=previous,
        next=next_,
        quiz=Ref(duty.code, duty.name, Trusted(module_quiz_page(duty.code))),
        hours=course.settings.hours_of(duty.code),
        intro=Trusted(additions.intro),
        activities=Trusted(additions.activities),
    )


def _level_part(standard: Standard, row: LevelRow) -> LevelPart:
    return LevelPart(
        row.level,
        row.indicators,
        _refs(row.knowledge, standard.knowledge, knowledge_ref),
        _refs(row.skills, standard.skills, skill_ref),
    )


def _practices(outputs: tuple[Output, ...]) -> tuple[Practice, ...]:
    """One practice per work output; with none, one practice of the task itself."""
    return tuple(Practice(i + 1, o) for i, o in enumerate(outputs)) or (Practice(1, None),)


def _owner(duty: Duty, task: Task) -> Task:
    """The task whose row ``task`` shares (itself when it has its own row)."""
    return next((t for t in duty.tasks if t.code == task.shares_with), task)


def _objective(standard: Standard, duty: Duty, task: Task) -> Objective:
    name = task.name.strip()
    return Objective(
        task=Ref(task.code, name, Trusted(f"#{anchor(task.code)}")),
        text=_LEADING_CAN.sub("", name),
        indicators=tuple(
            Ref(p.code, "", Trusted(f"#{indicator_anchor(p.code)}"))
            for p in standard.indicators_at(_owner(duty, task))
        ),
        practice=Trusted(f"#{practice_anchor(_owner(duty, task).code)}"),
    )


_UNSAFE_IN_HREF = re.compile(r"[\s()<>\"'\[\]\\`]")


def safe_href(address: str) -> Trusted:
    """An address as a Markdown link target: what could end or break the link percent-encoded."""
    return Trusted(_UNSAFE_IN_HREF.sub(lambda m: quote(m.group(), safe=""), address))


def resource_link(resource: Resource) -> ResourceLink:
    href = resource.url or f"{FILES_DIR}/{resource.file}"
    return ResourceLink(resource.title, resource.kind, safe_href(href), resource.note)


def law_links(item: Item) -> tuple[ResourceLink, ...]:
    """Searches of the national law database for the laws an item names (全國法規資料庫)."""
    return tuple(
        ResourceLink(name, "法規", safe_href(law_search_url(name)), "全國法規資料庫")
        for name in law_names(item.name)
    )


def _learn(ref: Ref, resources: tuple[Resource, ...], item: Item | None) -> Learn:
    return Learn(
        ref,
        tuple(resource_link(r) for r in serving(resources, ref.code)),
        law_links(item) if item else (),
    )


def _task_section(
    course: Course, duty: Duty, task: Task, additions: ModuleAdditions
) -> TaskSection:
    standard, resources = course.taught, course.custom.resources
    group = standard.row_group(task.code)
    shared = None
    if task.shares_with is not None:
        owner = _owner(duty, task)
        shared = task_ref(owner, duty) if owner is not task else None
    knowledge = {i.code: i for i in standard.knowledge}
    skills = {i.code: i for i in standard.skills}
    outputs = standard.outputs_at(task)
    return TaskSection(
        code=task.code,
        name=task.name,
        anchor=anchor(task.code),
        levels=task.levels,
        level_rows=tuple(_level_part(standard, row) for row in task.level_rows),
        outputs=outputs,
        indicators=standard.indicators_at(task),
        knowledge=tuple(
            _learn(ref, resources, knowledge.get(ref.code))
            for ref in _refs(task.knowledge, standard.knowledge, knowledge_ref)
        ),
        skills=tuple(
            _learn(ref, resources, skills.get(ref.code))
            for ref in _refs(task.skills, standard.skills, skill_ref)
        ),
        resources=tuple(resource_link(r) for r in serving(resources, task.code)),
        practices=_practices(outputs) if shared is None else (),
        scenario=Trusted(additions.scenario(task.code)),
        shares_with=shared,
        row=group.label if group else "",
        addition=Trusted(additions.after(task.code)),
    )


# --- knowledge, skills and attitudes -----------------------------------------------------


@dataclass(frozen=True)
class ModuleUse:
    """The tasks of one module that use an item."""

    module: Ref
    tasks: tuple[Ref, ...]


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    anchor: Trusted
    variants: tuple[str, ...]
    definition: str | None
    uses: tuple[ModuleUse, ...]
    resources: tuple[ResourceLink, ...] = ()
    laws: tuple[ResourceLink, ...] = ()  # searches of the national law database


@dataclass(frozen=True)
class ItemsPage:
    course_code: str
    course_name: str
    kind: str  # 知識, 技能, 態度
    letter: str  # K, S, A
    intro: str
    entries: tuple[Entry, ...]


def _uses(standard: Standard, used_by: Callable[[Task], bool]) -> tuple[ModuleUse, ...]:
    found = (
        ModuleUse(duty_ref(duty), tuple(task_ref(t, duty) for t in duty.tasks if used_by(t)))
        for duty in standard.duties
    )
    return tuple(use for use in found if use.tasks)


def _codes(task: Task, key: str) -> tuple[str, ...]:
    return task.knowledge if key == "knowledge" else task.skills


def _needs(key: str, code: str) -> Callable[[Task], bool]:
    """Does a task list ``code`` among its ``key`` ("knowledge" or "skills")?"""

    def needs(task: Task) -> bool:
        return code in _codes(task, key)

    return needs


def _items_page(
    standard: Standard, kind: str, letter: str, key: str, resources: tuple[Resource, ...]
) -> ItemsPage:
    items = standard.knowledge if key == "knowledge" else standard.skills
    return ItemsPage(
        course_code=standard.code,
        course_name=standard.name,
        kind=kind,
        letter=letter,
        intro=f"完成工作任務所需的{kind}",
        entries=tuple(
            Entry(
                item.code,
                item.name,
                anchor(item.code),
                item.variants,
                None,
                _uses(standard, _needs(key, item.code)),
                tuple(resource_link(r) for r in serving(resources, item.code)),
                law_links(item) if key == "knowledge" else (),
            )
            for item in items
        ),
    )


def knowledge_page(standard: Standard, resources: tuple[Resource, ...] = ()) -> ItemsPage:
    return _items_page(standard, "知識", "K", "knowledge", resources)


def skills_page(standard: Standard, resources: tuple[Resource, ...] = ()) -> ItemsPage:
    return _items_page(standard, "技能", "S", "skills", resources)


def attitudes_page(standard: Standard) -> ItemsPage:
    """Attitudes belong to the whole standard, so every task of every module uses each one."""
    every_task = _uses(standard, lambda task: True)
    return ItemsPage(
        course_code=standard.code,
        course_name=standard.name,
        kind="態度",
        letter="A",
        intro="職能基準為整個職務列出的態度，適用於本課程的每一個工作任務",
        entries=tuple(
            Entry(a.code, a.name, anchor(a.code), (), a.definition, every_task)
            for a in standard.attitudes
        ),
    )


# --- the competency matrix ---------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    task: Ref
    part: str  # 「級別 4」: one of the rows of a task in rows of different levels, else ""
    outputs: tuple[Output, ...]
    marks: tuple[bool, ...]  # one per column: does the task need it?


@dataclass(frozen=True)
class Matrix:
    kind: str  # 知識, 技能
    anchor: Trusted
    columns: tuple[Ref, ...]
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class MatrixPage:
    course_code: str
    course_name: str
    tables: tuple[Matrix, ...]


def matrix_page(standard: Standard) -> MatrixPage:
    return MatrixPage(
        course_code=standard.code,
        course_name=standard.name,
        tables=(
            _matrix(standard, "知識", "knowledge", standard.knowledge, knowledge_ref),
            _matrix(standard, "技能", "skills", standard.skills, skill_ref),
        ),
    )


def _matrix(
    standard: Standard,
    kind: str,
    key: str,
    items: tuple[Item, ...],
    make: Callable[[Item], Ref],
) -> Matrix:
    rows = tuple(
        MatrixRow(
            task_ref(task, duty),
            part,
            standard.outputs_at(task),
            tuple(item.code in codes for item in items),
        )
        for duty in standard.duties
        for task in duty.tasks
        for part, codes in _matrix_rows(task, key)
    )
    return Matrix(kind, Trusted(f"{key}-matrix"), tuple(make(i) for i in items), rows)


def _matrix_rows(task: Task, key: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """A task's rows of the matrix: one, or one per level of a task in rows of levels."""
    if not task.level_rows:
        yield "", _codes(task, key)
    for row in task.level_rows:
        yield f"級別 {row.level}", getattr(row, key)


# --- the catalogue -----------------------------------------------------------------------

CATALOGUE_PAGE = "index.md"
CATEGORIES_DIR = "categories"
# Courses on one catalogue page. A longer catalogue is listed by 職類別 instead, in pages of
# this many courses, so that no page grows with the catalogue (iCAP has about 900 standards).
CATALOGUE_PAGE_SIZE = 30


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    description: str
    level: int | None
    modules: int
    href: Trusted  # the course's home, relative to the page that lists it


@dataclass(frozen=True)
class CategoryLink:
    """One 職類別 on the home of a catalogue listed by category."""

    code: str
    name: str
    courses: int
    href: Trusted


@dataclass(frozen=True)
class CataloguePage:
    """The catalogue home, or one page of the courses of one 職類別."""

    path: str  # in the docs dir
    title: str
    total: int  # courses in the whole catalogue
    courses: tuple[CatalogueEntry, ...]
    categories: tuple[CategoryLink, ...] = ()  # the home of a catalogue listed by category
    category: str = ""  # on a category page: its code
    first: int = 0  # on a category page: the position of its first course in the category
    count: int = 0  # … and how many courses the category has
    number: int = 1  # page number within the category
    pages: int = 1  # pages of the category
    previous: Trusted | None = None
    next: Trusted | None = None
    home: Trusted | None = None


def catalogue(courses: Iterable[Course], prefix: str = "") -> tuple[CatalogueEntry, ...]:
    """The courses in code order; ``prefix`` leads from the listing page to the docs root."""
    return tuple(
        CatalogueEntry(
            c.standard.code,
            c.title,
            c.standard.description,
            c.standard.level,
            len(c.taught.duties),
            Trusted(f"{prefix}{slug(c.standard.code)}/{COURSE_PAGE}"),
        )
        for c in sorted(courses, key=lambda c: c.standard.code)
    )


def catalogue_pages(courses: Iterable[Course]) -> tuple[CataloguePage, ...]:
    """Every page of the catalogue, home first.

    Up to ``CATALOGUE_PAGE_SIZE`` courses are listed on the home itself; more are grouped by
    職類別 (in code order), the home listing the categories and each category its courses, in
    pages of at most ``CATALOGUE_PAGE_SIZE``.
    """
    ordered = sorted(courses, key=lambda c: c.standard.code)
    if len(ordered) <= CATALOGUE_PAGE_SIZE:
        return (CataloguePage(CATALOGUE_PAGE, "課程總覽", len(ordered), catalogue(ordered)),)
    groups: dict[str, list[Course]] = {}
    for course in sorted(ordered, key=lambda c: c.standard.category.job.code):
        groups.setdefault(course.standard.category.job.code, []).append(course)
    links, pages = [], []
    for code, members in groups.items():
        name = members[0].standard.category.job.name
        category = _category_pages(code, name, members, len(ordered))
        links.append(CategoryLink(code, name, len(members), Trusted(category[0].path)))
        pages += category
    home = CataloguePage(CATALOGUE_PAGE, "課程總覽", len(ordered), (), tuple(links))
    return (home, *pages)


def category_page_path(code: str, number: int) -> str:
    """``categories/<code>/index.md`` for the first page, then ``2.md``, ``3.md``, …"""
    name = CATALOGUE_PAGE if number == 1 else f"{number}.md"
    return f"{CATEGORIES_DIR}/{url_segment(code)}/{name}"


def _category_pages(code: str, name: str, courses: list[Course], total: int) -> list[CataloguePage]:
    size = CATALOGUE_PAGE_SIZE
    chunks = [courses[i : i + size] for i in range(0, len(courses), size)]
    count = len(chunks)

    def sibling(number: int) -> Trusted | None:
        if not 1 <= number <= count:
            return None
        return Trusted(category_page_path(code, number).rsplit("/", 1)[1])

    return [
        CataloguePage(
            path=category_page_path(code, number),
            title=name if count == 1 else f"{name}（第 {number} 頁，共 {count} 頁）",
            total=total,
            courses=catalogue(chunk, prefix="../../"),
            category=code,
            first=(number - 1) * size + 1,
            count=len(courses),
            number=number,
            pages=count,
            previous=sibling(number - 1),
            next=sibling(number + 1),
            home=Trusted(f"../../{CATALOGUE_PAGE}"),
        )
        for number, chunk in enumerate(chunks, start=1)
    ]
