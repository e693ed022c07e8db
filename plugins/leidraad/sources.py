"""The content layers: upstream `content/` and a school's `lokaal/content/`, and the files we accept in them.

Only what we check is published: every file is a known kind (by folder and extension) or an allowed asset type;
anything else is an error naming the file and what is allowed. Symbolic links are refused (they could point
anywhere on the build machine). File and folder names are ids: lowercase ASCII letters, digits and hyphens.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .kinds import DATA_FOLDERS, FOLDER_KINDS
from .problems import Problem

UPSTREAM = "upstream"
LOKAAL = "lokaal"
OVERLAY_DIR = "lokaal"
MAX_BYTES = 1_000_000
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ASSET_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")
TEXT_SUFFIXES = (".md", ".yml")
ALLOWED = ("Toegestaan zijn: .md (pagina's en items), .yml (in _data/, bronnen/ en bundels/), "
           "afbeeldingen (.png, .jpg, .jpeg, .gif, .webp) en .pdf")


@dataclass(frozen=True)
class SourceFile:
    """One file of the content tree after layering."""

    src_uri: str  # posix path relative to the content folder
    path: Path  # absolute path on disk
    layer: str  # UPSTREAM or LOKAAL
    display: str  # path as editors see it, relative to the repository root
    upstream: SourceFile | None = None  # for an overlay file: the upstream file at the same path

    @property
    def replaces(self) -> str | None:
        return self.upstream.display if self.upstream else None

    @property
    def stem(self) -> str:
        return self.src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]


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

    @property
    def templates(self) -> list[Path]:
        """Template folders in lookup order: the school's first, then upstream's."""
        return [self.root / OVERLAY_DIR / "templates", self.root / "templates"]

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def kind_of(src_uri: str) -> str | None:
    """The kind of a content path: an item kind, '_data', 'asset', or None when the file is not allowed there."""
    parts = src_uri.split("/")
    name = parts[-1]
    folder = parts[0] if len(parts) > 1 else ""
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if folder == "_data":
        return "_data" if suffix == ".yml" and len(parts) == 2 else None
    if suffix == ".md":
        if name == "index.md" or folder not in FOLDER_KINDS or folder in DATA_FOLDERS:
            return "pagina"
        return FOLDER_KINDS[folder]
    if suffix == ".yml":
        return FOLDER_KINDS[folder] if folder in DATA_FOLDERS and len(parts) == 2 else None
    if suffix in ASSET_SUFFIXES:
        return "asset"
    return None


def suggest_name(name: str) -> str:
    """A valid id for a file name: 'Mijn Activiteit (2).md' -> 'mijn-activiteit-2.md'."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-") or "naam"
    return slug + ("." + suffix.lower() if suffix else "")


def _name_problem(display: str, segment: str, is_file: bool) -> Problem | None:
    stem, suffix = (segment.rsplit(".", 1)[0], "." + segment.rsplit(".", 1)[1]) if is_file and "." in segment \
        else (segment, "")
    if (NAME.match(stem) and suffix == suffix.lower()) or (segment == "_data" and not is_file):
        return None
    if segment == "__pycache__":
        return Problem(display, 1, "een map __pycache__ (Python-cache) hoort niet in de inhoud; verwijder ze")
    what = "bestandsnaam" if is_file else "mapnaam"
    return Problem(display, 1, f"{what} '{segment}' is geen geldige id{_why(stem)}: de naam wordt het adres van de "
                               f"pagina, dus alleen kleine letters a–z, cijfers en '-'; hernoem naar "
                               f"'{suggest_name(segment)}'")


def _why(stem: str) -> str:
    """What is wrong with a name, in words: a capital, a space, an accent, a letter from another alphabet."""
    reasons = []
    for ch in dict.fromkeys(stem):
        if re.match(r"[a-z0-9-]", ch):
            continue
        if ch.isascii() and ch.isupper():
            reasons.append("hoofdletters")
        elif ch.isspace():
            reasons.append("spaties")
        elif not ch.isascii() and unicodedata.normalize("NFKD", ch).encode("ascii", "ignore"):
            reasons.append(f"'{ch}' (een letter met een accent)")
        elif not ch.isascii() and ch.isalpha():
            reasons.append(f"'{ch}' (een letter uit een ander alfabet, die op een gewone letter kan lijken)")
        else:
            reasons.append(f"'{ch}'")
    return " (bevat " + ", ".join(dict.fromkeys(reasons)) + ")" if reasons else ""


