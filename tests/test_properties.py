"""Property tests: whatever an editor writes, the engine answers with our problems, never an exception; and any
valid item goes all the way to sanitized HTML. `make test` tries 100 examples per property, `make test-all`
10,000 (LEIDRAAD_VOORBEELDEN)."""

from __future__ import annotations

import os
import re
import string
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import REPO, make_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from leidraad import mdcheck
from leidraad.loading import validate_schema
from leidraad.model import Item
from leidraad.pages import Pages
from leidraad.problems import Problem
from leidraad.reading import RawItem, read_raw
from leidraad.sanitize import clean
from leidraad.sources import UPSTREAM, Layers, SourceFile, collect
from leidraad.validate import check
from leidraad.yamlread import YamlProblem, parse_yaml

EXAMPLES = int(os.environ.get("LEIDRAAD_VOORBEELDEN", "100"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences"]
HOSTILE = st.sampled_from(["<script>x</script>", "<img src=x onerror=y>", "javascript:x", "{: onclick=y }", "&a;",
                           '"><svg/onload=y>', "[a](javascript:y)", "<iframe>", "{{ x }}", "{% x %}", "`", "|", "#",
                           "- ", "> ", "    ", "\n", "---", "*", "_", "[", "]", "(", ")", "<", ">", ":", "é", "\t"])
TEXT = st.lists(st.one_of(st.text(max_size=12), HOSTILE), max_size=12).map("".join)
YAML_ALPHABET = string.ascii_letters + string.digits + " :-[]{},'\"#&*!|>\n\t?%@`~.\\/"
pytestmark = pytest.mark.eigenschappen


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    """The minimal site's page builder (templates compiled once); a generated item is rendered beside it."""
    return Pages(check(make_tree(tmp_path_factory.mktemp("eigenschappen") / "boom")).site, [REPO / "templates"])


class Tags(HTMLParser):
    """Every tag and attribute of an HTML text (what a browser would build), to look for code in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "form", "input", "button", "style", "textarea", "select"):
            self.bad.append(tag)
        for name, value in attrs:
            squeezed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or squeezed.startswith(("javascript:", "vbscript:", "data:text")):
                self.bad.append(f"{tag} {name}={value}")


@SETTINGS
@given(st.text(alphabet=YAML_ALPHABET, max_size=300))
def test_any_yaml_text_gives_values_or_our_problem(text: str) -> None:
    try:
        parse_yaml(text)
    except YamlProblem as problem:
        assert problem.message.startswith("YAML-fout: ")


@SETTINGS
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                    max_leaves=20),
       st.sampled_from(["activiteit", "instrument", "tipgroep", "aanbeveling", "bundel", "pagina", "bron"]))
def test_any_front_matter_gives_only_our_problems(value: Any, kind: str) -> None:
    text = yaml.safe_dump({"titel": "x", "veld": value}, allow_unicode=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.md"
        path.write_text(f"---\n{text}---\nTekst.\n", encoding="utf-8")
        problems: list[Problem] = []
        raw = read_raw(SourceFile("over/x.md", path, UPSTREAM, "content/over/x.md"), kind, problems)
    if raw is None:
        assert problems and all(isinstance(p, Problem) for p in problems)
        return
    raw.data = {**raw.data, **(value if isinstance(value, dict) else {})}
    validate_schema(raw, problems)
    for found in mdcheck.strings(value):
        mdcheck.text_findings(mdcheck.text_kind(found[0]) or "markdown", found[1])
    assert all(isinstance(p, Problem) and str(p).startswith("content/over/x.md:") for p in problems)


@SETTINGS
@given(st.lists(st.text(min_size=1, max_size=20).filter(lambda n: "/" not in n and "\x00" not in n
                                                         and n not in (".", "..")), min_size=1, max_size=3))
def test_any_file_name_gives_only_our_problems(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content/over").mkdir(parents=True)
        for name in names:
            try:
                (root / "content/over" / name).write_text("---\ntitel: x\n---\n", encoding="utf-8")
            except OSError:
                return  # a name the file system itself refuses (too long in bytes)
        problems: list[Problem] = []
        files = collect(Layers.at(root), problems)
        for name in names:
            if name.startswith(".") or name.endswith("~"):
                continue  # hidden files and editor backups: never read, never published (documented)
            ok = re.fullmatch(r"[a-z0-9][a-z0-9-]*\.md", name) is not None
            listed = f"over/{name}" in {f.src_uri for f in files}
            assert listed == ok, name  # a file is either an accepted id or an error, never silently dropped
            assert ok or any(f"content/over/{name}" == p.path for p in problems), name


@st.composite
def activities(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), min_size=8, max_size=8,
                        unique=True))
    minutes = draw(st.lists(st.integers(0, 30), min_size=3, max_size=3))
    duur = max(1, sum(minutes))
    plain = st.text(alphabet=string.ascii_letters + " éëàç,.'?!-", min_size=1, max_size=40).filter(str.strip)
    return {
        "titel": draw(plain), "kort": draw(plain), "aanbeveling": "test-aanbeveling", "doel": draw(TEXT.filter(
            str.strip)), "doelgroep": ["leerkrachten"], "werkvorm": "duo", "duur": duur,
        "materiaal": [draw(TEXT.filter(str.strip))], "voorbereiding": [draw(TEXT.filter(str.strip))],
        "stappen": [{"id": ids[i], "tekst": draw(TEXT.filter(str.strip)), "minuten": m} for i, m in
                    enumerate(minutes)],
        "reflectievragen": [{"id": ids[3], "vraag": draw(TEXT.filter(str.strip))},
                            {"id": ids[4], "vraag": draw(plain)}],
        "invulvelden": [{"id": ids[5], "label": draw(plain), "soort": "regels", "regels": 2},
                        {"id": ids[6], "label": draw(plain), "soort": "raster", "rijen": [draw(plain)],
                         "kolommen": [draw(plain)]}],
        "begeleidersnotities": draw(TEXT.filter(str.strip)),
        "bijlagen": [{"id": ids[7], "titel": draw(plain), "tekst": draw(TEXT.filter(str.strip))}],
    }


@SETTINGS
@given(activities(), TEXT)
def test_any_valid_item_goes_through_to_sanitized_html(minimal: Pages, data: dict[str, Any], body: str) -> None:
    source = SourceFile("activiteiten/gegenereerd.md", Path("content/activiteiten/gegenereerd.md"), UPSTREAM,
                        "content/activiteiten/gegenereerd.md")
    problems: list[Problem] = []
    raw = RawItem(source, "activiteit", "gegenereerd", data, {(): 2}, body, 30)
    validated = validate_schema(raw, problems)
    assert problems == [] and validated is not None
    item = Item("gegenereerd", "activiteit", source.src_uri, source.display, UPSTREAM, validated, body, 30)
    spec = minimal.page(item)
    html = clean(markdown.markdown(spec.markdown, extensions=EXTENSIONS))
    tags = Tags()
    tags.feed(html)
    tags.close()
    assert tags.bad == []
