"""Standards -> every generated file of the docs dir, the nav and the search terms.

Pure: the caller reads the standards and the assets and writes what this returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.course import FILES_DIR, Course
from generator.readiness import readiness
from generator.render import kit, markdown
from generator.render import pages as p
from generator.render.escape import md, slug, url_segment
from generator.render.quiz import coverage_page, final_quiz, module_quizzes
from generator.search import catalogue_index_files, search_terms

ASSETS_DIR = "assets/coursegen"
GUIDE_PAGE = "guide.md"
READINESS_PAGE = "readiness.md"


@dataclass(frozen=True)
class Site:
    files: dict[str, bytes]  # docs-relative POSIX path -> content
    nav: list[Any]  # MkDocs nav, titles already escaped for HTML
    search_terms: tuple[str, ...]  # jieba user dictionary: one term per line
    excluded: tuple[str, ...] = ()  # docs files only there so that links to them resolve
    not_in_nav: tuple[str, ...] = ()  # pages reached by links only (later catalogue pages)
    site_name: str | None = None  # the header's title, escaped: a course's name (else mkdocs.yml's)


def asset_files(assets: Mapping[str, bytes]) -> dict[str, bytes]:
    """Our CSS and JS, by their path in a docs dir."""
    return {f"{ASSETS_DIR}/{name}": content for name, content in sorted(assets.items())}


def course_files(course: Course) -> dict[str, bytes]:
    """Every file of one course (pages, the trainer's pages and files), by path in its folder."""
    standard, bank, resources = course.taught, course.bank, course.custom.resources
    home = p.course_page(course)
    pages = {
        p.COURSE_PAGE: markdown.course_markdown(home),
        p.ABOUT_PAGE: markdown.about_markdown(home),
        p.KNOWLEDGE_PAGE: markdown.items_markdown(p.knowledge_page(standard, resources)),
        p.SKILLS_PAGE: markdown.items_markdown(p.skills_page(standard, resources)),
        p.ATTITUDES_PAGE: markdown.items_markdown(p.attitudes_page(standard)),
        p.MATRIX_PAGE: markdown.matrix_markdown(p.matrix_page(standard)),
    }
    for page in p.module_pages(course):
        pages[p.module_page(page.code)] = markdown.module_markdown(page)
    for duty, quiz_page in zip(standard.duties, module_quizzes(course), strict=True):
        pages[p.module_quiz_page(duty.code)] = markdown.quiz_markdown(quiz_page)
    pages[p.FINAL_QUIZ_PAGE] = markdown.quiz_markdown(final_quiz(course))
    pages[p.COVERAGE_PAGE] = markdown.coverage_markdown(coverage_page(standard, bank))
    exports, exports_page = kit.export_files(course)
    quiz_paths = (*(p.module_quiz_page(d.code) for d in standard.duties), p.FINAL_QUIZ_PAGE)
    pages[kit.CHECKLISTS_PAGE] = markdown.kit_markdown("checklists", kit.checklists_page(course))
    pages[kit.MAPPING_PAGE] = markdown.kit_markdown("mapping", kit.mapping_page(course))
    pages[kit.ANSWER_KEY_PAGE] = markdown.kit_markdown(
        "answer-key", kit.answer_key_page(course, quiz_paths)
    )
    pages[kit.EXPORTS_PAGE] = markdown.kit_markdown("exports", exports_page)
    pages[READINESS_PAGE] = markdown.readiness_markdown(readiness(course))
    pages[kit.TRAINER_PAGE] = markdown.kit_markdown(
        "trainer", kit.trainer_page(course, TRAINER_PAGES)
    )
    for extra in course.custom.pages:
        pages[p.extra_page_path(url_segment(extra.name))] = extra.markdown
    files = {path: text.encode() for path, text in pages.items()} | exports
    for name, content in course.custom.files:
        files[f"{FILES_DIR}/{name}"] = content
    return files


# The trainers' area (title, page, what it is for): out of the learners' nav and search.
TRAINER_PAGES = (
    ("觀察評量檢核表", kit.CHECKLISTS_PAGE, "每個工作任務一張，列印後在實作評量時勾選"),
    (
        "評量對應表",
        kit.MAPPING_PAGE,
        "每一項指標、產出、知識、技能與態度由哪張檢核表與哪些題目評量",
    ),
    ("題目涵蓋表", p.COVERAGE_PAGE, "每一題評量什麼、各任務的題型，以及以檢核表評量的指標與原因"),
    ("測驗答案與解析", kit.ANSWER_KEY_PAGE, "每份測驗的答案與解析"),
    ("匯出與下載", kit.EXPORTS_PAGE, "題庫與能力架構檔，匯入 Moodle 等學習平台"),
    (
        "課程準備狀況",
        READINESS_PAGE,
        "還缺哪些學習資源、練習情境、單元導入、時數與評量，以及要編輯的檔案",
    ),
)


def trainer_pages() -> tuple[str, ...]:
    """The pages of a course's trainers' area, hub first."""
    return (kit.TRAINER_PAGE, *(page for _title, page, _purpose in TRAINER_PAGES))


def _reading_pages(course: Course) -> tuple[str, ...]:
    """The learners' pages of a course other than quizzes, in their nav order."""
    return (
        p.COURSE_PAGE,
        *(p.module_page(d.code) for d in course.taught.duties),
        *(p.extra_page_path(url_segment(e.name)) for e in course.custom.pages),
        p.KNOWLEDGE_PAGE,
        p.SKILLS_PAGE,
        p.ATTITUDES_PAGE,
        p.MATRIX_PAGE,
        p.ABOUT_PAGE,
    )


def _quizzes(course: Course) -> list[dict[str, str]]:
    return [
        *({f"{d.code} 單元測驗": p.module_quiz_page(d.code)} for d in course.taught.duties),
        {"總測驗": p.FINAL_QUIZ_PAGE},
    ]


def course_pages(course: Course) -> tuple[str, ...]:
    """The docs path of every page of a course (what a trainer's link may lead to)."""
    quizzes = (page for entry in _quizzes(course) for page in entry.values())
    return (*_reading_pages(course), *quizzes, *trainer_pages())


def course_nav(course: Course) -> dict[str, list[Any]]:
    """One nav section per course: home, modules, extra pages, reference, quizzes.

    The trainers' pages are not in it (``trainer_pages``): learners should not come upon the
    answer key; trainers open ``trainer/`` of the course.
    """
    folder = slug(course.taught.code)
    return {
        md(course.title): [
            *(f"{folder}/{page}" for page in _reading_pages(course)),
            {"測驗": _in_folder(folder, _quizzes(course))},
        ]
    }


def _in_folder(folder: str, entries: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{md(title): f"{folder}/{page}" for title, page in e.items()} for e in entries]


def render_site(courses: Iterable[Course], assets: Mapping[str, bytes], guide: str = "") -> Site:
    """One site of everything (``coursegen serve``'s preview): catalogue, courses, guide, assets."""
    ordered = sorted(courses, key=lambda c: c.standard.code)
    pages = p.catalogue_pages(ordered)
    files = catalogue_files(pages)
    if guide:
        files[GUIDE_PAGE] = guide.encode()
    for course in ordered:
        for path, content in course_files(course).items():
            files[f"{slug(course.standard.code)}/{path}"] = content
    files |= asset_files(assets)
    nav = [*catalogue_nav(pages), *(course_nav(c) for c in ordered)]
    if guide:
        nav.append({"講師手冊": GUIDE_PAGE})
    terms = search_terms(c.taught for c in ordered)
    trainers = tuple(f"{slug(c.standard.code)}/{page}" for c in ordered for page in trainer_pages())
    return Site(
        dict(sorted(files.items())), nav, terms, not_in_nav=(*outside_nav(pages), *trainers)
    )


def catalogue_files(pages: Iterable[p.CataloguePage]) -> dict[str, bytes]:
    return {page.path: markdown.catalogue_markdown(page).encode() for page in pages}


def catalogue_nav(pages: tuple[p.CataloguePage, ...]) -> list[Any]:
    """The home, then the first page of each category (its other pages are linked from it)."""
    home = pages[0]
    firsts = [{md(c.name): str(c.href)} for c in home.categories]
    return [home.path, *([{"依職類瀏覽": firsts}] if firsts else [])]


def outside_nav(pages: Iterable[p.CataloguePage]) -> tuple[str, ...]:
    return tuple(page.path for page in pages if page.number > 1)


def course_site(course: Course, assets: Mapping[str, bytes]) -> Site:
    """One course as a site of its own (published under ``site/<code>/``).

    Its pages are those of ``course_files`` at the top of the docs dir, so that URLs stay
    ``/<code>/T1/`` once the course's site sits in its folder; the nav is ``course_nav`` with
    the course folder taken off every path. Search covers this course only.
    """
    files = dict(course_files(course))
    files |= asset_files(assets)
    folder = f"{slug(course.standard.code)}/"
    nav = [_unfolded(course_nav(course), folder)]
    terms = search_terms((course.taught,))
    # Material prints site_name unescaped in the header, as it does nav titles.
    return Site(
        dict(sorted(files.items())),
        nav,
        terms,
        not_in_nav=trainer_pages(),
        site_name=md(course.title),
    )


def _unfolded(entry: Any, folder: str) -> Any:
    """A nav entry with ``folder`` taken off the front of every path in it."""
    if isinstance(entry, str):
        return entry.removeprefix(folder)
    if isinstance(entry, list):
        return [_unfolded(item, folder) for item in entry]
    if isinstance(entry, dict):
        return {title: _unfolded(item, folder) for title, item in entry.items()}
    return entry


def catalogue_site(courses: Iterable[Course], assets: Mapping[str, bytes], guide: str = "") -> Site:
    """The catalogue (published at the top of ``site/``) and the trainer's guide.

    Each course's home page is in the docs dir as an empty, *excluded* stub: MkDocs then turns
    the catalogue's links to it into URLs (``KPS…/`` or, offline, ``KPS…/index.html``) without
    building it; the course's own build fills that folder. The catalogue has no dictionary of
    its own: it holds course names and descriptions only. Its search also looks inside the
    courses, through the small index of ``generator.search.catalogue_index_files``.
    """
    ordered = sorted(courses, key=lambda c: c.standard.code)
    pages = p.catalogue_pages(ordered)
    files = catalogue_files(pages)
    if guide:
        files[GUIDE_PAGE] = guide.encode()
    stubs = tuple(f"{slug(c.standard.code)}/{p.COURSE_PAGE}" for c in ordered)
    files.update(dict.fromkeys(stubs, b""))
    files |= asset_files(assets) | catalogue_index_files(ordered)
    nav = catalogue_nav(pages)
    if guide:
        nav.append({"講師手冊": GUIDE_PAGE})
    return Site(dict(sorted(files.items())), nav, (), stubs, outside_nav(pages))


def dictionary_text(terms: Iterable[str]) -> str:
    return "".join(f"{term}\n" for term in terms)
