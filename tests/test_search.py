"""The search's build-time parts: the Traditional dictionary, the user dictionary, the
catalogue's index of every course. Expected values are read from the seed YAML files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from generator.load import load_standard
from generator.project import uncustomised
from generator.publish.inputs import mkdocs_config
from generator.search import (
    CATALOGUE_FOLDER,
    CATALOGUE_MANIFEST,
    SHARD_BYTES,
    catalogue_index_files,
    search_terms,
    traditional_dictionary,
)

STANDARDS = Path(__file__).resolve().parents[1] / "content" / "standards"
CODES = ("KPS5220-005v2", "KPS5294-001v3")
_PUSHED = re.compile(r"^\(window\.cgCatalogue=window\.cgCatalogue\|\|\[\]\)\.push\(\.\.\.(.*)\);$")


def _raw(code: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((STANDARDS / f"{code}.yaml").read_text("utf-8"))
    return data


def test_the_traditional_dictionary_knows_the_words_jieba_s_own_cut_apart() -> None:
    words = {
        line.split()[0]
        for line in traditional_dictionary().read_text("utf-8").splitlines()
        if line.strip()
    }
    assert len(words) > 300_000
    assert {"售後", "服務", "聯繫", "客戶", "客訴", "顧客", "關係", "績效", "保養"} <= words


def test_every_site_is_built_with_the_traditional_dictionary() -> None:
    for dictionary in (None, "/abs/search_terms.txt"):
        config = yaml.safe_load(mkdocs_config([], None, dictionary))
        options = config["plugins"]["search"]
        assert Path(options["jieba_dict"]) == traditional_dictionary()
        assert options.get("jieba_dict_user") == dictionary
        assert config["extra"]["polyfills"] == ["assets/coursegen/search.js"]


def test_user_dictionary_holds_outputs_attitudes_and_short_parts_of_names() -> None:
    raw = _raw("KPS5294-001v3")
    standard, _ = load_standard(STANDARDS / "KPS5294-001v3.yaml")
    terms = set(search_terms((standard,)))
    outputs = {o["name"] for d in raw["duties"] for t in d["tasks"] for o in t.get("outputs", [])}
    attitudes = {a["name"] for a in raw["attitudes"]}
    assert {t for t in outputs | attitudes if re.fullmatch(r"[\u4e00-\u9fff]{2,}", t)} <= terms
    names = [t["name"] for d in raw["duties"] for t in d["tasks"]]
    names += [i["name"] for i in (*raw["knowledge"], *raw["skills"])]
    parts = {p for n in names for p in re.split(r"[、，與及和或之的/（）()\s]+", n)}
    assert {p for p in parts if 2 <= len(p) <= 3} <= terms
    # Four characters and more are mostly several words: left to the dictionary.
    assert not {p for p in parts if len(p) >= 4} & (terms - outputs - attitudes)


def test_catalogue_index_holds_each_course_s_texts_with_links_into_it() -> None:
    courses = [uncustomised(load_standard(STANDARDS / f"{c}.yaml")[0]) for c in CODES]
    files = catalogue_index_files(courses)
    manifest = files.pop(CATALOGUE_MANIFEST).decode()
    assert manifest == f"window.cgCatalogueShards={json.dumps(sorted(files))};\n"
    entries = []
    for body in files.values():
        match = _PUSHED.match(body.decode().strip())
        assert match
        entries += json.loads(match.group(1))
    for code in CODES:
        raw = _raw(code)
        mine = {e["location"]: e for e in entries if e["location"].startswith(f"{code}/")}
        assert f"{code}/index.md" in mine
        for duty in raw["duties"]:
            module = mine[f"{code}/{duty['code']}.md"]
            assert duty["name"] in module["title"]
            for task in duty["tasks"]:
                assert task["name"] in module["text"]
                for indicator in task.get("indicators", []):
                    assert indicator["text"].strip() in module["text"]
        for page, key in (("knowledge", "knowledge"), ("skills", "skills")):
            assert all(i["name"] in mine[f"{code}/{page}.md"]["text"] for i in raw[key])
        assert all(a["name"] in mine[f"{code}/attitudes.md"]["text"] for a in raw["attitudes"])


def test_catalogue_index_is_sharded_by_whole_courses_and_deterministic() -> None:
    course = uncustomised(load_standard(STANDARDS / f"{CODES[0]}.yaml")[0])
    one = len(catalogue_index_files([course])[f"{CATALOGUE_FOLDER}/1.js"])
    many = [course] * (3 * SHARD_BYTES // one)
    files = catalogue_index_files(many)
    shards = {name: body for name, body in files.items() if name != CATALOGUE_MANIFEST}
    assert len(shards) >= 3
    assert all(len(body) <= SHARD_BYTES + 1024 for body in shards.values())
    assert files == catalogue_index_files(many)
