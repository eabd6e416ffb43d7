"""Publishing: from the loaded courses to ``site/`` (``coursegen build`` and ``serve``).

The modules read in the order a build runs them (``build.build_site`` calls them in this order):

1. ``targets``: what to build: one MkDocs site per course plus one for the catalogue.
2. ``inputs``: each target's docs files, search dictionary and MkDocs configs written under
   ``build/`` (the only place MkDocs configs are made).
3. ``cache``: the hashes that let an unchanged target's output be reused.
4. ``jobs`` and ``worker``: ``--jobs`` processes render each site and hand it to a warm MkDocs
   worker, which forks one child per build (``warm`` is that worker's own process).
5. ``compose``: ``site/`` made of the outputs (hard links), in staging, swapped in at the end.
6. ``bundle``: the offline zip.

``serve`` previews the site; ``files`` writes atomically; ``paths`` names every file and folder.
"""

from __future__ import annotations


class BuildFailed(Exception):
    """A build step failed; the message, in Traditional Chinese, says which and why."""
