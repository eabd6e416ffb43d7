"""The publishing code was rewritten (issue 16: a package and warm MkDocs workers); the site it
builds must not change by one byte. This builds the seeds (with ``--offline``: the zip too)
with the generator of the commit before the rewrite and with this tree, and compares.

``python -m benchmarks.same_output --sizes 10,50`` runs the same check on synthetic catalogues.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.same_output import compare

BEFORE_THE_REWRITE = "c153093"


def test_the_seeds_site_is_byte_identical_to_the_one_built_before_the_rewrite(
    tmp_path: Path,
) -> None:
    assert compare(BEFORE_THE_REWRITE, [], tmp_path) == []
