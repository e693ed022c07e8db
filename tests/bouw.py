"""Run `mkdocs` in this process with a part of leidraad switched off or broken (for the security tests only).

    python tests/bouw.py zonder-html-controle build --strict   # the validator's HTML rules off: the sanitizer alone
    python tests/bouw.py interne-fout build                     # an unexpected exception inside the plugin
    python tests/bouw.py check-fout --map <dir> check           # an unexpected exception inside `leidraad check`
"""

from __future__ import annotations

import sys
from typing import Any

from mkdocs.__main__ import cli


def main() -> None:
    mode = sys.argv[1]
    if mode == "zonder-html-controle":
        import leidraad.mdcheck as mdcheck

        def nothing(text: str) -> list[Any]:
            return []

        import leidraad.validate as validate

        mdcheck.unsafe = nothing
        mdcheck.plain = nothing
        validate.check_links = lambda *args: []
    elif mode == "interne-fout":
        import leidraad.pages as pages

        def boom(self: Any) -> Any:
            raise RuntimeError("opzettelijke fout voor de test")

        pages.Pages.all = boom  # type: ignore[method-assign]
    elif mode == "check-fout":
        import leidraad.validate as validate
        from leidraad.cli import main as leidraad_main

        def crash(*args: Any) -> Any:
            raise RuntimeError("opzettelijke fout voor de test")

        validate.load = crash
        sys.exit(leidraad_main(sys.argv[2:]))
    sys.argv = ["mkdocs", *sys.argv[2:]]
    cli()


if __name__ == "__main__":
    main()
