"""One shape for every content problem: `path:line[:col]: veld 'x': message` (Dutch)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in one content file, located as precisely as we can."""

    path: str
    line: int
    message: str
    field: str = ""
    column: int = 0

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        what = f"veld '{self.field}': {self.message}" if self.field else self.message
        return f"{where}: {what}"


class ContentError(Exception):
    """Raised when content has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    lines = [str(p) for p in sorted(problems)]
    n = len(lines)
    lines.append(f"{n} {'fout' if n == 1 else 'fouten'} in de inhoud; de site is niet gebouwd.")
    return "\n".join(lines)
