"""Benchmark: our Dutch search versus Material's built-in search, in headless Chromium.

For the repository's own content and for N synthetic activities (default 1000 and 5000) it builds
  ours:     the site with the leidraad plugin (its search: stems and shards under zoek/, loaded on the first query);
  material: the same generated Markdown built without our plugin, with Material's own search plugin and search box
            (search_index.json, indexed in a Web Worker when the page loads).
Both are served over HTTP from this machine. It prints, per site:
  payload    bytes a page loads before anyone types (all of it, also gzip-compressed as a web server sends it,
             and the part that is search: index, worker, stemmer, our search script);
  first      time from the first key press to the first result on screen, typed as soon as the page's HTML is
             there (cold) and once the page has settled (settled), median of the runs; and what the first query
             loads (our index parts; Material has loaded its whole index before);
  hit@3      for the real content only: the share of tests/data/zoekvragen.yml whose expected page is among the
             first three results.
Not a test: targets (first result < 300 ms at 5000 items, < 150 kB before the first query, hit@3 >= 90 %) are
printed beside the figures, never asserted.

    .venv/bin/python bench/bench_search.py [--sizes 1000 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import yaml
from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, make_plain, make_tree, timed_build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
QUERIES = yaml.safe_load((REPO / "tests/data/zoekvragen.yml").read_text(encoding="utf-8"))
INPUT = "input.md-search__input"
ITEM = ".md-search-result__item"
# Records, in the page, the first key press in the search box and the moment the first result is in the DOM.
PROBE = """
window.__zoek = {};
document.addEventListener("keydown", e => {
  if (e.target.matches && e.target.matches("input.md-search__input") && !window.__zoek.key)
    window.__zoek.key = performance.now();
}, true);
new MutationObserver(() => {
  if (window.__zoek.key && !window.__zoek.result && document.querySelector(".md-search-result__item"))
    window.__zoek.result = performance.now();
}).observe(document, {childList: true, subtree: true});
"""
SEARCH_PART = ("/zoek/", "zoeken.js", "search_index.json", "/workers/search", "/lunr/")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def with_material_search(plain: Path) -> None:
    """Material's own search box instead of ours: our templates minus our search partial."""
    (plain / "templates").unlink()
    shutil.copytree(REPO / "templates", plain / "templates", ignore=shutil.ignore_patterns("search.html"))


def payload(browser: Browser, address: str, folder: Path) -> tuple[int, int, int]:
    """(all bytes, the same gzip-compressed as a web server sends them, search bytes) that a fresh page loads
    before anyone types, Material's worker included."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    urls: list[str] = []
    page.on("requestfinished", lambda r: urls.append(r.url))
    page.goto(address, wait_until="networkidle")
    page.wait_for_timeout(1500)  # Material fetches its index from the worker after the page has loaded
    page.close()
    everything, compressed = loaded(folder, urls)
    search, _ = loaded(folder, [url for url in urls if any(part in url for part in SEARCH_PART)])
    return everything, compressed, search


def first_result(browser: Browser, address: str, query: str, settled: bool) -> tuple[float, list[str]]:
    """Milliseconds from the first key press in the search box to the first result on screen, and the addresses
    the page requested from the key press on."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(PROBE)
    page.goto(address, wait_until="networkidle" if settled else "domcontentloaded")
    if settled:
        page.wait_for_timeout(1500)
    page.click(INPUT)
    after: list[str] = []
    page.on("requestfinished", lambda r: after.append(r.url))
    page.keyboard.type(query)
    page.wait_for_selector(ITEM, timeout=60_000)
    page.wait_for_function("window.__zoek.result")
    page.wait_for_load_state("networkidle")
    times = page.evaluate("window.__zoek")
    page.close()
    return float(times["result"] - times["key"]), after


def loaded(folder: Path, urls: list[str]) -> tuple[int, int]:
    """(bytes, gzip-compressed bytes) of the site's files at these addresses."""
    files = {folder / (urlparse(url).path.lstrip("/") or ".") for url in urls}
    data = [(path / "index.html" if path.is_dir() else path).read_bytes() for path in files]
    return sum(map(len, data)), sum(len(gzip.compress(body)) for body in data)