def _walk(folder: Path, layers: Layers, problems: list[Problem]) -> dict[str, Path]:
    """Every acceptable file under folder, by relative path; problems for links, bad names and types."""
    found: dict[str, Path] = {}
    if folder.is_symlink():
        problems.append(Problem(layers.display(folder), 1, "een symbolische koppeling (symlink) is niet "
                                                           "toegestaan; zet de bestanden zelf in de map"))
        return found
    if not folder.is_dir():
        return found
    stack = [folder]
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in sorted(entries, key=lambda e: e.name, reverse=True):
                path = Path(entry.path)
                display = layers.display(path)
                if entry.name.startswith(".") or entry.name.endswith("~"):
                    continue  # hidden files and editor backups: never read, never published
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    problems.append(Problem(display, 1, "een symbolische koppeling (symlink) is niet toegestaan; "
                                                        "zet het bestand zelf hier"))
                    continue
                if stat.S_ISDIR(mode):
                    problem = _name_problem(display, entry.name, is_file=False)
                    if problem:
                        problems.append(problem)
                    else:
                        stack.append(path)
                    continue
                if not stat.S_ISREG(mode):
                    problems.append(Problem(display, 1, "dit is geen gewoon bestand; verwijder het"))
                    continue
                uri = path.relative_to(folder).as_posix()
                problem = _name_problem(display, entry.name, is_file=True)
                if problem:
                    problems.append(problem)
                    continue
                if kind_of(uri) is None:
                    problems.append(Problem(display, 1, _type_message(uri)))
                    continue
                if entry.stat(follow_symlinks=False).st_size > MAX_BYTES:
                    size = entry.stat(follow_symlinks=False).st_size
                    problems.append(Problem(display, 1, f"het bestand is {size / 1_000_000:.1f} MB; hoogstens 1 MB "
                                                        "is toegestaan (splits een tekst op, verklein een afbeelding)"))
                    continue
                found[uri] = path
    return found


def _type_message(uri: str) -> str:
    name = uri.rsplit("/", 1)[-1]
    folder = uri.split("/")[0] if "/" in uri else ""
    if name.endswith(".svg"):
        return ("een SVG-bestand is niet toegestaan (het kan script bevatten); zet de figuur als <svg> in de "
                "tekst van een pagina, of gebruik een .png")
    if name.endswith(".yaml"):
        return f"gebruik de extensie .yml in plaats van .yaml (hernoem naar '{name[:-5]}.yml')"
    if folder == "_data":
        return "in _data/ staan alleen .yml-bestanden, niet in submappen"
    if name.endswith(".yml"):
        return (".yml-bestanden horen in _data/, bronnen/ of bundels/; een item in deze map schrijf je als .md "
                "(YAML-kop tussen '---'-lijnen, daarna de tekst)")
    return f"dit bestandstype wordt niet gepubliceerd en is hier niet toegestaan. {ALLOWED}"


def collect(layers: Layers, problems: list[Problem]) -> list[SourceFile]:
    """All content files; an overlay file at the same path as an upstream file carries that file along."""
    upstream = _walk(layers.content, layers, problems)
    overlay: dict[str, Path] = {}
    linked = [p for p in (layers.root / OVERLAY_DIR, layers.overlay) if p.is_symlink()]
    for path in linked:
        problems.append(Problem(layers.display(path), 1, "een symbolische koppeling (symlink) is niet toegestaan; "
                                                         "zet de bestanden zelf in de map"))
    if not linked:
        overlay = _walk(layers.overlay, layers, problems)
    result = {uri: SourceFile(uri, path, UPSTREAM, layers.display(path)) for uri, path in upstream.items()}
    for uri, path in overlay.items():
        result[uri] = SourceFile(uri, path, LOKAAL, layers.display(path), result.get(uri))
    return [result[uri] for uri in sorted(result)]
