"""The one line an editor sees when the engine itself fails: what failed, where, and that it is a bug."""

from __future__ import annotations


def internal(exc: BaseException, what: str, where: str = "") -> str:
    place = f" bij {where}" if where else ""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return (f"interne fout in leidraad tijdens {what}{place} ({detail}); de inhoud is misschien in orde, maar de "
            "site is niet gebouwd en de vorige versie blijft staan. Meld dit als fout, met deze regel erbij.")
