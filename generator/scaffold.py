"""``coursegen new CODE``: commented skeletons of a course's trainer files.

Pure: returns the files to create; the command creates only those that do not exist yet.
"""

from __future__ import annotations

import json

from generator.certification.plan import (
    ASSESSMENT_METHODS,
    ASSESSMENT_TOOLS,
    EQUIPMENT,
    METHODS,
    PLAN_FILE,
)
from generator.model import Duty, Standard
from generator.quiz.generate import build_bank
from generator.resources import RESOURCES_FILE


def skeleton_files(standard: Standard) -> dict[str, str]:
    """Paths (relative to the project) -> text of every trainer file for ``standard``."""
    folder = f"site_overrides/{standard.code}"
    files = {f"{folder}/course.yml": _course_settings(standard)}
    for duty in standard.duties:
        files[f"{folder}/{duty.code}.md"] = _module_additions(duty)
    files[f"{folder}/{RESOURCES_FILE}"] = _resources(standard)
    files[f"{folder}/{PLAN_FILE}"] = _plan(standard)
    files[f"quizzes/{standard.code}.yaml"] = _quiz_edits(standard)
    return files


def _course_settings(standard: Standard) -> str:
    modules = ", ".join(d.code for d in standard.duties)
    hours = ", ".join(f"{d.code}: 3" for d in standard.duties)
    first_task = next(standard.tasks()).code
    return f"""\
# {standard.code} {standard.name}：課程設定
# 每一行都可以刪掉或保留註解（#）；沒寫的項目使用預設值。改完執行 coursegen validate 檢查。

# 課程名稱（預設為職能基準名稱）。依 iCAP 職能導向課程名稱審查原則，不可使用「職能基準」
# 「職能單元」「職能課程」「職能地圖」「職能模型」、職能級別或認證、證照、證明、能力鑑定等字樣；
# 不教全部單元或工作任務時，也不可用職業或職務名稱（例如職能基準名稱）當課程名稱。
# title: {standard.name}實務
# subtitle: 依職能基準 {standard.code} 規劃
# organization: ○○職業訓練中心
# trainer: ○○○ 老師

# 要教的單元（主要職責）及順序；預設全部，依職能基準順序。
# modules: [{modules}]

# 每個單元的時數。
# hours: {{{hours}}}

# 不教的工作任務：它的內容、題目都不會出現在網站上。
# hidden_tasks: [{first_task}]

# 測驗：及格分數（0–100，預設 60）與每份測驗最多題數（預設全部）。
# quiz:
#   pass_mark: 60
#   questions: 10

# 其他可以放在這個資料夾的檔案：
#   T1.md … 各單元的補充內容與練習情境（見各檔說明）
#   resources.yml  知識與技能的學習資源（見該檔說明）
#   plan.yml    課程規劃：iCAP 職能導向課程規劃與執行報告書需要的資料（見該檔說明）
#   pages/*.md  額外的頁面，會加在課程導覽的最後
#   files/      圖片與講義；在 T1.md 裡寫 ![說明](files/圖片.png) 或 [講義](files/講義.pdf)
"""


def _module_additions(duty: Duty) -> str:
    tasks = "\n\n".join(
        f"## {t.code} 練習\n\n<!-- 「{t.code} {t.name}」的練習情境與材料：一個真實的工作情況、"
        "要用的資料或表單（放在 files/）。 -->\n\n"
        f"## {t.code}\n\n<!-- 放在「{t.code} {t.name}」一節之後的內容，例如案例或操作示範。 -->"
        for t in duty.tasks
        if t.shares_with is None
    )
    return f"""\
<!--
{duty.code} {duty.name}：講師的補充內容。
每一段以「## 位置」開頭：「## 導入」放在學習目標之前，「## 工作任務代碼 練習」放在該工作任務的
練習開頭（情境與材料），「## 工作任務代碼」放在該工作任務之後，「## 活動」放在單元最後。
可以使用 Markdown、提示框（!!! note）、圖片與連結。
沒有寫內容的段落不會出現在網站上。
-->

## 導入

<!-- 單元的開場：為什麼要學、和工作的關係。 -->

{tasks}

## 活動

<!-- 課堂活動、演練或作業。 -->
"""


def _resources(standard: Standard) -> str:
    knowledge = standard.knowledge[0].code if standard.knowledge else "K01"
    skill = standard.skills[0].code if standard.skills else "S01"
    task = next(standard.tasks()).code
    return f"""\
# {standard.code} {standard.name}：學習資源
# 每項資源寫：title（名稱）、kind（閱讀、影片、法規、範例、練習）、url（網址）或 file
# （files/ 資料夾中的檔案，二選一），以及 serves（它服務的知識、技能或工作任務代碼）。
# 資源會出現在需要那些知識、技能的每個工作任務，以及知識、技能頁。
# coursegen status {standard.code} 會列出還沒有資源的知識與技能。

# resources:
#   - title: 主題導讀
#     kind: 閱讀
#     url: https://example.org/reading
#     serves: [{knowledge}]
#   - title: 表單範本
#     kind: 範例
#     file: 表單範本.pdf
#     serves: [{skill}, {task}]
#     note: 練習時使用
"""


