"""What PDF rendering may read: only an allowlist of the build's own files, by exact address.

WeasyPrint follows every URL in a document (images, stylesheets, fonts, attachments). Content is sanitized before
it reaches a sheet, but the fetcher is the second wall: fonts, content images and a school's logo are served
from the list below; every other `file:` path (`.git/config` holds a CI token, `/proc/self/environ` the build's
secrets) and every network address is refused.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


class AllowlistFetcher(URLFetcher):  # type: ignore[misc]
    def __init__(self, allowed: dict[str, str], **kwargs: Any) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, **kwargs)
        self.allowed = allowed

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        address = url.split("#", 1)[0].split("?", 1)[0]
        path = self.allowed.get(address)
        if path is None:
            raise ValueError(f"niet toegestaan voor een printblad: {url[:120]}")
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(address, Path(path).read_bytes(), {"Content-Type": mime})


def allowlist(font_dirs: list[Path], content_roots: list[Path], static: dict[str, str],
              extra: list[Path]) -> dict[str, str]:
    """Exact file URI -> path: every font file, every content image (at its address under each content root, as
    a relative link in a sheet resolves it), and the extra files (a school's logo)."""
    allowed: dict[str, str] = {}
    for folder in font_dirs:
        for font in sorted(folder.glob("*")) if folder.is_dir() else ():
            if font.is_file() and not font.is_symlink():
                allowed[font.resolve().as_uri()] = str(font.resolve())
    for uri, path in static.items():
        if uri.lower().endswith(IMAGE_SUFFIXES):
            for root in content_roots:
                allowed[(root / uri).as_uri()] = path
    for extra_file in extra:
        if extra_file.is_file() and not extra_file.is_symlink():
            allowed[extra_file.resolve().as_uri()] = str(extra_file.resolve())
    return allowed
