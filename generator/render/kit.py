"""The trainer's assessment kit: observation checklists, the assessment mapping, the answer
key and the exports to download. Pure page data for the ``templates/kit-*.md.j2`` pages.

Competency-based assessment observes practical skills instead of asking about them: each task
gets a checklist built from its indicators (行為指標) and outputs (工作產出), and the mapping
shows, for every P, O, K, S and A of the course, which checklist and which quiz items assess it.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.certification.document import Document
from generator.certification.report import icap_report
from generator.course import Course
from generator.export import FORMATS, SCORM_SUFFIX, ExportError, export_course
from generator.model import Indicator, Output, RowGroup, Standard, Task
from generator.quiz.model import QuestionType
from generator.render.escape import Trusted, slug
from generator.render.pages import Ref, task_ref
from generator.render.quiz import QuizQuestion, final_quiz, module_quizzes

REPORT_PAGE = "icap-report.md"
REPORT_FORMAT = "icap-report"
CHECKLISTS_PAGE = "checklists.md"
MAPPING_PAGE = "mapping.md"
ANSWER_KEY_PAGE = "answer-key.md"
EXPORTS_PAGE = "exports.md"
EXPORTS_DIR = "downloads"
TRAINER_PAGE = "trainer.md"  # the trainers' area: reached by its address, not from the nav


@dataclass(frozen=True)
class TrainerPage:
    course_code: str
    course_name: str
    pages: tuple[Ref, ...]  # the kit's pages: title and link, with what each is for as ``code``


def trainer_page(course: Course, pages: tuple[tuple[str, str, str], ...]) -> TrainerPage:
    """The trainers' area: ``pages`` are (title, path, what it is for)."""
    return TrainerPage(
        course.standard.code,
        course.title,
        tuple(Ref(purpose, title, Trusted(path)) for title, path, purpose in pages),
    )


# --- observation checklists -------------------------------------------------------------


@dataclass(frozen=True)
class Checklist:
    task: Ref
    anchor: Trusted
    levels: tuple[int, ...]
    indicators: tuple[Indicator, ...]
    outputs: tuple[Output, ...]
    shared_with: Ref | None  # the checklist this task shares (one table row in the standard)


@dataclass(frozen=True)
class ChecklistsPage:
    course_code: str
    course_name: str
    checklists: tuple[Checklist, ...]


def checklist_anchor(task_code: str) -> Trusted:
    return Trusted(f"check-{slug(task_code)}")


def checklists_page(course: Course) -> ChecklistsPage:
    standard = course.taught
    refs = {t.code: task_ref(t, d) for d in standard.duties for t in d.tasks}
    return ChecklistsPage(
        course_code=standard.code,
        course_name=course.title,
        checklists=tuple(
            Checklist(
                task=refs[task.code],
                anchor=checklist_anchor(task.code),
                levels=task.levels,
                indicators=_row(standard, task).indicators,
                outputs=_row(standard, task).outputs,
                shared_with=refs.get(task.shares_with or ""),
            )
            for task in standard.tasks()
        ),
    )


def _row(standard: Standard, task: Task) -> Task | RowGroup:
    """What a task is observed on: its own indicators and outputs, or its row group's."""
    return standard.row_group(task.code) or task


# --- the assessment mapping ---------------------------------------------------------------


@dataclass(frozen=True)
class MappingRow:
    kind: str  # 行為指標, 工作產出, 知識, 技能, 態度
    code: str
    text: str
    checklists: tuple[Ref, ...]
    questions: tuple[str, ...]  # quiz item ids, without the standard's code


@dataclass(frozen=True)
class MappingPage:
    course_code: str
    course_name: str
    rows: tuple[MappingRow, ...]
    unassessed: tuple[MappingRow, ...]


def _checklist_refs(standard: Standard, owners: list[Task]) -> tuple[Ref, ...]:
    return tuple(
        Ref(t.code, f"{t.name} 檢核表", Trusted(f"{CHECKLISTS_PAGE}#{checklist_anchor(t.code)}"))
        for t in owners
    )


