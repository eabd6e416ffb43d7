"""Every name of a file or folder the build reads or writes, in one place.

It imports nothing heavy: the warm MkDocs worker (``warm``) reads it too.

Under the project root::

    mkdocs.yml                      the trainer-facing base config every site INHERITs
    build/                          generated inputs and cached outputs (gitignored)
      theme/                        site_overrides/ without the courses' folders (custom_dir)
      catalogue/                    the catalogue target (see targets.py for a target's layout)
      courses/<code>/               one course target
      jinja/                        the theme's compiled templates (Jinja's bytecode cache)
      jieba/                        jieba's dictionary cache (not $TMPDIR)
      docs/ mkdocs.yml ...          the preview of everything (``coursegen serve``)
      .lock                         held by the build running now (a second one waits)
      .staging-*/                   a build's site/ being composed
    site/                           the published site; site/<code>/ each course's
"""

from __future__ import annotations

from generator.publish.files import OLD_SUFFIX as OLD_SUFFIX  # defined beside replace_tree

CONFIG_FILE = "mkdocs.yml"
BUILD_DIR = "build"
SITE_DIR = "site"
DOCS_DIR = "docs"
DICTIONARY_FILE = "search_terms.txt"
THEME_DIR = "theme"
JINJA_CACHE_DIR = "jinja"
JIEBA_CACHE_DIR = "jieba"
LOCK_FILE = ".lock"  # build/.lock: held by the one build running in this project
STAGING_PREFIX = ".staging-"  # build/.staging-XXXX/: a site being composed
NEW_PREFIX = ".new-"  # build/…/out/.new-<variant>-XXXX/: an output being built

# A target's folder (build/catalogue/ or build/courses/<code>/).
CATALOGUE = "catalogue"
COURSES = "courses"
OFFLINE_DIR = "offline"  # its offline variant's docs and config; in staging: the bundle
OUT = "out"  # its last outputs, out/<variant>/, and their records, out/<variant>.json

# What MkDocs writes into a site.
ASSETS = "assets"
SITEMAP = "sitemap.xml"
NOT_FOUND_PAGE = "404.html"

# The offline bundle.
OFFLINE_ZIP = "course-offline.zip"  # written into site/, so the published site offers it
BUNDLE_FOLDER = "course-offline"  # the one top-level folder inside the zip
SHIM_SOURCE = "assets/offline/iframe-worker.js"  # inside the generator package (inputs.py
# puts it in each offline docs dir, under our assets folder: SHIM_TARGET)
# Only a web server shows 404.html, and its links are absolute (/assets/…): not in the bundle.
SERVER_ONLY = (NOT_FOUND_PAGE,)
