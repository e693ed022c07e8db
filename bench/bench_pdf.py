"""Benchmark the PDF step on the repository's own content: cold (empty cache) and warm (nothing changed).

Prints wall time, CPU time of this process and its workers, and CPU/wall for the cold render (two cores:
above 1.6 means both are busy). Not a test: the targets are printed beside the figures.

    .venv/bin/python bench/bench_pdf.py [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from leidraad.pdf import PdfBuilder  # noqa: E402
from leidraad.printing import Edition, Sheets  # noqa: E402
from leidraad.validate import check  # noqa: E402


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(printer: PdfBuilder, out: Path, workers: int) -> tuple[float, float, str]:
    cpu, wall = cpu_seconds(), time.perf_counter()
    report = printer.build(out, workers=workers, progress=lambda _: None)
    return time.perf_counter() - wall, cpu_seconds() - cpu, report.summary()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args()
    site = check(REPO).site
    with tempfile.TemporaryDirectory(prefix="leidraad-pdf-") as tmp:
        sheets = Sheets(site=site, root=REPO, edition=Edition("leidraad", "https://voorbeeld.invalid/", "01-01-2026"),
                        template_dirs=[REPO / "templates"])
        printer = PdfBuilder(sheets, root=REPO, cache_dir=Path(tmp) / "cache", template_dirs=[REPO / "templates"])
        cold_wall, cold_cpu, cold = run(printer, Path(tmp) / "out1", args.workers)
        warm_wall, warm_cpu, warm = run(printer, Path(tmp) / "out2", args.workers)
    print(f"cold: {cold_wall:.1f} s wall, {cold_cpu:.1f} s CPU, CPU/wall {cold_cpu / cold_wall:.2f} "
          f"(target > 1.6 on two cores) — {cold}")
    print(f"warm: {warm_wall:.1f} s wall, {warm_cpu:.1f} s CPU — {warm}")
    print(f"warm/cold wall: {warm_wall / cold_wall:.3f}")


if __name__ == "__main__":
    main()
