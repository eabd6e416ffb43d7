"""No file from outside the project is ever published: symbolic links in trainer folders are
an error.

A link in ``site_overrides/`` (a course's ``files/`` or ``pages/``, or the theme) would be
followed when the site is built, publishing whatever it points to: ``/etc/passwd``, another
project's files, ``/proc/self/environ`` (the build's environment variables, secrets included).
Copying only links that point inside the project would be safe too, but a trainer cannot tell
the two apart by looking at a folder, and a copy works everywhere (Windows, zip, Git), so every
link is refused with its name and the fix.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Diagnostic


def symlink_problems(folder: Path, shown: str) -> list[Diagnostic]:
    """Every symbolic link under ``folder`` (files and folders alike), as an error naming it
    the way the trainer sees it (``shown`` is the folder's name)."""
    if folder.is_symlink():
        return [_problem(folder, shown)]
    found = []
    for current, folders, files in os.walk(folder):  # never follows links to folders
        base = Path(current)
        for name in sorted(folders + files):
            path = base / name
            if path.is_symlink():
                found.append(_problem(path, f"{shown}/{path.relative_to(folder).as_posix()}"))
    return found


def _problem(path: Path, shown: str) -> Diagnostic:
    target = os.readlink(path)
    return Diagnostic(
        shown,
        None,
        f"這是符號連結（指向 {target}），網站不收：建置會把它指向的檔案公開，"
        "可能是專案以外的檔案。請把檔案本身複製到這裡，取代這個連結。",
    )