def _plan(standard: Standard) -> str:
    duty = standard.duties[0]
    tasks = [t for t in duty.tasks if t.shares_with is None]
    first = tasks[0]
    k = first.knowledge[0] if first.knowledge else "K01"
    s = first.skills[0] if first.skills else "S01"
    split = (
        f"""
#   # 把一個主要職責分成兩個單元：各寫 tasks（也可以用 indicators 只引用部分行為指標）
#   - module: {duty.code}
#     name: 第二個單元的名稱
#     tasks: [{tasks[1].code}]
#     hours: 1"""
        if len(tasks) > 1
        else ""
    )
    only_first = f"\n#     tasks: [{first.code}]" if split else ""
    return f"""\
# {standard.code} {standard.name}：課程規劃
# iCAP「職能導向課程規劃與執行報告書」需要、而職能基準沒有的資料。報告書由
# 「coursegen export {standard.code} --format icap-report」產生（ODT），講師專區的
# 「職能導向課程規劃與執行報告書」頁也有同樣內容；「coursegen status {standard.code}」的
# 「iCAP 課程認證檢查」列出還缺什麼、哪裡不符審查規則。
# 每一項都可以不寫：沒寫的欄位在報告書中標示「尚未填寫」。改完執行 coursegen validate 檢查。

# 課程名稱英文（只在發放英文證書時填寫；填了之後，表1、表3 的英文欄也要填）：
# title_en: Course name in English
# task_names_en:
#   {first.code}: Task name in English

# 壹、課程資訊（訓練需求、課程簡介、課程目的各不超過 1000 字；用「|」可以寫好幾行）：
# training_need: |
#   工作現場的問題、人力缺口或法規與趨勢，並附數據來源。
# summary: 課程架構、單元、時數分配與特色。
# purpose: 學員完訓後能做到什麼、在什麼情境使用。
# audience: 主要對象（參訓資格），例如：從事本職務 1 年以內的人員。
# prerequisites: 先備條件，例如：具備基本電腦操作能力。

# 課程（單元）：預設每個主要職責一個單元，名稱是主要職責名稱，時數是 course.yml 的 hours。
# 每個單元可以寫：
# ・name 單元名稱（表2–表11 都用這個名稱）、hours 時數（一個主要職責分成幾個單元時必填）
# ・objectives 教學／訓練目標（預設依工作任務與行為指標草擬「完訓學員能…」）
# ・outline 課程大綱：每段的 minutes 分鐘、activity 活動、covers 涵蓋的知識技能代碼、
# 　mode（課堂、實作、線上；預設課堂）；分鐘合計要等於 60 × 時數
# ・methods 教學方法：{"、".join(m.removesuffix("教學") for m in METHODS)}，或「其他：說明」
# ・materials 教材（預設是 resources.yml 中服務這個單元的資源）
# ・equipment 教具／設備：{"、".join(EQUIPMENT)}，或「其他：說明」
# ・assessment 評量：methods 方式（{"、".join(ASSESSMENT_METHODS)}）
# 　與 tools 工具（{"、".join(ASSESSMENT_TOOLS)}）；預設依課程實際有的測驗與觀察評量檢核表
# ・staff 師資條件（寫資格，不寫姓名）：instructor 授課教師、assessor 評量人員、
# 　assistant 課程協助人員
# ・evidence 學習成果證據項目（預設依工作產出、檢核表與測驗）
# units:
#   - module: {duty.code}
#     name: {duty.name or duty.code}{only_first}
#     hours: 3
#     outline:
#       - {{minutes: 60, activity: 講解與示範, covers: [{k}, {s}]}}
#       - {{minutes: 120, activity: 分組演練, covers: [{s}], mode: 實作}}
#     methods: [講述, 示範, 演練]
#     equipment: [電腦設備, 投影設備]
#     staff:
#       instructor: 具本職務實務經驗 5 年以上
#       assessor: 具本職務實務經驗 5 年以上，且非本單元授課教師{split}

# 表12 結訓標準（寫「通過」或具體的標準；不寫時報告書依測驗及格分數與檢核表提出建議）：
# completion:
#   written: 總測驗 70 分以上
#   practical: 觀察評量檢核表各項行為指標均達成
#   other: 出席率 80% 以上
"""


def _quiz_edits(standard: Standard) -> str:
    task = next(standard.tasks())
    duty = standard.duties[0]
    bank = build_bank(standard).questions
    # A question that asks what is needed, so that the example reads the same way round.
    example = next(q for q in bank if q.relation and not q.relation.negated)
    unused = bank[-1]
    return f"""\
# {standard.code} {standard.name}：題目自訂
# 題目代號可用 coursegen quiz show {standard.code} 查詢。改完執行 coursegen validate 檢查。

# 不使用的自動產生題目：
# disable:
#   - {unused.id}

# 改寫自動產生題目的題幹或解析（答案不變，所以意思也不能變，例如「需要」不能改成「不需要」）：
# reword:
#   {example.id}:
#     stem: {json.dumps(example.stem, ensure_ascii=False)}

# 自己的題目（single 單選、multiple 複選、true_false 是非）：
# add:
#   - id: {standard.code}/own/1
#     type: single
#     task: {task.code}
#     stem: 題目內容
#     options:
#       - {{text: 正確的選項, correct: true}}
#       - {{text: 錯誤的選項, correct: false}}
#       - {{text: 另一個錯誤的選項, correct: false}}
#     explanation: 為什麼這個答案正確。
#   - id: {standard.code}/own/2
#     type: true_false
#     duty: {duty.code}
#     stem: 一句可以判斷對錯的敘述。
#     options:
#       - {{text: 正確, correct: true}}
#       - {{text: 錯誤, correct: false}}
"""
