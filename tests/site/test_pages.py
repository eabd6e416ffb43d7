"""Every indicator, output, K, S and A of each standard appears on the page where it belongs.

Expectations come from the standards as loaded from the YAML, never from the generated output.
"""

from __future__ import annotations

import json
import re

from generator.model import Duty, RowGroup, Standard, Task
from generator.render.levels import LEVELS
from tests.site.conftest import Built
from tests.site.htmltools import normalize, parse


def text_of(site: Built, url: str) -> str:
    return parse(site.page(url)).text


def sections(html: str) -> dict[str, str]:
    """The HTML of each ``<h2 id=…>`` section of a page, by id."""
    parts = re.split(r'(?=<h2 id=")', html)
    found = {}
    for part in parts[1:]:
        match = re.match(r'<h2 id="([^"]+)"', part)
        assert match
        found[match.group(1)] = part
    return found


def row_contents(duty: Duty) -> list[Task | RowGroup]:
    """What holds the duty's outputs and indicators: each task alone, or its row's group once."""
    found: list[Task | RowGroup] = []
    for task in duty.tasks:
        group = next((g for g in duty.rows if task.code in g.tasks), None)
        if group is None:
            found.append(task)
        elif group.tasks[0] == task.code:
            found.append(group)
    return found


def test_catalogue_lists_every_course(any_site: Built) -> None:
    home = parse(any_site.page("/"))
    for standard in any_site.standards:
        assert normalize(standard.name) in home.text
        assert f"{standard.code}/" in home.links


def study_steps(html: str) -> list[str]:
    """The items of the course home's 「如何學習本課程」 list, as text."""
    section = html.split('id="how-to-study"')[1].split("</ol>")[0]
    return [re.sub(r"<[^>]+>", "", item) for item in section.split("<li>")[1:]]


def test_how_to_study_has_its_six_steps(any_site: Built) -> None:
    for standard in any_site.standards:
        steps = study_steps(any_site.page(f"/{standard.code}/"))
        assert len(steps) == 6
        assert steps[4].startswith("用職能矩陣總覽") and steps[5].startswith("全部單元學完後")


def test_the_progress_section_says_what_it_needs_without_javascript(any_site: Built) -> None:
    html = any_site.page(f"/{any_site.standards[0].code}/")
    section = html.split('id="progress"')[1].split('class="cg-progress"')[0]
    assert "<noscript><p>瀏覽器啟用 JavaScript 後，這裡會列出各單元的勾選數與測驗得分。" in section


def test_course_home_leads_with_the_course_and_its_map(any_site: Built) -> None:
    for s in any_site.standards:
        text = text_of(any_site, f"/{s.code}/")
        expected = [s.name, s.description]
        expected += [f"{d.code} {d.name}" for d in s.duties]
        expected += [f"{t.code} {t.name}" for t in s.tasks()]
        expected += [f"{o.code} {o.name}" for o in s.outputs()]
        expected += [f"{a.code} {a.name}" for a in s.attitudes]
        expected += [a.definition for a in s.attitudes if a.definition]
        missing = [e for e in expected if normalize(e) not in text]
        assert not missing, f"{s.code} course home lacks {missing}"
        ids = list(sections(any_site.page(f"/{s.code}/")))
        assert ids[:2] == ["course-map", "progress"]
        # The standard's facts are on their own page, not before the map.
        assert "versions" not in ids and "category" not in ids


def test_about_page_has_the_standard_s_facts(any_site: Built) -> None:
    for s in any_site.standards:
        text = text_of(any_site, f"/{s.code}/about/")
        expected = [s.code, s.name, s.description, s.category.job.name, s.category.job.code]
        expected += [c.name for c in (*s.category.occupations, *s.category.industries)]
        expected += [c.code for c in (*s.category.occupations, *s.category.industries)]
        expected += [f"{v.version} 版" for v in s.versions] + [v.code for v in s.versions]
        expected += list(s.notes)
        if s.level is not None:
            expected.append(LEVELS[s.level])
        missing = [e for e in expected if normalize(e) not in text]
        assert not missing, f"{s.code} about page lacks {missing}"


