"""The built site as one zip file: for a school's own web server, and to open from disk on a laptop without network.

A page opened from disk (file://) does not turn a link to a folder ('activiteiten/x/') into that folder's
index.html, as a web server does. In the zip, every relative link to a folder therefore names 'index.html'
explicitly: that works from disk and on any web server. The published site keeps its directory URLs.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # the same bytes for the same site
DOWNLOAD = "download/leidraad-site.zip"
LINK = re.compile(r"""(\s(?:href|src)=)(["'])([^"'#?]*?)([?#][^"']*)?\2""")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def _offline(html: str) -> str:
    def fix(match: re.Match[str]) -> str:
        attribute, quote, path, rest = match.group(1), match.group(2), match.group(3), match.group(4) or ""
        if SCHEME.match(path) or (not path and rest.startswith("#")):
            return match.group(0)
        if path in ("", "."):
            path = "index.html"
        elif path == "..":
            path = "../index.html"
        elif path.endswith("/"):
            path += "index.html"
        return f"{attribute}{quote}{path}{rest}{quote}"

    return LINK.sub(fix, html)


def write_zip(site: Path, target: Path) -> int:
    """Zip site/ into target (skipping the download folder itself); HTML links made to work from disk."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    count = 0
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            name = path.relative_to(site).as_posix()
            if not path.is_file() or path.is_symlink() or name.startswith("download/") or name.endswith(".tmp"):
                continue
            data = path.read_bytes()
            if path.suffix == ".html":
                data = _offline(data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
            count += 1
    os.replace(tmp, target)
    return count


def make_zip(root: Path, site: Path, out: Path) -> str:
    site = site if site.is_absolute() else root / site
    out = out if out.is_absolute() else root / out
    if not (site / "index.html").is_file():
        return f"er is geen gebouwde site in {site}; bouw eerst met `make site`"
    count = write_zip(site, out)
    return (f"Geschreven: {out} ({count} bestanden). Pak het uit in de webmap van je server, of open index.html "
            "rechtstreeks vanaf je schijf: ook zonder netwerk werken de pagina's, de zoekfunctie en de zoeker.")
