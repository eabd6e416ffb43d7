"""Every internal link and anchor of the built site resolves; nothing points off the site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.resources import LAW_SEARCH
from tests.site.conftest import Built
from tests.site.htmltools import Parsed, parse


def pages(site: Path) -> dict[str, Parsed]:
    """Every HTML page by its URL path (``/KPS5220-005v2/T2/``)."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        url = "/" + relative.removesuffix("index.html")
        found[url] = parse(path.read_text("utf-8"))
    return found


def target_path(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def test_every_internal_link_and_anchor_resolves(any_site: Built) -> None:
    site = any_site.site
    by_url = pages(site)
    broken = []
    for url, page in by_url.items():
        for href in page.links + page.sources:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # checked by test_no_link_leaves_the_site
            absolute = urlsplit(urljoin(f"http://site{url}", href))
            target = target_path(site, absolute.path)
            if not target.is_file():
                broken.append(f"{url}: {href} (no {target.relative_to(site)})")
                continue
            if absolute.fragment and target.suffix == ".html":
                known = by_url.get(absolute.path)
                ids = (known or parse(target.read_text("utf-8"))).ids
                if unquote(absolute.fragment) not in ids:
                    broken.append(f"{url}: {href} (no id {absolute.fragment})")
    assert not broken, "\n".join(broken)


def _off_site(href: str) -> bool:
    return urlsplit(href).scheme in ("http", "https") or href.startswith("//")


def test_no_link_leaves_the_site(any_site: Built) -> None:
    """Nothing is loaded from elsewhere; the only links away are the law database's searches
    offered for knowledge naming a law (followed only when a learner clicks one)."""
    outside = [
        f"{url}: {href}"
        for url, page in pages(any_site.site).items()
        for href in page.sources + [h for h in page.links if not h.startswith(LAW_SEARCH)]
        if _off_site(href)
    ]
    assert not outside, "\n".join(outside)


def test_urls_are_derived_from_codes(seeds_site: Built) -> None:
    for standard in seeds_site.standards:
        base = seeds_site.site / standard.code
        assert (base / "index.html").is_file()
        for duty in standard.duties:
            assert (base / duty.code / "index.html").is_file()
        for name in ("knowledge", "skills", "attitudes", "matrix"):
            assert (base / name / "index.html").is_file()