def test_module_pages_hold_their_duty(any_site: Built) -> None:
    for s in any_site.standards:
        for duty in s.duties:
            html = any_site.page(f"/{s.code}/{duty.code}/")
            page = parse(html)
            expected = [f"{duty.code} {duty.name}"]
            for task in duty.tasks:
                expected.append(f"{task.code} {task.name}")
            for row in row_contents(duty):
                expected += [f"{o.code} {o.name}" for o in row.outputs]
                expected += [f"{p.code} {p.text}" for p in row.indicators]
            for task in duty.tasks:
                expected += [f"{k} {s.knowledge_item(k).name}" for k in task.knowledge]
                expected += [f"{k} {s.skill_item(k).name}" for k in task.skills]
            expected += [f"{a.code} {a.name}" for a in s.attitudes]
            missing = [e for e in expected if normalize(e) not in page.text]
            assert not missing, f"{s.code} {duty.code} lacks {missing}"
            assert {t.code for t in duty.tasks} <= page.ids
            assert "quiz" in page.ids  # the place the module quiz will go


def test_objectives_one_line_per_task_linking_its_indicators_and_practice(
    any_site: Built,
) -> None:
    for s in any_site.standards:
        for duty in s.duties:
            objectives = sections(any_site.page(f"/{s.code}/{duty.code}/"))["objectives"]
            items = re.findall(r"<li>(.*?)</li>", objectives, flags=re.S)
            assert len(items) == len(duty.tasks)
            for item, task in zip(items, duty.tasks, strict=True):
                group = next((g for g in duty.rows if task.code in g.tasks), None)
                rubric = group.indicators if group else task.indicators
                first = group.tasks[0] if group else task.code
                shown = parse(item, whole=True)
                # After 「你將能夠：」, the task's name without a 能 of its own.
                words = normalize(task.name).removeprefix("能夠").removeprefix("能")
                assert shown.text.startswith(f"{task.code} {words}")
                assert [f"#{p.code}" for p in rubric] == shown.links[1:-1]
                assert shown.links[-1] == f"#{first}-practice"


def test_each_indicator_is_written_once_with_its_self_check_box(any_site: Built) -> None:
    for s in any_site.standards:
        for duty in s.duties:
            html = any_site.page(f"/{s.code}/{duty.code}/")
            text = parse(html).text
            for row in row_contents(duty):
                for p in row.indicators:
                    assert text.count(normalize(p.text)) == 1, (duty.code, p.code)
            boxes = re.findall(r'<input type="checkbox"[^>]*value="([^"]+)"', html)
            assert boxes == [p.code for r in row_contents(duty) for p in r.indicators]
            practised = {(r.tasks[0] if isinstance(r, RowGroup) else r.code) for r in row_contents(duty)}
            assert {f"{code}-practice" for code in practised} <= parse(html).ids


def test_previous_and_next_module(any_site: Built) -> None:
    for s in any_site.standards:
        codes = [d.code for d in s.duties]
        for i, code in enumerate(codes):
            links = parse(any_site.page(f"/{s.code}/{code}/")).links
            if i > 0:
                assert f"../{codes[i - 1]}/" in links
            if i + 1 < len(codes):
                assert f"../{codes[i + 1]}/" in links


def uses(standard: Standard, key: str, code: str) -> set[str]:
    return {t.code for t in standard.tasks() if code in getattr(t, key)}


def _task_anchors(section: str) -> set[str]:
    return set(re.findall(r'href="\.\./T\d+/#(T\d+\.\d+)"', section))


def test_knowledge_and_skill_entries_name_the_tasks_that_use_them(any_site: Built) -> None:
    for s in any_site.standards:
        for page, key, items in (
            ("knowledge", "knowledge", s.knowledge),
            ("skills", "skills", s.skills),
        ):
            html = any_site.page(f"/{s.code}/{page}/")
            found = sections(html)
            assert list(found) == [i.code for i in items]
            for item in items:
                shown = parse(found[item.code], whole=True).text
                assert shown.startswith(normalize(f"{item.code} {item.name}"))
                assert all(normalize(v) in shown for v in item.variants)
                assert _task_anchors(found[item.code]) == uses(s, key, item.code)


def test_attitude_entries_have_definitions_and_every_task(any_site: Built) -> None:
    for s in any_site.standards:
        found = sections(any_site.page(f"/{s.code}/attitudes/"))
        assert list(found) == [a.code for a in s.attitudes]
        for a in s.attitudes:
            shown = parse(found[a.code], whole=True).text
            assert shown.startswith(normalize(f"{a.code} {a.name}"))
            if a.definition:
                assert normalize(a.definition) in shown
            assert _task_anchors(found[a.code]) == {t.code for t in s.tasks()}


