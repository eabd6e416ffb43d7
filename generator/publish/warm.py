"""The warm MkDocs worker process (started by ``worker``).

Starting MkDocs costs more than most courses' builds: importing MkDocs, Material and Markdown's
extensions, and loading jieba's dictionary (~0.65 CPU s of a course's ~1.4 s). This process
pays it once, then builds each site it is asked for in a child forked from itself (after
``gc.freeze()``, so the children share its memory instead of copying it).

One child per build, not one MkDocs run after another in this process: MkDocs and its plugins
keep global state between builds (jieba's tokenizer keeps every user dictionary it loaded, so a
course's search index would depend on which courses were built before it; MkDocs' duplicate
message filter hides a repeated warning; ``SOURCE_DATE_EPOCH`` is read per call). A child starts
from this process's clean state every time and runs exactly what ``mkdocs build --strict`` runs.

The child also:

- caches the theme's compiled templates under ``build/jinja/`` (Jinja's bytecode cache, checked
  against each template's source, so it can never serve a stale one);
- when asked (a course), does not write the theme's files (``assets/``: Material's ~2.6 MB, ours,
  the trainer's) at all, since a course's pages use the catalogue's copy; either way it reports
  their digest, which composing checks against the catalogue's.

Usage: ``python -m generator.publish.warm BUILD_DIR PARENT_PID``. Protocol: one JSON request
per line on stdin, one JSON reply per line on stdout; the end of stdin ends this process. It
and its children die with their parent (``lifetime``).
"""

from __future__ import annotations

import gc
import importlib
import json
import logging
import os
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.parallel import leave_interrupts_to_parent
from generator.publish.files import digest
from generator.publish.lifetime import die_with_parent
from generator.publish.paths import ASSETS, JIEBA_CACHE_DIR, JINJA_CACHE_DIR
from generator.search import traditional_dictionary

CRASHED = 70  # a child's exit status when it failed outside MkDocs' own error handling


# Imported here once rather than in every child: MkDocs, Material's theme and plugins, and the
# Markdown extensions of our base mkdocs.yml (a trainer's others are imported by each child).
WARM_MODULES = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.theme",
    "material.plugins.search.plugin",
    "material.plugins.offline.plugin",
    "markdown.extensions.attr_list",
    "markdown.extensions.md_in_html",
    "markdown.extensions.admonition",
    "markdown.extensions.tables",
    "markdown.extensions.toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
)


def warm_up(build: Path) -> None:
    """Import what every build needs, load jieba's dictionary, cache the theme's templates."""
    for name in WARM_MODULES:
        importlib.import_module(name)
    _load_jieba(build / JIEBA_CACHE_DIR)
    _cache_templates(build / JINJA_CACHE_DIR)
    _list_theme_once()


def _load_jieba(cache: Path) -> None:
    """The Traditional dictionary every site's config names (``search.jieba_dict``), loaded
    once; jieba's own cache file kept in build/, not in $TMPDIR."""
    jieba: Any = importlib.import_module("jieba")
    cache.mkdir(parents=True, exist_ok=True)
    # Not its "Building prefix dict" lines on every build, nor its traceback when the cache
    # cannot be written (a full disk): the cache only saves time, the build says what failed.
    jieba.setLogLevel(logging.CRITICAL)
    jieba.dt.tmp_dir = str(cache)
    jieba.set_dictionary(str(traditional_dictionary()))
    jieba.initialize()
    _keep_loaded_dictionary(jieba)
    _remember_cuts(jieba)


def _keep_loaded_dictionary(jieba: Any) -> None:
    """Setting the dictionary this process already loaded keeps it loaded.

    Material's search plugin calls ``set_dictionary`` in every build, which would make each
    child load the same dictionary again (~0.5 CPU s). This process has loaded no user
    dictionary, so what a child starts from is exactly what a fresh load would give; the user
    dictionary the plugin loads next is added to it as it would be to a fresh one.
    """
    tokenizer = jieba.dt
    plain = tokenizer.set_dictionary
    loaded = tokenizer.dictionary

    def set_dictionary(path: str) -> None:
        if not (tokenizer.initialized and os.path.abspath(path) == loaded):
            plain(path)

    tokenizer.set_dictionary = set_dictionary
    # The plugin calls the module's function, which jieba bound to the tokenizer at import:
    # replacing only the method left every child loading the dictionary again (~0.8 CPU s).
    jieba.set_dictionary = set_dictionary


def _remember_cuts(jieba: Any) -> None:
    """Cut each text once per build: the search plugin cuts every run of Han characters of
    every section, and a course repeats the same ones (its K, S and task names on many pages):
    ~4,000 cuts of ~400 texts, ~0.15 CPU s a course.

    A cut depends only on the text and the dictionary, so a remembered cut is the cut: each is
    remembered with the main dictionary it was cut with, and every word a user dictionary adds
    (through ``add_word``) forgets them all. Each child starts with none: this process never
    cuts.
    """
    tokenizer = jieba.dt
    cuts: dict[tuple[Any, ...], tuple[str, ...]] = {}
    plain_cut, plain_add = tokenizer.cut, tokenizer.add_word

    def cut(sentence: Any, *args: Any, **kwargs: Any) -> Any:
        key = (tokenizer.dictionary, sentence, args, tuple(sorted(kwargs.items())))
        if key not in cuts:
            cuts[key] = tuple(plain_cut(sentence, *args, **kwargs))
        return iter(cuts[key])

    def add_word(*args: Any, **kwargs: Any) -> Any:
        cuts.clear()
        return plain_add(*args, **kwargs)

    # Instance attributes, which jieba's own methods call (load_userdict calls self.add_word),
    # and the module's functions, which jieba bound to the tokenizer's methods at import.
    tokenizer.cut = jieba.cut = cut
    tokenizer.add_word = jieba.add_word = add_word


