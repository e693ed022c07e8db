"""Dutch search that understands word forms: an index built here, queried in the browser, loaded from disk too.

Words are stemmed with Snowball's Dutch stemmer (`snowballstemmer`, 'dutch_porter'); the browser stems the query
with the same algorithm (lunr-languages' `lunr.nl`, shipped in Material's assets), so 'ondersteunen' finds a page
that says 'ondersteuning'. Glossary abbreviations and their full forms, and the synonym groups in
`_data/synoniemen.yml`, are expanded at query time. The index is split by the first two letters of a stem into
small script files (`zoek/d-xx.js`), the documents' titles and addresses into pages of a hundred (`zoek/p-n.js`);
a page loads only the files a query needs, only when someone types: nothing is fetched before the first query,
and script tags work from a page opened from disk, where fetch does not.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import snowballstemmer
from pydantic import BaseModel

from .kinds import KIND_LABELS, Onderdeel
from .model import Item, Site, display_title, sort_key

WORD = re.compile(r"[0-9a-zà-ÿ]+(?:-[0-9a-zà-ÿ]+)*", re.IGNORECASE)
MARKUP = re.compile(r"<[^>]*>|\{[:#][^}]*\}|\]\([^)]*\)|[*_`#>|\[\]!]")
STOP_WORDS = (  # lunr.nl's Dutch stop words, the same the browser leaves out
    "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens "
    "en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je "
    "kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons "
    "ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie "
    "wil worden wordt zal ze zelf zich zij zijn zo zonder zou"
)
STOP = frozenset(STOP_WORDS.split())
WEIGHTS = {"titel": 10.0, "kort": 3.0, "kop": 3.0, "tekst": 1.0}
FOLDER = "zoek"
SNIPPET = 160
PAGE_SIZE = 100  # documents per file of titles and addresses: a query loads the few files its top results are in
_STEMMER = snowballstemmer.stemmer("dutch_porter")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a word; cached, since a site repeats the same few thousand words."""
    return str(_STEMMER.stemWord(word.lower()))


def terms(text: str) -> list[str]:
    """Stems of the words of a text (hyphenated words also as their parts), stop words left out."""
    found = []
    for word in WORD.findall(text.lower()):
        for part in [word, *word.split("-")] if "-" in word else [word]:
            if part and part not in STOP:
                found.append(stem(part))
    return found


def plain(markdown: str) -> str:
    return " ".join(html.unescape(MARKUP.sub(" ", markdown)).split())


@dataclass
class Doc:
    titel: str
    url: str
    soort: str
    sectie: str
    kort: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # field -> texts

    def as_json(self) -> dict[str, str]:
        return {"t": self.titel, "u": self.url, "k": self.soort, "s": self.sectie, "x": self.kort[:SNIPPET]}


def _section_titles(site: Site) -> dict[str, str]:
    return {i.section: display_title(i) for i in site.items.values() if i.is_index and i.section}


def documents(site: Site) -> list[Doc]:
    """One document per page, and one per part a teacher looks for by itself: a tip, an indicator."""
    sections = _section_titles(site)
    docs: list[Doc] = []
    for item in sorted(site.items.values(), key=lambda i: (i.section, sort_key(i))):
        if item.kind == "bron":
            continue
        sectie = sections.get(item.section, "") if not item.is_index else ""
        soort = "Pagina" if item.kind == "pagina" and not item.is_index else \
            ("Overzicht" if item.is_index else KIND_LABELS[item.kind])
        texts = _item_texts(item)
        headings = [line.lstrip("#").split("{", 1)[0] for line in item.body.split("\n") if line.startswith("#")]
        docs.append(Doc(display_title(item), item.url, soort, sectie, plain(getattr(item.data, "kort", "") or ""),
                        {"titel": [item.data.titel, display_title(item), *getattr(item.data, "trefwoorden", ())],
                         "kort": [getattr(item.data, "kort", "") or ""], "kop": headings, "tekst": texts}))
        docs += _part_docs(item)
    return docs