def test_matrix_marks_exactly_the_needed_items(any_site: Built) -> None:
    for s in any_site.standards:
        html = any_site.page(f"/{s.code}/matrix/")
        tables = re.findall(r"<table.*?</table>", html, flags=re.S)
        assert len(tables) == 2
        for table, key, items in zip(
            tables, ("knowledge", "skills"), (s.knowledge, s.skills), strict=True
        ):
            header = re.findall(r'<th scope="col"><a [^>]*>([^<]+)</a>', table)
            assert header == [i.code for i in items]
            rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", table, flags=re.S)
            # a task the standard writes in rows of different levels has a row per level
            tasks = [(t, r) for t in s.tasks() for r in (t.level_rows or (t,))]
            assert len(rows) == len(tasks)
            for row, (task, written) in zip(rows, tasks, strict=True):
                # Only cells: a paragraph in a row is invalid HTML, which browsers move out
                # of the table (cells written on one line used to come out inside one).
                assert "<p>" not in row
                cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
                marks = [i.code for i, cell in zip(items, cells[1:], strict=True) if "●" in cell]
                wanted = set(getattr(written, key))
                assert marks == [i.code for i in items if i.code in wanted]
                assert f"#{task.code}" in row
                outputs = parse(cells[0], whole=True).text
                group = s.row_group(task.code)
                listed = task.outputs if group is None else group.outputs
                if group is None or group.tasks[0] == task.code:
                    assert all(normalize(f"{o.code} {o.name}") in outputs for o in listed)


def test_matrix_links_in_its_html_are_the_addresses_mkdocs_writes(any_site: Built) -> None:
    """The tables are HTML (MkDocs does not rewrite their links); the list under each table is
    Markdown, whose links MkDocs turns into addresses: both lead to the same places."""
    for s in any_site.standards:
        html = any_site.page(f"/{s.code}/matrix/")
        for table, rest in re.findall(r"(<table.*?</table>)(.*?)(?=<h2|</article>)", html, re.S):
            in_table = re.findall(r'<th scope="col"><a href="([^"]+)"', table)
            under = re.findall(r'<a href="([^"]+)">', rest)
            assert in_table and in_table == under


def test_matrix_search_entries_hold_its_words_not_its_marks(seeds_site: Built) -> None:
    """A learner searches for a task or an item, never for 「●需要」: the marks stay on the page
    (for a screen reader too) but out of the search index."""
    for s in seeds_site.standards:
        html = seeds_site.page(f"/{s.code}/matrix/")
        needs = sum(k.code in t.knowledge for t in s.tasks() for k in s.knowledge)
        needs += sum(k.code in t.skills for t in s.tasks() for k in s.skills)
        assert html.count('<span class="cg-sr">需要</span>') == needs
        index = seeds_site.site / s.code / "search" / "search_index.json"
        docs = json.loads(index.read_text("utf-8"))["docs"]
        # jieba's cuts are zero-width spaces
        text = "".join(d["text"] for d in docs if d["location"].startswith("matrix/"))
        text = normalize(text.replace("\u200b", ""))
        assert "●需要" not in text and "● 需要" not in text
        for task in s.tasks():
            assert normalize(f"{task.code} {task.name}") in text
        for item in (*s.knowledge, *s.skills):
            assert normalize(f"{item.code} {item.name}") in text


# A line break inside a Chinese paragraph of Markdown becomes a space between two characters.
_STRAY_SPACE = re.compile("[\u4e00-\u9fff，。；：、）」]\\s+[\u4e00-\u9fff（「]")


def test_our_chinese_paragraphs_have_no_stray_spaces(seeds_site: Built) -> None:
    code = seeds_site.standards[0].code
    urls = ["/guide/", f"/{code}/exports/", f"/{code}/mapping/", f"/{code}/coverage/"]
    for standard in seeds_site.standards:  # the seeds' own texts have no such spaces either
        urls += [f"/{standard.code}/{page}" for page in ("", "knowledge/", "skills/")]
    for url in urls:
        paragraphs = re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", seeds_site.page(url), re.DOTALL)
        # Code is set apart by spaces on purpose: leave it out.
        texts = [re.sub(r"<[^>]+>", "", re.sub(r"<code>.*?</code>", "`", p)) for p in paragraphs]
        found = [m for text in texts for m in _STRAY_SPACE.findall(text)]
        assert not found, (url, found)


def test_the_header_shows_the_course_s_name_as_text(any_site: Built) -> None:
    for s in any_site.standards:
        for url in (f"/{s.code}/", f"/{s.code}/{s.duties[0].code}/", f"/{s.code}/about/"):
            html = any_site.page(url)
            header = html.split('class="md-header__topic"')[1].split("</div>")[0]
            assert normalize(s.name) in normalize(parse(header, whole=True).text)
            assert "<script>alert" not in html  # a name's markup stays text
