"""The built site as one zip file: for a school's own web server, or to copy onto a laptop for a workshop."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # the same bytes for the same site


def make_zip(root: Path, site: Path, out: Path) -> str:
    site = site if site.is_absolute() else root / site
    out = out if out.is_absolute() else root / out
    if not (site / "index.html").is_file():
        return f"er is geen gebouwde site in {site}; bouw eerst met `make site`"
    tmp = out.with_suffix(out.suffix + ".tmp")
    count = 0
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and not path.is_symlink():
                info = zipfile.ZipInfo(path.relative_to(site).as_posix(), FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
                count += 1
    os.replace(tmp, out)
    return f"Geschreven: {out} ({count} bestanden); pak het uit in de webmap van je server"
