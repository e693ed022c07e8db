"""Which printable sheets and bundles the site has, under which frozen names. Pure: no MkDocs, no WeasyPrint.

A sheet is one printable document (`/pdf/<name>.pdf`, and its HTML version at `/blad/<name>/`):
- per activity a participant sheet `<stem>` and a facilitator sheet `<stem>-begeleider`;
- per tip group a checklist `<stem>` and a facilitator sheet `<stem>-begeleider` (the tips with their explanation);
- per instrument a form `<stem>`;
- one-page overviews `overzicht-aanbevelingen` and `overzicht-factoren`.
A bundle joins sheets behind a cover with a table of contents, as a `deelnemersmap` (participant sheets) and a
`draaiboek` (facilitator sheets): one per recommendation, one per tip category, a complete one, and one per
trainer's `bundel` file.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import CATEGORIEEN
from .model import Item, Site, display_title
from .pages import activities_of

VARIANTS = ("deelnemersmap", "draaiboek")
CATEGORY_LABELS = {
    "contact": "Contact met ouders",
    "informatie": "Informatie voor ouders",
    "schriftelijk": "Schriftelijke communicatie",
    "mondeling": "Mondelinge communicatie",
    "andere": "Andere initiatieven",
    "participatie": "Participatie",
}
PUPIL_WORDS = ("leerling", "kind", "pupil")
PRIVACY_NOTE = ("Noteer leerlingen alleen met initialen of een code, nooit met hun volledige naam. "
                "Bewaar ingevulde bladen veilig en vernietig ze wanneer ze niet meer nodig zijn.")


@dataclass(frozen=True)
class Sheet:
    name: str  # /pdf/<name>.pdf, /blad/<name>/
    kind: str  # deelnemer | begeleider | checklist | tips-begeleider | formulier | overzicht-aanbevelingen | …
    item: str | None  # the item it prints, if any
    title: str
    page_url: str  # site-relative address of the online page (the QR code points there)
    landscape: bool = False
    max_pages: int | None = None  # a limit the tests hold the rendered sheet to

    @property
    def pdf_url(self) -> str:
        return f"pdf/{self.name}.pdf"

    @property
    def html_url(self) -> str:
        return f"blad/{self.name}/"


@dataclass(frozen=True)
class ProgrammeRow:
    tijd: str
    minuten: int
    titel: str
    onderdeel: str  # what the block holds: an item's title or the block's text


@dataclass(frozen=True)
class Bundle:
    name: str  # /pdf/<name>.pdf
    title: str
    variant: str  # deelnemersmap | draaiboek
    page_url: str
    sheets: tuple[str, ...]  # sheet names in order
    doelgroep: str = ""
    programme: tuple[ProgrammeRow, ...] = ()

    @property
    def pdf_url(self) -> str:
        return f"pdf/{self.name}.pdf"

    @property
    def variant_label(self) -> str:
        return "Deelnemersmap" if self.variant == "deelnemersmap" else "Draaiboek voor de begeleider"


def names_pupils(item: Item) -> bool:
    """True when a sheet asks to write about pupils (then it carries the privacy note)."""
    if getattr(item.data, "privacy", None):
        return True
    texts: list[str] = []
    for veld in getattr(item.data, "invulvelden", ()):
        texts += [veld.label, *veld.rijen, *veld.kolommen]
    return any(word in text.lower() for text in texts for word in PUPIL_WORDS)


def activity_sheets(item: Item) -> tuple[Sheet, Sheet]:
    title = display_title(item)
    participant = Sheet(item.stem, "deelnemer", item.stem, item.data.titel, item.url, item.data.liggend,
                        item.data.paginas)
    facilitator = Sheet(f"{item.stem}-begeleider", "begeleider", item.stem, f"{title} (begeleider)", item.url,
                        item.data.liggend)
    return participant, facilitator


def all_sheets(site: Site) -> list[Sheet]:
    sheets: list[Sheet] = []
    for item in site.of_kind("activiteit"):
        sheets += activity_sheets(item)
    for item in site.of_kind("tipgroep"):
        sheets.append(Sheet(item.stem, "checklist", item.stem, item.data.titel, item.url))
        sheets.append(Sheet(f"{item.stem}-begeleider", "tips-begeleider", item.stem, item.data.titel, item.url))
    for item in site.of_kind("instrument"):
        sheets.append(Sheet(item.stem, "formulier", item.stem, item.data.titel, item.url, item.data.liggend))
    if site.of_kind("aanbeveling"):
        sheets.append(Sheet("overzicht-aanbevelingen", "overzicht-aanbevelingen", None,
                            "De aanbevelingen op één blad", _section_url(site, "aanbevelingen"), max_pages=1))
    if site.of_kind("factor"):
        sheets.append(Sheet("overzicht-factoren", "overzicht-factoren", None,
                            "De betrokkenheidsfactoren op één blad", _section_url(site, "factoren"), max_pages=1))
    return sheets


def _section_url(site: Site, section: str) -> str:
    return f"{section}/" if section in site.items else ""


def _sheet_for(site: Site, stem: str, variant: str) -> str:
    kind = site.items[stem].kind
    if kind == "instrument":
        return stem
    return stem if variant == "deelnemersmap" else f"{stem}-begeleider"


def all_bundles(site: Site) -> list[Bundle]:
    bundles: list[Bundle] = []
    activities = site.of_kind("activiteit")
    for aanbeveling in site.of_kind("aanbeveling"):
        members = [a.stem for a in activities_of(site, aanbeveling.stem)]
        if members:
            for variant in VARIANTS:
                bundles.append(Bundle(
                    f"activiteitenbundel-{aanbeveling.stem}-{variant}",
                    f"Activiteitenbundel aanbeveling {aanbeveling.data.nummer}: {display_title(aanbeveling)}",
                    variant, aanbeveling.url, tuple(_sheet_for(site, m, variant) for m in members)))
    groups = site.of_kind("tipgroep")
    for categorie in CATEGORIEEN:
        members = [g.stem for g in groups if g.data.categorie == categorie]
        if members:
            for variant in VARIANTS:
                bundles.append(Bundle(
                    f"tipsbundel-{categorie}-{variant}", f"Tips en checklists: {CATEGORY_LABELS[categorie]}",
                    variant, "tips/", tuple(_sheet_for(site, m, variant) for m in members)))
    if activities:
        ordered = sorted(activities, key=lambda a: (site.items[a.data.aanbeveling].data.nummer, a.data.titel))
        for variant in VARIANTS:
            bundles.append(Bundle(f"volledige-bundel-{variant}", "Alle activiteiten", variant, "activiteiten/",
                                  tuple(_sheet_for(site, a.stem, variant) for a in ordered)))
    for bundel in site.of_kind("bundel"):
        bundles += trainer_bundles(site, bundel)
    return bundles


def trainer_bundles(site: Site, bundel: Item) -> list[Bundle]:
    """The two PDFs of a trainer's own programme: its blocks in order, text blocks in the programme only."""
    rows = []
    stems: list[str] = []
    for blok in bundel.data.blokken:
        if blok.item:
            target = site.items[blok.item]
            rows.append(ProgrammeRow(blok.tijd.replace(".", ":"), blok.minuten, blok.titel, display_title(target)))
            if blok.item not in stems:
                stems.append(blok.item)
        else:
            rows.append(ProgrammeRow(blok.tijd.replace(".", ":"), blok.minuten, blok.titel, blok.tekst or ""))
    doelgroep = ", ".join(site.doelgroepen[g] for g in bundel.data.doelgroep)
    return [Bundle(f"{bundel.stem}-{variant}", bundel.data.titel, variant, f"bundels/{bundel.stem}/",
                   tuple(_sheet_for(site, s, variant) for s in stems), doelgroep, tuple(rows))
            for variant in VARIANTS]