def mapping_page(course: Course) -> MappingPage:
    standard, bank = course.taught, course.bank
    prefix = f"{standard.code}/"

    def questions(code: str) -> tuple[str, ...]:
        return tuple(q.id.removeprefix(prefix) for q in bank.questions if code in q.assesses)

    tasks = {t.code: t for t in standard.tasks()}
    rows: list[MappingRow] = []
    for p in standard.indicators():
        owners = [tasks[code] for code in standard.indicator_owners(p.code)]
        rows.append(
            MappingRow(
                "行為指標", p.code, p.text, _checklist_refs(standard, owners), questions(p.code)
            )
        )
    for o in standard.outputs():
        owners = [tasks[code] for code in standard.producers(o.code)]
        rows.append(
            MappingRow(
                "工作產出", o.code, o.name, _checklist_refs(standard, owners), questions(o.code)
            )
        )
    # A K or S is observed where it is used: on the checklists of the tasks that need it.
    for kind, field, items in (
        ("知識", "knowledge", standard.knowledge),
        ("技能", "skills", standard.skills),
    ):
        rows += [
            MappingRow(
                kind,
                i.code,
                i.name,
                _checklist_refs(
                    standard, [t for t in tasks.values() if i.code in getattr(t, field)]
                ),
                questions(i.code),
            )
            for i in items
        ]
    rows += [MappingRow("態度", a.code, a.name, (), questions(a.code)) for a in standard.attitudes]
    return MappingPage(
        course_code=standard.code,
        course_name=course.title,
        rows=tuple(rows),
        unassessed=tuple(r for r in rows if not r.checklists and not r.questions),
    )


# --- the answer key --------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyedQuestion:
    number: int
    qid: str
    type_label: str
    stem: str
    answer: str
    explanation: str


@dataclass(frozen=True)
class KeyedQuiz:
    title: str
    href: Trusted
    questions: tuple[KeyedQuestion, ...]


@dataclass(frozen=True)
class AnswerKeyPage:
    course_code: str
    course_name: str
    quizzes: tuple[KeyedQuiz, ...]


def answer_key_page(course: Course, quiz_paths: tuple[str, ...]) -> AnswerKeyPage:
    """Every quiz of the course as published, with each answer written out in words."""
    pages = (*module_quizzes(course), final_quiz(course))
    prefix = f"{course.standard.code}/"
    return AnswerKeyPage(
        course_code=course.standard.code,
        course_name=course.title,
        quizzes=tuple(
            KeyedQuiz(
                page.title,
                Trusted(path),
                tuple(
                    KeyedQuestion(
                        q.number,
                        q.qid.removeprefix(prefix),
                        q.type_label,
                        q.stem,
                        _answer_words(q),
                        q.explanation,
                    )
                    for q in page.questions
                ),
            )
            for page, path in zip(pages, quiz_paths, strict=True)
        ),
    )


def _answer_words(question: QuizQuestion) -> str:
    """「B. 預約表」: the key with the words of each right option, not only its letter."""
    if question.type in (QuestionType.MATCHING.value, QuestionType.TRUE_FALSE.value):
        return question.answer
    return "；".join(f"{o.letter}. {o.text}" for o in question.options if o.correct)


# --- exports to download -------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    description: str
    href: Trusted
    file: str  # the file's name, as the link's text
    size: int  # bytes
    problem: str  # why it could not be made, or ""


@dataclass(frozen=True)
class ExportsPage:
    course_code: str
    course_name: str
    downloads: tuple[Download, ...]
    # Where ``coursegen build --offline`` puts the SCORM package, in the course's folder. It is
    # written after MkDocs ran and only with --offline, so the page names it instead of
    # linking to it (a link would be broken in a build without --offline).
    scorm_path: str


def export_files(course: Course) -> tuple[dict[str, bytes], ExportsPage]:
    """Every export of the course (bank as taught, framework as published), and their page."""
    files: dict[str, bytes] = {}
    downloads = []
    for fmt in FORMATS.values():
        file = f"{slug(course.standard.code)}{fmt.suffix}"
        name = f"{EXPORTS_DIR}/{file}"
        try:
            files[name] = export_course(fmt.name, course)
        except ExportError as exc:
            downloads.append(Download(fmt.description, Trusted(""), "", 0, str(exc)))
            continue
        downloads.append(Download(fmt.description, Trusted(name), file, len(files[name]), ""))
    scorm_path = f"{EXPORTS_DIR}/{slug(course.standard.code)}{SCORM_SUFFIX}"
    page = ExportsPage(course.standard.code, course.title, tuple(downloads), scorm_path)
    return files, page


# --- the certification report ----------------------------------------------------------------


@dataclass(frozen=True)
class ReportPage:
    course_code: str
    course_name: str
    document: Document
    download: Trusted  # the report as ODT, among the exports
    download_file: str
    readiness: Trusted  # where its certification checks are listed


def report_page(course: Course, readiness_page: str) -> ReportPage:
    """iCAP's planning report as a printable page; the ODT is the same document."""
    file = f"{slug(course.standard.code)}{FORMATS[REPORT_FORMAT].suffix}"
    return ReportPage(
        course.standard.code,
        course.title,
        icap_report(course),
        Trusted(f"{EXPORTS_DIR}/{file}"),
        file,
        Trusted(f"{readiness_page}#certification"),
    )
