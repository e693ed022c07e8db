"""Benchmark: hostile or careless input is refused quickly, with a Dutch message, in bounded memory.

For each case it writes one bad file into a copy of the minimal fixture and times `leidraad check` and
`mkdocs build` on it as whole processes, next to the same commands on the clean copy. It prints wall time and
peak memory, the ratio to the clean run, the exit status and the first line of the message. Before the limits a
600-byte alias bomb ran until memory ran out, 500 levels of nesting gave a traceback and a 60,000-character line
took `check` 72–96 s and the build 615 s. Not a test: the expectation (exit 1, a Dutch message, time and memory
close to a clean run) is printed beside the figures, never asserted; tests/fixtures/broken/ asserts the messages.

    .venv/bin/python bench/bench_limits.py [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import timed_process  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "minimal"
BIN = Path(sys.executable).parent
TARGET = "content/over/colofon.md"

ALIASES = "\n".join(
    ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    + [f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
)
CASES = {
    "alias-bom (600 bytes)": f"---\ntitel: Colofon\n{ALIASES}\n---\nTekst.\n",
    "500 niveaus diep": "---\ntitel: Colofon\nx: " + "[" * 500 + "]" * 500 + "\n---\nTekst.\n",
    "expliciete YAML-tag": "---\ntitel: !!int 12\n---\nTekst.\n",
    "regel van 60.000 tekens": "---\ntitel: Colofon\n---\n" + "woord " * 10_000 + "\n",
    "regel van 1 MB": "---\ntitel: Colofon\n---\n" + "x" * 1_000_000 + "\n",
    "100.000 haakjes": "---\ntitel: Colofon\n---\n" + "[" * 100_000 + "\n",
    "20.000 regels tekst": "---\ntitel: Colofon\n---\n" + "Een gewone zin over verwachtingen.\n" * 20_000,
}


def timed(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit status, first message line of stderr) of one process."""
    wall, peak, code, err = timed_process(args, cwd)
    lines = [line for line in err.splitlines()
             if line.strip() and not line.startswith("INFO") and line.strip() not in ("ERROR   -", "ERROR -")]
    return wall, peak, code, (lines[0] if lines else "")[:150]


def median(args: list[str], cwd: Path, runs: int) -> tuple[float, float, int, str]:
    results = [timed(args, cwd) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            results[-1][2], results[-1][3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    commands = {"check": [str(BIN / "leidraad"), "check"], "build": [str(BIN / "mkdocs"), "build", "-q"]}
    with tempfile.TemporaryDirectory(prefix="leidraad-grenzen-") as tmp:
        root = Path(tmp) / "boom"
        shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("site"))
        (root / "templates").symlink_to(REPO / "templates")
        (root / "plugins").symlink_to(REPO / "plugins")
        clean_text = (root / TARGET).read_text(encoding="utf-8")
        clean = {name: median(cmd, root, args.runs) for name, cmd in commands.items()}
        for name, (wall, peak, code, _) in clean.items():
            print(f"schoon, {name}: {wall:.2f} s, {peak:.0f} MB, exit {code}")
        for case, text in CASES.items():
            (root / TARGET).write_text(text, encoding="utf-8")
            for name, cmd in commands.items():
                wall, peak, code, message = median(cmd, root, args.runs)
                base_wall, base_peak = clean[name][0], clean[name][1]
                print(f"{case}, {name}: {wall:.2f} s ({wall / base_wall:.2f} × schoon), {peak:.0f} MB "
                      f"({peak / base_peak:.2f} × schoon), exit {code} (verwacht 1) | {message}", flush=True)
        (root / TARGET).write_text(clean_text, encoding="utf-8")


if __name__ == "__main__":
    main()