def downloads(site: Site, item: Item) -> list[dict[str, str]]:
    """The download buttons of an item's page: label and site-relative address."""
    found: list[dict[str, str]] = []
    if item.kind == "activiteit":
        participant, facilitator = activity_sheets(item)
        found += [{"label": "Deelnemersblad (PDF)", "url": participant.pdf_url},
                  {"label": "Begeleidersblad (PDF)", "url": facilitator.pdf_url},
                  {"label": "Printversie (HTML)", "url": participant.html_url}]
    elif item.kind == "tipgroep":
        found += [{"label": "Checklist (PDF)", "url": f"pdf/{item.stem}.pdf"},
                  {"label": "Tips voor de begeleider (PDF)", "url": f"pdf/{item.stem}-begeleider.pdf"}]
    elif item.kind == "instrument":
        found.append({"label": "Formulier (PDF)", "url": f"pdf/{item.stem}.pdf"})
    elif item.kind == "aanbeveling" and activities_of(site, item.stem):
        for variant in VARIANTS:
            name = f"activiteitenbundel-{item.stem}-{variant}"
            found.append({"label": f"Activiteitenbundel: {variant} (PDF)", "url": f"pdf/{name}.pdf"})
    elif item.kind == "bundel":
        found += [{"label": "Deelnemersmap (PDF)", "url": f"pdf/{item.stem}-deelnemersmap.pdf"},
                  {"label": "Draaiboek (PDF)", "url": f"pdf/{item.stem}-draaiboek.pdf"}]
    elif item.is_index and item.section == "aanbevelingen" and site.of_kind("aanbeveling"):
        found.append({"label": "De aanbevelingen op één blad (PDF)", "url": "pdf/overzicht-aanbevelingen.pdf"})
        found += [{"label": "Alle activiteiten: deelnemersmap (PDF)", "url": "pdf/volledige-bundel-deelnemersmap.pdf"},
                  {"label": "Alle activiteiten: draaiboek (PDF)", "url": "pdf/volledige-bundel-draaiboek.pdf"}]
    elif item.is_index and item.section == "factoren" and site.of_kind("factor"):
        found.append({"label": "De factoren op één blad (PDF)", "url": "pdf/overzicht-factoren.pdf"})
    elif item.is_index and item.section == "tips":
        for categorie in CATEGORIEEN:
            if any(g.data.categorie == categorie for g in site.of_kind("tipgroep")):
                found.append({"label": f"Checklists {CATEGORY_LABELS[categorie].lower()} (PDF)",
                              "url": f"pdf/tipsbundel-{categorie}-deelnemersmap.pdf"})
    return found
