"""Time parse-only and full check per plan, per format, in one process (models loaded once).

Usage: python benchmarks/bench_check.py DIR_OR_FILES... [--repeat N]
Prints median and p95 seconds per plan, word counts and peak RSS. Not part of the tests.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections import defaultdict
from pathlib import Path

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.pipeline import check_plan, parse

SUFFIXES = {".docx", ".pdf", ".txt", ".md"}


def plan_files(targets: list[Path]) -> list[Path]:
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files.extend(p for p in sorted(target.rglob("*")) if p.suffix.lower() in SUFFIXES)
        else:
            files.append(target)
    return files


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("targets", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    parse_times: dict[str, list[float]] = defaultdict(list)
    check_times: dict[str, list[float]] = defaultdict(list)
    words: dict[str, list[int]] = defaultdict(list)
    for path in plan_files(args.targets):
        fmt = path.suffix.lower().lstrip(".")
        try:
            for _ in range(args.repeat):
                started = time.perf_counter()
                plan = parse(path)
                parsed = time.perf_counter()
                check_plan(plan)
                done = time.perf_counter()
                parse_times[fmt].append(parsed - started)
                check_times[fmt].append(done - started)
        except EhcpLintError as error:
            print(f"skipped: {error.message}")
            continue
        words[fmt].append(sum(s.word_count for s in plan.sections.values()))
    print("format  plans  words(median)  parse median  check median  check p95")
    for fmt in sorted(check_times):
        print(
            f"{fmt:<7} {len(words[fmt]):>5}  {statistics.median(words[fmt]):>13.0f}"
            f"  {statistics.median(parse_times[fmt]):>11.4f}s"
            f"  {statistics.median(check_times[fmt]):>11.4f}s"
            f"  {percentile(check_times[fmt], 0.95):>8.4f}s"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
