"""Golden file: the Markdown of one module page, reviewed by hand.

tests/site/golden/KPS5220-005v2-T1.md was checked line by line against the seed's own text
(/work/shared/seeds/KPS5220-005v2.txt, 主要職責 T1): the duty and task names, T1.1's empty
工作產出, O1.2.1 預約表, the nine indicators P1.1.1-P1.2.4 word for word, each written once (as
its task's self-check box; the objectives, one line per task, are the task's name after
「你將能夠：」 with no 「能」 added, and link the indicators by code), the levels (2), K01-K12 /
K01-K04, K06, K10 and S01-S08 / S01-S04, S08, S09 with their names (K04 keeps the source's own
「接待接待流程作業概論」; K11 and K12, the two laws, link to the national law database's search
by their names), and A01-A06 once.
If this test fails after a deliberate change, regenerate the file, review the diff the same
way, and say so in the commit.
"""

from __future__ import annotations

from pathlib import Path

from generator.load import load_standard
from generator.project import uncustomised
from generator.render.site import course_files
from tests.conftest import text_of
from tests.site.conftest import SEED_CONTENT

GOLDEN = Path(__file__).parent / "golden" / "KPS5220-005v2-T1.md"


def test_module_page_markdown_matches_the_reviewed_golden_file() -> None:
    standard, _ = load_standard(SEED_CONTENT / "standards" / "KPS5220-005v2.yaml")
    page = text_of(course_files(uncustomised(standard))["T1.md"])
    assert page == GOLDEN.read_text("utf-8")
