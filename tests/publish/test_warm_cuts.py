"""The warm worker remembers jieba's cuts within a build: what it returns is what jieba itself
cuts, before and after a user dictionary adds words (the search index a learner searches is
made of these cuts).

The worker's jieba is set up in a process of its own (it changes jieba's module), and compared
with a separate ``jieba.Tokenizer`` on the same dictionary, which nothing of ours touches.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jieba  # type: ignore[import-untyped]

from generator.search import traditional_dictionary

TEXTS = ["顧客關係維護概論", "執行預約服務時需要的知識", "顧客關係維護概論", "估時估價報價能力"]
WORDS = ["維護概論", "估價報價"]  # added by the user dictionary, as the search plugin does

_WORKER = """
import json, sys
import jieba
from generator.publish.warm import _load_jieba
texts, words, cache = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
_load_jieba(__import__("pathlib").Path(cache))
before = [list(jieba.cut(text)) for text in texts]
again = [list(jieba.cut(text)) for text in texts]
for word in words:
    jieba.add_word(word)
after = [list(jieba.lcut(text)) for text in texts]
print(json.dumps({"before": before, "again": again, "after": after}, ensure_ascii=False))
"""


def _warm_cuts(tmp_path: Path) -> dict[str, list[list[str]]]:
    done = subprocess.run(
        [sys.executable, "-c", _WORKER, json.dumps(TEXTS), json.dumps(WORDS), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, list[list[str]]] = json.loads(done.stdout)
    return found


def test_remembered_cuts_are_jieba_s_own_before_and_after_words_are_added(
    tmp_path: Path,
) -> None:
    warm = _warm_cuts(tmp_path)
    fresh = jieba.Tokenizer(str(traditional_dictionary()))
    fresh.tmp_dir = str(tmp_path)
    assert warm["before"] == [list(fresh.cut(text)) for text in TEXTS]
    assert warm["again"] == warm["before"]
    for word in WORDS:
        fresh.add_word(word)
    expected = [list(fresh.cut(text)) for text in TEXTS]
    assert warm["after"] == expected
    # The added words do change the cuts: a remembered cut from before would be wrong.
    assert expected != warm["before"]
