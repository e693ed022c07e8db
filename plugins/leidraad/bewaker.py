"""MkDocs hook (listed under `hooks:` in mkdocs.yml): refuse a build that runs without the leidraad plugin.

Without the plugin nothing validates or sanitizes the content. MkDocs runs this hook's on_config before it empties
site_dir, so such a build stops before it writes anything. (A tool that skips hooks too finds only the empty
`docs_dir`: the content is in `content/`, which only the plugin reads.)
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError


def on_config(config: Any) -> Any:
    if "leidraad" not in config.plugins:
        raise PluginError(
            "deze site wordt gebouwd met de leidraad-plugin, en die staat niet in de lijst 'plugins' van "
            f"{config.config_file_path or 'mkdocs.yml'}; zonder die plugin wordt de inhoud niet gecontroleerd. "
            "Bouw met `make site` (zie de README); er is niets geschreven."
        )
    return config
