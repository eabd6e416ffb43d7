"""A project read by several processes says exactly what one process says, in the same order.

``load_project`` reads the standards in forked processes (``generator.parallel``); a trainer
must not see other problems, or the same ones in another order, because of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.synthetic import code_of, make_project
from generator.diagnostics import errors
from generator.parallel import MIN_PER_PROCESS, fork_map
from generator.project import load_project

COURSES = 3 * MIN_PER_PROCESS  # enough for three processes to share the reading


def _project(root: Path) -> Path:
    """Synthetic standards, two of them broken, one a second copy of another's code, and a
    quiz edit naming a question that does not exist."""
    make_project(root, COURSES)
    standards = root / "content" / "standards"
    broken = standards / f"{code_of(2)}.yaml"
    broken.write_text(broken.read_text("utf-8").replace("duties:", "duties: [", 1), "utf-8")
    shutil.copy(standards / f"{code_of(4)}.yaml", standards / "Z-copy.yaml")  # read last
    quizzes = root / "quizzes"
    quizzes.mkdir()
    (quizzes / f"{code_of(7)}.yaml").write_text("disable:\n  - T9.9/knowledge-1\n", "utf-8")
    return root


def test_several_processes_find_what_one_finds_in_the_same_order(tmp_path: Path) -> None:
    root = _project(tmp_path)
    alone = load_project(root, workers=1)
    shared = load_project(root, workers=3)
    assert shared.diagnostics == alone.diagnostics
    assert shared.courses == alone.courses
    assert shared.rejected == alone.rejected
    # The files with errors, as written above, in the order a trainer reads them: the
    # standards' files in name order, then the courses' customisation.
    failing = [Path(d.file).name for d in errors(shared.diagnostics)]
    assert list(dict.fromkeys(failing)) == [
        f"{code_of(2)}.yaml",
        "Z-copy.yaml",
        f"{code_of(7)}.yaml",
    ]
    codes = [c.standard.code for c in shared.courses]
    assert codes == [code_of(i) for i in range(COURSES) if i != 2]


def test_fork_map_keeps_the_order_and_raises_what_the_function_raised() -> None:
    items = list(range(5 * MIN_PER_PROCESS))
    assert fork_map(_square, items, workers=2) == [i * i for i in items]
    try:
        fork_map(_fail_on_seven, items, workers=2)
    except ValueError as exc:
        assert str(exc) == "7"
    else:
        raise AssertionError("fork_map swallowed the exception")


def _square(number: int) -> int:
    return number * number


def _fail_on_seven(number: int) -> int:
    if number == 7:
        raise ValueError(str(number))
    return number
