"""The content kinds: one frozen pydantic model per kind, the shared data lists, and the closed lists of values.

Field names are Dutch because the school editors who write them are. Nothing here imports MkDocs. The loaded
site that holds validated items of these kinds is in model.py.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Tekst = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Herkomst = Literal["bron", "eigen", "school"]  # from a source, our own elaboration, a school's own

# The closed lists that are part of the model itself (others live in content/_data/).
CATEGORIEEN = ("contact", "informatie", "schriftelijk", "mondeling", "andere", "participatie")
NIVEAUS = ("dimensie", "cluster", "indicator", "kenmerk")
MAX_DUUR = 240
PART_FIELDS = ("stappen", "reflectievragen", "invulvelden", "bijlagen", "kenmerken", "tips", "kopvelden", "uitleg",
               "open_vragen")  # lists of addressable parts (and `onderdelen`, a tree of them)


class Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class BronVerwijzing(Strikt):
    bron: Id
    deel: str | None = None


class Gemeenschappelijk(Strikt):
    """Fields every kind shares."""

    titel: Tekst
    korte_titel: str | None = None  # for the sidebar, links, cards and search when titel is long
    kort: str | None = None
    bronnen: tuple[BronVerwijzing, ...] = ()
    verwant: tuple[str, ...] = ()
    herkomst: Herkomst = "bron"
    verborgen: bool = False
    trefwoorden: tuple[str, ...] = ()


class Deel(Strikt):
    """An addressable part with a text (a characteristic, a tip of a factor)."""

    id: Id
    tekst: Tekst
    herkomst: Herkomst = "bron"


class Pagina(Gemeenschappelijk):
    standaard: dict[str, Any] | None = None
    # append a generated list to the body; 'partners': the school's partners (from its profile) take the place of
    # the body, which is then an example for forks without partners
    overzicht: Literal["begrippen", "bronnen", "partners"] | None = None


class Aanbeveling(Gemeenschappelijk):
    nummer: int = Field(ge=1)
    kernboodschap: Tekst
    samenvatting: tuple[Tekst, ...] = ()


class Stap(Strikt):
    id: Id
    tekst: Tekst
    minuten: int = Field(ge=0, le=MAX_DUUR)
    herkomst: Herkomst = "bron"


class Tekstblok(Strikt):
    """A titled block of Markdown that a sheet must carry (definitions, an example, instructions, a legend)."""

    id: Id
    titel: Tekst
    tekst: Tekst
    herkomst: Herkomst = "bron"


class Reflectievraag(Strikt):
    id: Id
    vraag: Tekst
    herkomst: Herkomst = "bron"


class Invulveld(Strikt):
    id: Id
    label: Tekst
    soort: Literal["tekst", "regels", "aankruisvak", "schaal", "raster"]
    regels: int | None = Field(default=None, ge=1, le=40)
    opties: tuple[Tekst, ...] = ()
    schaal: Id | None = None
    rijen: tuple[str, ...] = ()
    kolommen: tuple[Tekst, ...] = ()
    herkomst: Herkomst = "bron"

    @model_validator(mode="after")
    def _fits_soort(self) -> Invulveld:
        if self.soort == "aankruisvak" and not self.opties:
            raise ValueError("een aankruisvak heeft 'opties' nodig (een lijst van keuzes)")
        if self.soort == "schaal" and not self.schaal:
            raise ValueError("een veld van soort 'schaal' heeft 'schaal' nodig (een id uit _data/schalen.yml)")
        if self.soort == "raster" and not (self.rijen and self.kolommen):
            raise ValueError("een raster heeft 'rijen' en 'kolommen' nodig")
        return self


class Groep(Strikt):
    """A named group of scored parts (for a questionnaire's scales)."""

    id: Id
    titel: Tekst
    delen: tuple[Id, ...] = Field(min_length=1)


class Scoring(Strikt):
    """How answers are counted, shown on the page as the person answers and in the team view.

    gemiddelde: the mean; telling: how often each score was given (niet observeerbaar apart, never counted);
    verdeling: the same as shares of all scores; aandeel: the share of scores at or above `vanaf`. Per group:
    each node named in `per` (its scored parts), or each of `groepen`; neither: the whole form as one group.
    """

    soort: Literal["gemiddelde", "telling", "verdeling", "aandeel"]
    titel: Tekst
    per: tuple[Id, ...] = ()
    groepen: tuple[Groep, ...] = ()
    vanaf: float | None = None

    @model_validator(mode="after")
    def _complete(self) -> Scoring:
        if self.per and self.groepen:
            raise ValueError("geef 'per' (onderdelen van het instrument) of 'groepen', niet allebei")
        if (self.soort == "aandeel") != (self.vanaf is not None):
            raise ValueError("'vanaf' hoort bij soort 'aandeel' (het aandeel scores vanaf die waarde), en alleen daar")
        return self


class Activiteit(Gemeenschappelijk):
    aanbeveling: Id
    doel: Tekst
    doelgroep: tuple[Id, ...] = Field(min_length=1)
    werkvorm: Id
    met_wie: tuple[Literal["alleen", "collega", "team"], ...] = ()  # alone, with a colleague, with the team
    duur: int = Field(ge=1, le=MAX_DUUR)
    spreiding: str | None = None
    materiaal: tuple[Tekst, ...] = Field(min_length=1)
    voorbereiding: tuple[Tekst, ...] = Field(min_length=1)
    stappen: tuple[Stap, ...] = Field(min_length=3)
    reflectievragen: tuple[Reflectievraag, ...] = Field(min_length=2)
    invulvelden: tuple[Invulveld, ...] = Field(min_length=1)
    begeleidersnotities: Tekst
    bijlagen: tuple[Tekstblok, ...] = ()  # material the steps refer to, printed at the bottom of both sheets
    scoring: tuple[Scoring, ...] = ()  # for a questionnaire of scale fields
    anoniem: bool = False  # the team view never shows a role with fewer answers than _data/instellingen.yml says
    liggend: bool = False
    paginas: int = Field(default=2, ge=1, le=4)  # most A4 pages of the participant sheet; above 2 is an exception


class Factor(Gemeenschappelijk):
    nummer: int = Field(ge=1)
    kernboodschap: Tekst
    kenmerken: tuple[Deel, ...] = ()
    tips: tuple[Deel, ...] = ()


class Tip(Strikt):
    id: Id
    tekst: Tekst
    controlevraag: Tekst
    herkomst: Herkomst = "bron"


class Tipgroep(Gemeenschappelijk):
    categorie: Literal["contact", "informatie", "schriftelijk", "mondeling", "andere", "participatie"]
    doelgroep: tuple[Id, ...] = ()
    tips: tuple[Tip, ...] = Field(min_length=1)


class Kopveld(Strikt):
    id: Id
    label: Tekst


class Onderdeel(Strikt):
    """A node of an instrument's tree: dimensie -> cluster -> indicator -> kenmerk."""

    id: Id
    titel: str | None = None
    tekst: str | None = None
    scoren: bool | None = None
    code: bool = False  # the row asks for a pupil's code (never a name), e.g. the LBS scan's ten pupils
    herkomst: Herkomst = "bron"
    onderdelen: tuple[Onderdeel, ...] = ()

    @model_validator(mode="after")
    def _titel_or_tekst(self) -> Onderdeel:
        if bool(self.titel and self.titel.strip()) == bool(self.tekst and self.tekst.strip()):
            raise ValueError("geef precies één van 'titel' (een kop) of 'tekst' (een uitspraak)")
        return self

    @property
    def scored(self) -> bool:
        return self.scoren if self.scoren is not None else not self.onderdelen


class OpenVraag(Strikt):
    id: Id
    vraag: Tekst
    herkomst: Herkomst = "bron"


class Instrument(Gemeenschappelijk):
    soort: Literal["observatie", "vragenlijst", "zelfscan", "reflectie"]
    schaal: Id | None = None
    kopvelden: tuple[Kopveld, ...] = ()
    uitleg: tuple[Tekstblok, ...] = ()  # instructions, legend, phases, roles: printed before the form, in order
    onderdelen: tuple[Onderdeel, ...] = ()
    open_vragen: tuple[OpenVraag, ...] = ()
    scoring: tuple[Scoring, ...] = ()
    anoniem: bool = False  # the team view never shows a role with fewer answers than _data/instellingen.yml says
    privacy: str | None = None
    liggend: bool = False


class Bron(Strikt):
    titel: Tekst
    auteurs: tuple[Tekst, ...] = ()
    jaar: int | None = Field(default=None, ge=1900, le=2100)  # None: undated ("z.d.")
    uitgever: Tekst
    url: str | None = None
    soort: Literal["boek", "artikel", "rapport", "leidraad", "brochure", "website"]
    kort: str | None = None  # short name of the organisation or authors, for the source line
    korte_titel: str | None = None  # main title without subtitle, for the source line
    verborgen: bool = False

    @property
    def jaartal(self) -> str:
        return str(self.jaar) if self.jaar else "z.d."


class Blok(Strikt):
    tijd: Annotated[str, StringConstraints(pattern=r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$")]
    minuten: int = Field(ge=1, le=600)
    titel: Tekst
    item: str | None = None
    tekst: str | None = None

    @model_validator(mode="after")
    def _item_or_tekst(self) -> Blok:
        if (self.item is None) == (self.tekst is None):
            raise ValueError("geef precies één van 'item' (een activiteit, tipgroep of instrument) of 'tekst'")
        return self


class Bundel(Gemeenschappelijk):
    doelgroep: tuple[Id, ...] = ()
    blokken: tuple[Blok, ...] = Field(min_length=1)


class Schaalwaarde(Strikt):
    waarde: int
    label: str | None = None  # a source may name only some points of a scale
    betekenis: str | None = None


class NietObserveerbaar(Strikt):
    code: Tekst
    label: Tekst


class Schaal(Strikt):
    titel: Tekst
    waarden: tuple[Schaalwaarde, ...] = Field(min_length=2)
    niet_observeerbaar: NietObserveerbaar | None = None
    halve_scores: bool = False  # a score halfway between two values is allowed (e.g. 3,5)
    toelichting: str | None = None  # where the labels come from, shown with the scale on the page and the sheet


class Instellingen(Strikt):
    """Settings of the site's forms (content/_data/instellingen.yml)."""

    minimum_per_rol: int = Field(default=3, ge=2, le=50)  # fewer answers of a role: no per-role figure (anoniem)
    respondenten: dict[Id, Tekst] = Field(default_factory=lambda: {
        "teamlid": "Teamlid", "schoolleiding": "Schoolleiding", "leerling": "Leerling", "ouder": "Ouder",
        "partner": "Partner"})


class Synoniem(Strikt):
    """Words a teacher may type for the same thing (search finds either): content/_data/synoniemen.yml."""

    woorden: tuple[Tekst, ...] = Field(min_length=2)


class Rol(Strikt):
    """A contact role content can name (`[de zorgcoördinator van je school](contact:zorgcoordinator)`)."""

    label: Tekst  # what the role is called: "zorgcoördinator"


class Begrip(Strikt):
    """A glossary entry: shown on the glossary page and as a hover title wherever the term appears."""

    uitleg: Tekst
    voluit: str | None = None


KINDS: dict[str, type[Strikt]] = {
    "pagina": Pagina,
    "aanbeveling": Aanbeveling,
    "activiteit": Activiteit,
    "factor": Factor,
    "tipgroep": Tipgroep,
    "instrument": Instrument,
    "bron": Bron,
    "bundel": Bundel,
}

# folder under content/ -> kind of the items in it (index.md is always a pagina)
FOLDER_KINDS: dict[str, str] = {
    "aanbevelingen": "aanbeveling",
    "activiteiten": "activiteit",
    "factoren": "factor",
    "tips": "tipgroep",
    "instrumenten": "instrument",
    "bronnen": "bron",
    "bundels": "bundel",
}
DATA_FOLDERS = ("bronnen", "bundels")  # folders whose items are .yml files

KIND_LABELS: dict[str, str] = {
    "pagina": "Pagina",
    "aanbeveling": "Aanbeveling",
    "activiteit": "Activiteit",
    "factor": "Betrokkenheidsfactor",
    "tipgroep": "Tips",
    "instrument": "Instrument",
    "bron": "Bron",
    "bundel": "Programma",
}
