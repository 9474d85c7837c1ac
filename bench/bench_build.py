"""Build timings on the seed and on a corpus ten times its size, against the 3 s seed target.

Run: .venv/bin/python bench/bench_build.py [--runs 5] [--scale 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from policygraph.paths import SOURCES_DIR
from policygraph.pipeline import build

TARGET_S = 3.0


def time_build(sources: list[Path], runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            result = build(sources, Path(tmp) / "out")
            for stage, seconds in result.timings.items():
                samples.setdefault(stage, []).append(seconds)
    return {stage: statistics.median(values) for stage, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    seed = sorted(SOURCES_DIR.glob("*.txt"))
    seed_times = time_build(seed, args.runs)
    print(f"seed ({len(seed)} file): median of {args.runs} builds")
    for stage, seconds in seed_times.items():
        print(f"  {stage:12s} {seconds:7.3f} s")
    total = seed_times["total"]
    print(f"  total vs target {TARGET_S:.1f} s: {total / TARGET_S:.2f}x of the budget")
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for i in range(args.scale):
            for f in seed:
                copy = Path(tmp) / f"{f.stem}-copy{i:02d}.txt"
                shutil.copyfile(f, copy)
                copies.append(copy)
        scaled = time_build(copies, 1)
    print(
        f"{args.scale}x corpus ({len(copies)} files): total {scaled['total']:.2f} s "
        f"= {scaled['total'] / total:.1f}x the seed time for {args.scale}x the data"
    )


if __name__ == "__main__":
    main()
