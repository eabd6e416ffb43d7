"""iCAP's rule for the names of competency-based courses, checked on a course's title.

Source: 勞動部勞動力發展署「職能導向課程名稱審查原則」, as amended 2021-05-17
(發能字第1103600840號). Paraphrased: a title must not use the words of the competency system
(職能基準, 職能單元, 職能課程, 職能地圖, 職能模型), must not state a competency level, must not
suggest a qualification (認證, 證照, 證明, 能力鑑定), and a course that does not build the whole
capability of an occupation or job must not take that occupation's or job's name as its title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

RULE_SOURCE = "職能導向課程名稱審查原則（2021 年 5 月 17 日修正，發能字第1103600840號）"

WORDS_RULE = (
    f"依 iCAP {RULE_SOURCE}，課程名稱不可使用「職能基準」「職能單元」「職能課程」「職能地圖」"
    "「職能模型」等字詞，不可標示職能級別，也不可出現認證、證照、證明、能力鑑定等字樣"
)
_BANNED = re.compile(
    r"職能基準|職能單元|職能課程|職能地圖|職能模型|認證|證照|證明|能力鑑定|"
    r"(?:第\s*[1-6一二三四五六]\s*級)|(?:[1-6一二三四五六]\s*級)|級別|Level\s*[1-6]",
    re.IGNORECASE,
)


def breaks_word_rule(title: str) -> bool:
    return bool(_BANNED.search(title))


def occupation_named(title: str, names: Iterable[str]) -> str | None:
    """The occupation's or job's name that ``title`` takes, if any (spaces ignored)."""
    plain = re.sub(r"\s+", "", title)
    for name in names:
        bare = re.sub(r"\s+", "", name)
        if len(bare) >= 2 and bare in plain:
            return name
    return None


def partial_course_warning(title: str, name: str, left_out: str, own_title: bool) -> str:
    """Why a course that leaves part of the standard out cannot bear the occupation's name."""
    fix = (
        "請改用描述所教內容的名稱"
        if own_title
        else "請在 course.yml 以 title 設定描述所教內容的名稱"
    )
    return (
        f"課程{left_out}，沒有培養職能基準的完整能力，課程名稱「{title}」卻是職業或職務名稱"
        f"「{name}」：依 iCAP {RULE_SOURCE}，這樣的課程不可以職業或職務名稱為課程名稱。{fix}。"
    )