def _item_texts(item: Item) -> list[str]:
    texts = [plain(item.body)]
    for name, value in item.data:
        if name in ("titel", "korte_titel", "kort", "trefwoorden", "bronnen", "verwant", "standaard"):
            continue
        texts += [plain(s) for s in _strings(value)]
    return texts


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for child in value:
            yield from _strings(child)
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            if key not in ("id", "herkomst", "soort", "schaal"):
                yield from _strings(getattr(value, key))


def _part_docs(item: Item) -> list[Doc]:
    title = display_title(item)
    found = []
    if item.kind == "tipgroep":
        for tip in item.data.tips:
            found.append(Doc(_first(tip.tekst), f"{item.url}#{tip.id}", "Tip", title, plain(tip.controlevraag),
                             {"titel": [tip.tekst], "kort": [tip.controlevraag]}))
    if item.kind == "instrument":
        for node in _scored(item.data.onderdelen):
            texts = [plain(c.tekst or "") for c in node.onderdelen]
            found.append(Doc(_first(node.tekst or node.titel or ""), f"{item.url}#{node.id}", "Indicator", title,
                             plain(node.tekst or ""), {"titel": [node.tekst or node.titel or ""], "tekst": texts}))
    return found


def _scored(nodes: tuple[Onderdeel, ...]) -> Iterable[Onderdeel]:
    for node in nodes:
        if node.scored and node.onderdelen:
            yield node
        yield from _scored(node.onderdelen)


def _first(text: str, words: int = 12) -> str:
    parts = plain(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def build_index(docs: list[Doc]) -> dict[str, dict[str, list[list[float]]]]:
    """shard -> stem -> [[document, score], …], scores as tf·idf with field weights, best first."""
    weights: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for number, doc in enumerate(docs):
        for name, texts in doc.fields.items():
            for text in texts:
                for term in terms(text):
                    weights[term][number] += WEIGHTS[name]
    shards: dict[str, dict[str, list[list[float]]]] = defaultdict(dict)
    for term in sorted(weights):
        postings = weights[term]
        idf = math.log(1 + len(docs) / len(postings))
        ranked = sorted(postings.items(), key=lambda kv: (-kv[1], kv[0]))
        shards[shard(term)][term] = [[d, round((1 + math.log(w)) * idf, 3)] for d, w in ranked]
    return dict(shards)


def shard(term: str) -> str:
    key = re.sub(r"[^0-9a-z]", "_", term[:2].lower())
    return key if len(key) == 2 else key + "_"


def synonyms(site: Site) -> list[list[str]]:
    """Groups of stem sequences that mean the same thing: glossary terms with their full form, and synonym
    groups from _data/synoniemen.yml."""
    groups = []
    for term, begrip in site.begrippen.items():
        if begrip.voluit:
            groups.append([" ".join(terms(term)), " ".join(terms(begrip.voluit))])
    for words in getattr(site, "synoniemen", {}).values():
        groups.append([" ".join(terms(w)) for w in words.woorden])
    return [g for g in ([x for x in group if x] for group in groups) if len(g) > 1]


def write(site: Site, out: Path) -> None:
    """Write the index as script files under out/zoek/: a small start file (synonyms, which parts exist), the
    stems by their first two letters, and the documents' titles and addresses in pages of PAGE_SIZE, so that a
    query loads only the parts it needs, at any size of site."""
    docs = documents(site)
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shards = build_index(docs)
    pages = math.ceil(len(docs) / PAGE_SIZE)
    _script(folder / "documenten.js", "documenten",
            {"synoniemen": synonyms(site), "delen": sorted(shards), "per_pagina": PAGE_SIZE, "paginas": pages})
    for name, postings in sorted(shards.items()):
        _script(folder / f"d-{name}.js", "deel", {"naam": name, "termen": postings})
    for number in range(pages):
        chunk = docs[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
        _script(folder / f"p-{number}.js", "pagina", {"nummer": number, "documenten": [d.as_json() for d in chunk]})


def _script(path: Path, call: str, payload: Any) -> None:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
    path.write_text(f"window.ldZoek&&window.ldZoek.{call}({text});\n", encoding="utf-8")
