"""A school's profile, `lokaal/school.yml`: the only file a fork must write.

Name, address (the site's URL), logo, colour, contact people per role, local partners and a print footer line.
Validated like content (file:line:field, in Dutch); the colour must keep WCAG AA contrast with white, both ways
(white header text on it, and it as link text on white). `schema()` gives editors a JSON Schema from this model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationError, field_validator

from .kinds import Rol, Strikt
from .messages import dutch_message, field_name
from .model import line_for
from .problems import Problem
from .reading import decode
from .sources import LOKAAL, SourceFile
from .yamlread import YamlProblem, parse_yaml

PROFILE = "school.yml"
SCHEMA = Path("schemas") / "school.schema.json"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text
Platte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^<>]*$")]


class Contactpersoon(Strikt):
    naam: Platte = Field(description="Voor- en achternaam, zoals ouders en collega's de persoon kennen")
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")] | None = None
    telefoon: Annotated[str, StringConstraints(pattern=r"^[0-9+ ()./-]{6,25}$")] | None = None
    bereikbaar: Platte | None = Field(default=None, description="Lokaal of uren, bv. 'lokaal 12, ma en do'")


class Partner(Strikt):
    naam: Platte
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")] | None = None
    omschrijving: Platte = Field(description="Wat deze partner voor ouders, leerlingen of het team doet")


class SchoolProfiel(Strikt):
    naam: Platte = Field(description="De volledige naam van de school; wordt de naam van de site")
    korte_naam: Platte | None = Field(default=None, description="Kort, voor de kop en de printbladen")
    adres: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+/$")] = Field(
        description="Het publieke adres van de site, eindigend op '/'; QR-codes op papier verwijzen ernaar")
    logo: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.(png|jpg|jpeg|webp)$")] | None = Field(
        default=None, description="Een afbeelding in lokaal/ (png, jpg of webp), bv. 'logo.png'")
    kleur: str | None = Field(default=None, description="De hoofdkleur als #rrggbb, donker genoeg voor witte tekst")
    contactpersonen: dict[str, Contactpersoon] = Field(default_factory=dict,
                                                       description="Per rol (uit content/_data/rollen.yml)")
    partners: tuple[Partner, ...] = ()
    voetregel: Platte | None = Field(default=None, description="Een regel onderaan elk printblad")

    @field_validator("kleur")
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not COLOUR.match(value):
            raise ValueError(f"verwacht een kleur als #rrggbb (bv. #1a4d8f), kreeg '{value}'")
        ratio = contrast(value, "#ffffff")
        if ratio < MIN_CONTRAST:
            raise ValueError(f"te licht: wit op {value} (en {value} op wit) heeft een contrast van {ratio:.2f}:1, "
                             f"minstens {MIN_CONTRAST}:1 is nodig om te lezen; kies een donkerdere kleur")
        return value.lower()

    @property
    def kort(self) -> str:
        return self.korte_naam or self.naam


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def load_profile(root: Path, rollen: Mapping[str, Rol], problems: list[Problem]) -> SchoolProfiel | None:
    """The profile when the fork has one (None upstream); problems in the same shape as content's."""
    path = root / "lokaal" / PROFILE
    display = f"lokaal/{PROFILE}"
    if path.is_symlink():
        problems.append(Problem(display, 1, "een symbolische koppeling (symlink) is niet toegestaan"))
        return None
    if not path.is_file():
        return None
    text = decode(SourceFile(PROFILE, path, LOKAAL, display), problems)
    if text is None:
        return None
    try:
        parsed = parse_yaml(text)
    except YamlProblem as exc:
        problems.append(Problem(display, exc.line, exc.message, column=exc.column))
        return None
    if not isinstance(parsed.value, dict):
        problems.append(Problem(display, 1, "het profiel moet uit velden bestaan ('naam: …', 'adres: …')"))
        return None
    try:
        profile = SchoolProfiel.model_validate(parsed.value)
    except ValidationError as exc:
        for err in exc.errors():
            loc, message = dutch_message(err, SchoolProfiel)
            problems.append(Problem(display, line_for(parsed.lines, loc), message, field=field_name(loc)))
        return None
    found = len(problems)
    for role in profile.contactpersonen:
        if role not in rollen:
            problems.append(Problem(display, line_for(parsed.lines, ("contactpersonen", role)),
                                    f"onbekende rol; kies uit {', '.join(sorted(rollen))} (content/_data/rollen.yml, "
                                    "of voeg een rol toe in lokaal/content/_data/rollen.yml)",
                                    field=f"contactpersonen.{role}"))
    if profile.logo:
        logo = root / "lokaal" / profile.logo
        if not logo.is_file() or logo.is_symlink():
            problems.append(Problem(display, line_for(parsed.lines, ("logo",)),
                                    f"het bestand lokaal/{profile.logo} bestaat niet; zet het logo in lokaal/",
                                    field="logo"))
    return profile if len(problems) == found else None


def schema() -> str:
    """The JSON Schema of the profile (for editors' autocompletion), as committed in schemas/."""
    found: dict[str, Any] = SchoolProfiel.model_json_schema()
    found["title"] = "Schoolprofiel voor leidraad (lokaal/school.yml)"
    return json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