def _cache_templates(templates: Path) -> None:
    """Every Jinja environment MkDocs makes for the theme keeps its compiled templates in
    ``templates`` (checked against each template's source before use)."""
    import jinja2
    import mkdocs.theme

    templates.mkdir(parents=True, exist_ok=True)
    bytecode = jinja2.FileSystemBytecodeCache(str(templates))
    plain_env = mkdocs.theme.Theme.get_env

    def get_env(theme: mkdocs.theme.Theme) -> jinja2.Environment:
        env = plain_env(theme)
        env.bytecode_cache = bytecode
        return env

    mkdocs.theme.Theme.get_env = get_env  # type: ignore[method-assign,assignment]


def _list_theme_once() -> None:
    """List each theme folder's files once per process, Material's before forking.

    MkDocs asks Jinja for every file of the theme folders (Material's: ~14,500, mostly icons) to
    find the theme's static files: a walk of the whole tree in every build. The folders do not
    change during a build (build/theme/ is written before any site is built, and this process
    lives for one build), so each is listed once, by Jinja's own code, and the list reused.

    The list leaves out what MkDocs' filter always drops (its patterns ``.*`` and ``*/.*``: a
    file or folder whose name starts with a dot, such as Material's ``.icons/``), so that the
    filter's fnmatch runs over ~160 names instead of ~14,500 in every build. The listing has no
    other reader in a build (MkDocs' ``Files.add_files_from_theme`` is its only caller).
    """
    import jinja2
    from mkdocs.utils import get_theme_dir

    plain_list = jinja2.FileSystemLoader.list_templates
    listed: dict[tuple[str, bool], list[str]] = {}

    def listing(folder: str, followlinks: bool) -> list[str]:
        key = (folder, followlinks)
        if key not in listed:
            every = plain_list(jinja2.FileSystemLoader([folder], followlinks=followlinks))
            listed[key] = [name for name in every if not _hidden(name)]
        return listed[key]

    def list_templates(loader: jinja2.FileSystemLoader) -> list[str]:
        found = {
            name for folder in loader.searchpath for name in listing(folder, loader.followlinks)
        }
        return sorted(found)

    jinja2.FileSystemLoader.list_templates = list_templates  # type: ignore[method-assign,assignment]
    listing(get_theme_dir("material"), False)


def _hidden(name: str) -> bool:
    """A theme file MkDocs never copies: in or under a folder, or named, with a leading dot."""
    return any(part.startswith(".") for part in name.split("/"))


def _theme_files(detach: bool, found: list[tuple[str, bytes]]) -> None:
    """Note every file MkDocs copies into ``assets/``; with ``detach``, copy none of them."""
    from mkdocs.structure.files import File

    plain_copy: Callable[[File, bool], None] = File.copy_file

    def copy_file(file: File, dirty: bool = False) -> None:
        if file.dest_uri.startswith(f"{ASSETS}/"):
            found.append((file.dest_uri, _content(file)))
            if detach:
                return
        plain_copy(file, dirty)

    File.copy_file = copy_file  # type: ignore[method-assign,assignment]


def _content(file: Any) -> bytes:
    content = file._content
    if content is None:
        return Path(file.abs_src_path).read_bytes()
    return content.encode("utf-8") if isinstance(content, str) else bytes(content)


def _child(request: dict[str, Any], output: int, result: int) -> int:
    """Run ``mkdocs build --strict`` as asked; its exit status."""
    from mkdocs.__main__ import cli

    os.dup2(output, 1)
    os.dup2(output, 2)
    os.environ["SOURCE_DATE_EPOCH"] = request["epoch"]
    # A child lives for one build and what it allocates has few cycles (measured: a course's
    # build peaks ~6 MB higher), so the cyclic collector only costs time (~5 % of a build).
    gc.disable()
    found: list[tuple[str, bytes]] = []
    _theme_files(bool(request["detach"]), found)
    args = ["build", "--strict", "-f", request["config"], "-d", request["into"]]
    try:
        cli.main(args=args, prog_name="mkdocs")
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    if status == 0:
        prefix = len(ASSETS) + 1  # the digest is of the paths under assets/
        theme = digest((name[prefix:], content) for name, content in found)
        os.write(result, json.dumps({"assets": theme}).encode())
    return status


def build(request: dict[str, Any]) -> dict[str, Any]:
    """Fork a child for one build; what it printed, its status, CPU time and theme digest."""
    output_r, output_w = os.pipe()
    result_r, result_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.monotonic()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        status = CRASHED
        try:
            die_with_parent(parent)
            os.close(output_r)
            os.close(result_r)
            status = _child(request, output_w, result_w)
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(status)
    os.close(output_w)
    os.close(result_w)
    with os.fdopen(output_r, "rb") as printed:
        text = printed.read().decode("utf-8", "replace")
    with os.fdopen(result_r, "rb") as reply:
        found = reply.read()
    _, wait_status, usage = os.wait4(pid, 0)
    ended = time.monotonic()
    return {
        "status": os.waitstatus_to_exitcode(wait_status),
        "output": text,
        "cpu": usage.ru_utime + usage.ru_stime,
        "started": started,
        "ended": ended,
        **(json.loads(found) if found else {"assets": ""}),
    }


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    die_with_parent(int(sys.argv[2]))
    leave_interrupts_to_parent()
    warm_up(Path(sys.argv[1]))
    gc.collect()
    gc.freeze()  # the children share these objects' pages instead of copying them
    reported = 0.0
    for line in sys.stdin:
        reply = build(json.loads(line))
        own = _own_cpu()
        reply["own_cpu"], reported = own - reported, own  # start-up and forking, once each
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
