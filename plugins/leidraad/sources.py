"""Resolve the content layers: a school's overlay (lokaal/content) is looked up before upstream content/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

UPSTREAM = "upstream"
LOKAAL = "lokaal"
OVERLAY_DIR = "lokaal"
IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db", "__pycache__"}


@dataclass(frozen=True)
class SourceFile:
    """One file of the content tree after layering."""

    src_uri: str  # posix path relative to the content folder
    path: Path  # absolute path on disk
    layer: str  # UPSTREAM or LOKAAL
    display: str  # path as editors see it, relative to the repository root
    replaces: str | None = None  # display path of the upstream file this overlay file replaces


@dataclass(frozen=True)
class Layers:
    """Where content lives: the repository root, the content folder and the overlay's content folder."""

    root: Path
    content: Path
    overlay: Path

    @classmethod
    def at(cls, root: Path, content_dir: str = "content") -> Layers:
        root = root.resolve()
        content = (root / content_dir).resolve()
        return cls(root=root, content=content, overlay=root / OVERLAY_DIR / content.relative_to(root))

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _walk(folder: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    if not folder.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in IGNORED_NAMES)
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith("~") or name in IGNORED_NAMES:
                continue
            path = Path(dirpath) / name
            found.append((path.relative_to(folder).as_posix(), path))
    return found


def collect(layers: Layers) -> list[SourceFile]:
    """All content files, the overlay's file winning over upstream's at the same relative path."""
    upstream = {uri: path for uri, path in _walk(layers.content)}
    result: dict[str, SourceFile] = {
        uri: SourceFile(uri, path, UPSTREAM, layers.display(path)) for uri, path in upstream.items()
    }
    for uri, path in _walk(layers.overlay):
        replaced = result.get(uri)
        result[uri] = SourceFile(uri, path, LOKAAL, layers.display(path), replaced.display if replaced else None)
    return [result[uri] for uri in sorted(result)]


def explain(layers: Layers, src_uri: str) -> str:
    """Say in Dutch which layer provides a content path (for `leidraad explain`)."""
    src_uri = src_uri.removeprefix("content/").removeprefix(f"{OVERLAY_DIR}/content/")
    by_uri = {f.src_uri: f for f in collect(layers)}
    found = by_uri.get(src_uri)
    if found is None:
        return f"{src_uri}: geen bestand in {layers.display(layers.overlay)}/ of {layers.display(layers.content)}/"
    if found.layer == LOKAAL and found.replaces:
        return f"{src_uri}: {found.display} wint (vervangt {found.replaces})"
    if found.layer == LOKAAL:
        return f"{src_uri}: {found.display} (alleen in de lokale laag; nieuw item)"
    return f"{src_uri}: {found.display} (upstream; geen lokale versie)"
