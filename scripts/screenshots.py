"""Screenshots of every page kind at 1280 px and 390 px, to look at (not committed as images).

    .venv/bin/python scripts/screenshots.py [site-folder] [output-folder]

Serves the built site on 127.0.0.1, opens one page of each kind in Debian's Chromium and writes
<output>/<kind>-<width>.png (the first screen) and <kind>-<width>-hele.png (the whole page).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

KINDS = {
    "start": "", "overzicht-activiteiten": "activiteiten/", "overzicht-tips": "tips/",
    "aanbeveling": "aanbevelingen/heldere-leerdoelen/", "activiteit": "activiteiten/typen-doelen-en-kwaliteitsbesef/",
    "factor": "factoren/expressie/", "tipgroep": "tips/tips-oudercontacten/",
    "instrument-kijkwijzer": "instrumenten/kijkwijzer-klasobservatie/", "instrument-lbs": "instrumenten/lbs-scan/",
    "bundel": "bundels/studiedag-verwachtingen/", "pagina": "over/eigen-versie/", "literatuur": "bronnen/",
    "begrippen": "over/begrippen/", "blad": "blad/typen-doelen-en-kwaliteitsbesef/",
}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ".cache/schermafbeeldingen").resolve()
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 900}, locale="nl-BE")
            for kind, url in KINDS.items():
                page.goto(base + url, wait_until="networkidle")
                page.screenshot(path=str(out / f"{kind}-{width}.png"))
                page.screenshot(path=str(out / f"{kind}-{width}-hele.png"), full_page=True)
            page.close()
        browser.close()
    server.shutdown()
    print(f"{len(KINDS) * 4} schermafbeeldingen in {out}")


if __name__ == "__main__":
    main()
