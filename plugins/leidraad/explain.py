"""`leidraad explain <path>`: which layer provides an item, field by field (and that `_data` files merge by key)."""

from __future__ import annotations

from pathlib import Path

from .loading import item_id, load
from .overlay import BODY
from .sources import LOKAAL, OVERLAY_DIR, Layers


def explain(root: Path, path: str) -> str:
    layers = Layers.at(root)
    uri = path.removeprefix(f"{OVERLAY_DIR}/").removeprefix("content/")
    loaded = load(layers)
    source = next((s for s in loaded.sources if s.src_uri == uri), None)
    if source is None:
        return f"{uri}: geen bestand in {layers.display(layers.overlay)}/ of {layers.display(layers.content)}/"
    if uri.startswith("_data/"):
        if source.upstream is not None:
            return (f"{uri}: {source.display} wordt samengevoegd met {source.upstream.display}: per sleutel wint de "
                    "lokale waarde, sleutels die alleen upstream staan blijven gelden, nieuwe sleutels komen erbij")
        return f"{uri}: {source.display} ({'alleen lokaal' if source.layer == LOKAAL else 'upstream'})"
    stem = item_id(source)
    if stem in loaded.hidden:
        return f"{uri}: verborgen door {loaded.hidden[stem].hidden_by}"
    if source.layer != LOKAAL:
        return f"{uri}: {source.display} (upstream; geen lokale versie)"
    if source.upstream is None:
        return f"{uri}: {source.display} (alleen in de lokale laag; nieuw item)"
    raw = loaded.raw_items.get(stem)
    if raw is None or raw.layers_of.get("*"):
        return f"{uri}: {source.display} vervangt {source.upstream.display} volledig (vervangt: true)"
    lines = [f"{uri}: {source.display} past {source.upstream.display} aan, veld per veld:"]
    for key, layer in sorted(raw.layers_of.items(), key=lambda kv: (kv[0] == BODY, kv[0])):
        label = "tekst (inhoud)" if key == BODY else key
        lines.append(f"  {label}: {'lokaal' if layer.startswith('lokaal') else 'upstream'}"
                     + (" (verborgen)" if "verborgen" in layer else ""))
    return "\n".join(lines)
