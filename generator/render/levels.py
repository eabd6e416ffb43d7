"""What each iCAP 職能級別 (1-6) means, shown next to a course's 基準級別 and task levels.

The wording follows iCAP's 職能級別說明 table (職能基準級別 1-6, 勞動部勞動力發展署) as we
recall it; it was not checked character by character against icap.wda.gov.tw in this repository,
so treat it as a faithful paraphrase and correct it here if the official table differs.
"""

from __future__ import annotations

LEVELS: dict[int, str] = {
    1: "能夠在可預計及有規律的情況中，在密切監督及清楚指示下，執行常規性及重複性的工作；"
    "通常不需要特殊訓練、教育及專業知識與技術。",
    2: "能夠在大部分可預計及有規律的情況中，在經常性監督下，按指導進行需要某些判斷及理解性"
    "的工作；需具備基本知識、技術。",
    3: "能夠在部分變動及非常規性的情況中，在一般監督下，獨立完成工作；需要一定程度的專業"
    "知識與技術及少許的判斷能力。",
    4: "能夠在經常變動的情況中，在少許監督下，獨立執行涉及規劃設計且需要熟練技巧的工作；"
    "需要具備相當的專業知識與技術，及作判斷及決定的能力。",
    5: "能夠在複雜變動的情況中，在最少監督下，自主完成工作；需要具備應用、整合、系統化的"
    "專業知識與技術及策略思考與判斷能力。",
    6: "能夠在高度複雜變動的情況中，應用整合的專業知識與技術，獨立完成專業與創新的工作；"
    "需要具備策略思考、決策及原創能力。",
}


def describe_level(level: int | None) -> str:
    """The meaning of ``level``, or a note that the standard leaves it open."""
    if level is None:
        return "職能基準未訂定此項的級別。"
    return LEVELS.get(level, f"級別 {level} 不在 iCAP 的 1 至 6 級之內。")