def top_three(page: Page, query: str) -> list[str]:
    """The first three distinct pages a query shows, as paths under the site."""
    page.fill(INPUT, "")
    page.wait_for_function(f"!document.querySelector('{ITEM}')")
    page.type(INPUT, query + " ")
    try:
        page.wait_for_selector(ITEM, timeout=3000)
    except Exception:  # no result at all: a miss, not a failure of the benchmark
        return []
    page.wait_for_timeout(300)  # both searches refine while typing; take what stands
    hrefs = page.eval_on_selector_all(f"{ITEM} > a.md-search-result__link",
                                      "els => els.map(e => new URL(e.href).pathname)")
    pages: list[str] = []
    for href in hrefs:
        path = urlparse(href).path.lstrip("/").split("#")[0]
        if path not in pages:
            pages.append(path)
    return pages[:3]


def hit_rate(browser: Browser, address: str) -> tuple[int, list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(address, wait_until="networkidle")
    page.wait_for_timeout(1500)
    page.click(INPUT)
    hits, misses = 0, []
    for query in QUERIES:
        top = top_three(page, query["vraag"])
        if any(p == want for p in top for want in query["verwacht"]):
            hits += 1
        else:
            misses.append(query["vraag"])
    page.close()
    return hits, misses


def measure(browser: Browser, name: str, site: Path, query: str, runs: int, hits: bool) -> dict[str, object]:
    with served(site) as address:
        everything, compressed, search = payload(browser, address, site)
        cold = statistics.median(first_result(browser, address, query, settled=False)[0] for _ in range(runs))
        settled_runs = [first_result(browser, address, query, settled=True) for _ in range(runs)]
        settled = statistics.median(ms for ms, _ in settled_runs)
        query_bytes, query_gzip = loaded(site, settled_runs[0][1])
        row: dict[str, object] = {"site": name, "all_kb": everything / 1000, "gzip_kb": compressed / 1000,
                                  "search_kb": search / 1000,
                                  "cold_ms": cold, "settled_ms": settled, "query_kb": query_bytes / 1000,
                                  "query_gzip_kb": query_gzip / 1000}
        if hits:
            row["hits"], row["misses"] = hit_rate(browser, address)
    line = (f"{name}: before the first query {row['all_kb']:.0f} kB ({row['gzip_kb']:.0f} kB gzipped), of which "
            f"search {row['search_kb']:.0f} kB (target < 150 kB) | first result cold {cold:.0f} ms, "
            f"settled {settled:.0f} ms (target < 300 ms) | the first query loads {query_bytes / 1000:.0f} kB "
            f"({query_gzip / 1000:.0f} kB gzipped)")
    if hits:
        line += f" | hit@3 {row['hits']}/{len(QUERIES)} = {row['hits'] / len(QUERIES):.0%} (target ≥ 90 %)"
        line += f"; missed: {', '.join(row['misses']) or '–'}"  # type: ignore[arg-type]
    print(line, flush=True)
    return row


def real_tree(tmp: Path) -> Path:
    root = tmp / "ours-echt"
    root.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    (root / "plugins").symlink_to(REPO / "plugins")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leidraad-zoek-") as name, sync_playwright() as p:
        tmp = Path(name)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        trees = [("echt", real_tree(tmp), "klasklimaat")]
        trees += [(f"N={n}", make_tree(tmp / f"ours-{n}", n), "verwachtingen") for n in args.sizes]
        for label, ours, query in trees:
            plain = make_plain(ours, tmp / f"material-{label}")
            with_material_search(plain)
            for root in (ours, plain):
                timed_build(root)
            real = label == "echt"
            measure(browser, f"{label} ours", ours / "site", query, args.runs, real)
            measure(browser, f"{label} material", plain / "site", query, args.runs, real)
            shutil.rmtree(ours)
            shutil.rmtree(plain)
        browser.close()


if __name__ == "__main__":
    main()
