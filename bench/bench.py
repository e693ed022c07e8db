"""Benchmark: our engine versus plain MkDocs on the same generated Markdown.

For N synthetic activities (default 1000 and 5000; every text carries its number, so no cache can reuse one
activity's output for the next) it builds
  ours:  the content tree with the leidraad plugin (load, validate, generate pages, build, and the outputs plain
         MkDocs has no counterpart for: a printable /blad/ page per sheet, the search index, the offline zip);
  plain: exactly the Markdown our pages step generates, written to a folder, with the same mkdocs.yml
         minus our plugin (same theme, templates, extensions and sidebar).
Median of 3 runs each; prints wall time and peak memory, ours/plain, and the growth from the small to the
large N. Not a test: targets are printed beside the figures, never asserted.

    .venv/bin/python bench/bench.py [--sizes 1000 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "minimal"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "plugins"))

from leidraad.pages import build_nav, build_pages  # noqa: E402
from leidraad.validate import check  # noqa: E402

ACTIVITY = """---
titel: Synthetische activiteit {i}
kort: Een gegenereerde activiteit om de bouwtijd te meten ({i}).
aanbeveling: test-aanbeveling
doel: Deelnemers oefenen stap {i} van een reeks over verwachtingen en interactie in de klas.
doelgroep: [leerkrachten, team]
werkvorm: groepsgesprek
duur: 50
materiaal: [Werkblad, Pen, Post-its in drie kleuren]
voorbereiding: [Kopieer het werkblad voor elke deelnemer., Zet de tafels in groepjes van vier.]
stappen:
  - {{id: start, tekst: "Lees casus {i} en noteer wat je opvalt aan de verwachtingen van de leerkracht.", minuten: 10}}
  - {{id: duo, tekst: "Vergelijk in duo je notities bij casus {i} en zoek twee verschillen in aanpak.", minuten: 10}}
  - {{id: groep, tekst: "Bespreek welke kanalen in casus {i} het vaakst voorkomen: input, output, feedback, klimaat.",
      minuten: 15}}
  - {{id: plan, tekst: "Kies één gedrag dat je na casus {i} bewust anders doet en schrijf het op.", minuten: 10}}
  - {{id: slot, tekst: "Rond af met een korte ronde: wat neem je mee uit casus {i}?", minuten: 5}}
reflectievragen:
  - {{id: vraag-1, vraag: "Welke verwachting werd zichtbaar in je eigen gedrag ({i})?"}}
  - {{id: vraag-2, vraag: "Bij welke leerling wil je na casus {i} iets veranderen, en waarom?"}}
  - {{id: vraag-3, vraag: "Wat heb je nodig van je team om casus {i} vol te houden?"}}
invulvelden:
  - {{id: notities, label: Notities bij casus {i}, soort: regels, regels: 6}}
  - {{id: raster, label: Kanalen per leerling, soort: raster, rijen: [Leerling A, Leerling B, Leerling C],
      kolommen: [Input, Output, Feedback, Klimaat]}}
begeleidersnotities: |
  Bewaak de tijd bij stap 3 van casus {i}. Praat over gedrag, nooit over een collega als persoon.
---
Extra uitleg bij activiteit {i}: deze tekst staat er om de pagina een realistische lengte te geven. Leerkrachten
tonen hun verwachtingen via wat ze aanbieden, wat ze vragen, hoe ze feedback geven en welk klimaat ze scheppen.
"""


def make_tree(root: Path, n: int) -> Path:
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("site"))
    (root / "templates").symlink_to(REPO / "templates")
    (root / "plugins").symlink_to(REPO / "plugins")  # for the guard hook named in mkdocs.yml
    folder = root / "content" / "activiteiten"
    for i in range(n):
        (folder / f"synthetisch-{i:05}.md").write_text(ACTIVITY.format(i=i), encoding="utf-8")
    return root


class _Name(str):
    """A `!!python/name:` value of mkdocs.yml, kept as its tag."""


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_PY_NAME = "tag:yaml.org,2002:python/name:"
_Loader.add_multi_constructor(_PY_NAME, lambda loader, suffix, node: _Name(suffix))
_Dumper.add_representer(_Name, lambda dumper, value: dumper.represent_scalar(f"{_PY_NAME}{value}", ""))


def make_plain(ours: Path, plain: Path) -> Path:
    """The Markdown our pages step generates, as files, with our mkdocs.yml minus the plugin."""
    checked = check(ours)
    assert not checked.problems, checked.problems[:3]
    docs = plain / "content"
    for spec in build_pages(checked.site, [ours / "templates"]):
        target = docs / spec.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(spec.text(), encoding="utf-8")
    config = yaml.load((ours / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    config["plugins"] = [p for p in config["plugins"] if p != "leidraad"]
    config.pop("hooks", None)  # the guard that refuses a build without our plugin
    config["docs_dir"] = "content"
    config["nav"] = build_nav(checked.site)
    present = {e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]}
    config["markdown_extensions"] += sorted(
        {"abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "pymdownx.details",
         "pymdownx.superfences"} - present
    )
    (plain / "mkdocs.yml").write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True), encoding="utf-8")
    (plain / "templates").symlink_to(REPO / "templates")
    return plain


def timed_process(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit status, stderr) of one process, PDFs off (the site only)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LEIDRAAD_PDF": "0"}
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""  # before waiting: a full pipe blocks
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err


def timed_build(root: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one `mkdocs build` in a fresh process."""
    wall, peak, code, err = timed_process([str(BIN / "mkdocs"), "build", "-q"], root)
    if code != 0:
        raise SystemExit(f"build failed in {root}: {err}")
    return wall, peak


def median_build(root: Path, runs: int) -> tuple[float, float]:
    results = [timed_build(root) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="leidraad-bench-") as tmp:
        for n in args.sizes:
            ours = make_tree(Path(tmp) / f"ours-{n}", n)
            plain = make_plain(ours, Path(tmp) / f"plain-{n}")
            ours_t, ours_m = median_build(ours, args.runs)
            plain_t, plain_m = median_build(plain, args.runs)
            rows.append((n, ours_t, plain_t, ours_m, plain_m))
            print(f"N={n}: ours {ours_t:.2f} s {ours_m:.0f} MB | plain {plain_t:.2f} s {plain_m:.0f} MB | "
                  f"time ours/plain {ours_t / plain_t:.3f} (target ≤ 1.15) | "
                  f"memory ours/plain {ours_m / plain_m:.3f} (target ≤ 1.3)", flush=True)
            shutil.rmtree(ours)
            shutil.rmtree(plain)
    if len(rows) >= 2:
        (n1, ot1, pt1, om1, pm1), (n2, ot2, pt2, om2, pm2) = rows[0], rows[-1]
        time_growth = (ot2 / ot1) / (pt2 / pt1)
        mem_growth = (om2 / om1) / (pm2 / pm1)
        print(f"growth {n1}->{n2}: ours time ×{ot2 / ot1:.2f}, plain time ×{pt2 / pt1:.2f}, "
              f"ratio {time_growth:.3f} (target ≤ 1.1)")
        print(f"growth {n1}->{n2}: ours memory ×{om2 / om1:.2f}, plain memory ×{pm2 / pm1:.2f}, "
              f"ratio {mem_growth:.3f} (target ≤ 1.1)")
    print("reference (../shared/env-notes.md §2, plain Material with navigation.prune): "
          "1000 pages 6.3 s 66 MB; 5000 pages 44.9 s 172 MB")


if __name__ == "__main__":
    main()
