"""Speed and memory of ehcp-lint against the targets of issue 9 (run by `make bench`).

    python benchmarks/run.py CORPUS_DIR [--out benchmarks/results.md] [--plans 40]

CORPUS_DIR holds plans from `python -m corpora_synthetic.generate` (docx, pdf, txt). Generated
plans are ~800 words, so the .docx ones are lengthened to ~2,500 words (the size of a real plan)
by repeating each section's content (headings kept once) into a scratch folder. Measured:

- per plan, in one warm process: parse-only and full-check seconds (median, p95) per format;
- a folder of 2,500-word .docx plans through `ehcp_lint.batch.audit` with 1 and 2 workers, each
  run in a fresh interpreter: plans per second (pool start-up included) and peak RSS per worker;
- growth with length: the same plans at 1x, 4x and 16x their content;
- cold start: wall time of the `ehcp-lint check` command on one plan, and import times;
- where the time goes: a cProfile of checking the 2,500-word plans.

Prints a table and writes it (Markdown) to --out. Not part of the tests.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from ehcp_lint.pipeline import check_plan, parse

TARGET_WORDS = 2_500
GROWTH_FACTORS = (1, 4, 16)
GROWTH_PLANS = 4
REPEATS = 3
COLD_RUNS = 5
SUFFIXES = (".docx", ".pdf", ".txt")
REPO = Path(__file__).resolve().parents[1]


class Timing(BaseModel):
    """Seconds per plan for one set of plans."""

    label: str
    plans: int
    words: float
    parse_median: float
    check_median: float
    check_p95: float


class Throughput(BaseModel):
    jobs: int
    plans: int
    errors: int
    seconds: float
    cpu_seconds: float = Field(description="user + system time of the workers and the parent")
    peak_rss_mb_per_worker: float
    load_before: float = Field(description="1-minute load average when the run started")

    @property
    def plans_per_second(self) -> float:
        return self.plans / self.seconds

    @property
    def cpu_per_plan(self) -> float:
        return self.cpu_seconds / self.plans


class Target(BaseModel):
    measure: str
    value: str
    target: str
    met: bool


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------


def plan_files(folder: Path, suffix: str, limit: int) -> list[Path]:
    return sorted(folder.glob(f"*{suffix}"))[:limit]


def word_count(path: Path) -> int:
    return sum(section.word_count for section in parse(path).sections.values())


def lengthened_docx(source: Path, target: Path, times: int) -> Path:
    """A copy of a .docx plan with each section's content repeated `times` times in place.

    Headings of any level stay single (a plan with 16 "Parent views" subheadings in a row is
    not a longer plan, it is a different one), and so do elements holding a section heading
    (tables whose rows carry the headings) and the front matter before the first section."""
    import docx
    from docx.oxml.ns import qn

    headings = {s.heading for s in parse(source).sections.values() if s.heading}
    document = docx.Document(str(source))
    in_sections = False
    for element in [child for child in document.element.body if child.tag != qn("w:sectPr")]:
        text = "".join(element.itertext())
        if any(heading in text for heading in headings):
            in_sections = True
        elif in_sections and not _is_heading_paragraph(element):
            for _ in range(times - 1):
                element.addnext(copy.deepcopy(element))
    document.save(str(target))
    return target


def _is_heading_paragraph(element: object) -> bool:
    from docx.oxml.ns import qn

    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")  # type: ignore[attr-defined]
    name = style.get(qn("w:val"), "") if style is not None else ""
    return name.lower().startswith(("heading", "title"))


def plan_sized_docx(sources: list[Path], folder: Path) -> list[Path]:
    """Each .docx lengthened to about TARGET_WORDS words (a whole number of repeats)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        lengthened_docx(path, folder / path.name, max(1, round(TARGET_WORDS / word_count(path))))
        for path in sources
    ]


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_plans(label: str, files: list[Path]) -> Timing:
    """Parse-only and parse+check seconds per plan (median of REPEATS runs per plan)."""
    parse_times, check_times, words = [], [], []
    for path in files:
        runs = [_time_one(path) for _ in range(REPEATS)]
        parse_times.append(statistics.median(run[0] for run in runs))
        check_times.append(statistics.median(run[1] for run in runs))
        words.append(runs[0][2])
    return Timing(
        label=label,
        plans=len(files),
        words=statistics.median(words),
        parse_median=statistics.median(parse_times),
        check_median=statistics.median(check_times),
        check_p95=percentile(check_times, 0.95),
    )


def _time_one(path: Path) -> tuple[float, float, int]:
    started = time.perf_counter()
    plan = parse(path, timeout=None)
    parsed = time.perf_counter()
    check_plan(plan)
    done = time.perf_counter()
    words = sum(section.word_count for section in plan.sections.values())
    return parsed - started, done - started, words


def throughput(folder: Path, jobs: int) -> Throughput:
    """Audit the folder with `jobs` workers in a fresh interpreter (as a user would)."""
    result = subprocess.run(
        [sys.executable, __file__, "--audit-child", str(folder), "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return Throughput.model_validate_json(result.stdout)


def audit_child(folder: Path, jobs: int) -> None:
    """In the child: time the audit; RUSAGE_CHILDREN's maxrss is the largest worker's peak."""
    from ehcp_lint.batch import audit
    from ehcp_lint.errors import EhcpLintError

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    results = list(audit([folder], jobs=jobs))
    seconds = time.perf_counter() - started
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    parent = resource.getrusage(resource.RUSAGE_SELF)
    cpu = workers.ru_utime + workers.ru_stime + parent.ru_utime + parent.ru_stime
    errors = sum(isinstance(result, EhcpLintError) for result in results)
    report = Throughput(
        jobs=jobs,
        plans=len(results),
        errors=errors,
        seconds=seconds,
        cpu_seconds=cpu,
        peak_rss_mb_per_worker=workers.ru_maxrss / 1024,
        load_before=load_before,
    )
    print(report.model_dump_json())


def growth(sources: list[Path], folder: Path) -> list[Timing]:
    timings = []
    for factor in GROWTH_FACTORS:
        sub = folder / f"x{factor}"
        sub.mkdir(parents=True, exist_ok=True)
        files = [lengthened_docx(path, sub / path.name, factor) for path in sources]
        timings.append(time_plans(f"docx x{factor}", files))
    return timings


def cold_start(plan: Path) -> dict[str, float]:
    """Wall seconds of whole commands, median of COLD_RUNS, and import time of the CLI."""
    cli = shutil.which("ehcp-lint", path=str(Path(sys.executable).parent)) or "ehcp-lint"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report.json"
        commands = {
            "ehcp-lint --version": [cli, "--version"],
            "ehcp-lint check (one .docx, JSON)": [
                cli,
                "check",
                str(plan),
                "-f",
                "json",
                "-o",
                str(out),
            ],
        }
        walls = {name: _median_wall(command) for name, command in commands.items()}
    check_wall = walls["ehcp-lint check (one .docx, JSON)"]
    for part, share in _cold_check_shares(cli, plan).items():
        walls[f"  of which {part} (share of a cProfile run x wall)"] = share * check_wall
    walls["import ehcp_lint.cli"] = _import_seconds("ehcp_lint.cli")
    walls["import ehcp_lint"] = _import_seconds("ehcp_lint")
    return walls


def slowest_imports(plan: Path, top: int = 8) -> list[tuple[str, float]]:
    """Modules imported at top level while `ehcp-lint check` runs, by cumulative seconds."""
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-X", "importtime", "-m", "ehcp_lint", "check", str(plan)]
        result = subprocess.run(
            [*command, "-f", "json", "-o", str(Path(scratch) / "report.json")],
            capture_output=True,
            text=True,
            check=False,
        )
    imports = []
    for row in result.stderr.splitlines():
        parts = row.split("|")
        if row.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            if name.startswith(" ") and not name.startswith("  "):  # top level: one space
                imports.append((name.strip(), int(parts[1]) / 1e6))
    return sorted(imports, key=lambda item: item[1], reverse=True)[:top]


def _cold_check_shares(cli: str, plan: Path) -> dict[str, float]:
    """Shares of one cold `ehcp-lint check` (under cProfile) spent importing modules and
    compiling regular expressions (rule term lists become patterns on first use)."""
    with tempfile.TemporaryDirectory() as scratch:
        stats_file, out = Path(scratch) / "cold.prof", Path(scratch) / "report.json"
        command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), cli, "check"]
        subprocess.run([*command, str(plan), "-f", "json", "-o", str(out)], check=False)
        stats = pstats.Stats(str(stats_file))
    total = stats.total_tt or 1.0  # type: ignore[attr-defined]
    return {
        "imports": _cumulative(stats, "_bootstrap>", "_find_and_load") / total,
        "compiling regular expressions": _cumulative(stats, "re/__init__.py", "_compile") / total,
    }


def _median_wall(command: list[str]) -> float:
    walls = []
    for _ in range(COLD_RUNS):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        walls.append(time.perf_counter() - started)
    return statistics.median(walls)


def _import_seconds(module: str) -> float:
    """Cumulative import time of `module` from `python -X importtime` (median of runs)."""
    seconds = []
    for _ in range(COLD_RUNS):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        )
        line = next(
            row for row in reversed(result.stderr.splitlines()) if row.rstrip().endswith(module)
        )
        seconds.append(int(line.split("|")[1]) / 1e6)
    return statistics.median(seconds)


# Pipeline stages as (file name ending, function) in the profile, for "where the time goes".
STAGES = {
    "read .docx (python-docx + our walker)": ("docx_reader.py", "read_docx"),
    "segment into sections A-K": ("segment.py", "segment"),
    "extract outcomes, provision, needs": ("extract.py", "extract_items"),
    "score": ("score.py", "score_report"),
}


def profile(files: list[Path], top: int = 10) -> str:
    """Where checking these plans spends its time: seconds per pipeline stage and per check,
    then the functions with the most time of their own."""
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        check_plan(parse(path, timeout=None))
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = [[name, f"{_cumulative(stats, *where):.3f}"] for name, where in STAGES.items()]
    rows += [
        [f"check: {Path(file).stem}", f"{seconds:.3f}"] for file, seconds in _check_times(stats)
    ]
    hot = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:top]  # type: ignore[attr-defined]
    per_function = [
        [f"{Path(file).name}:{line} {function}", f"{own:.3f}", f"{calls:,}"]
        for (file, line, function), (_, calls, own, _, _) in hot
    ]
    scale = f"{len(files)} plans"
    return (
        table([f"stage ({scale})", "seconds"], rows)
        + "\n\n"
        + table([f"function ({scale}, own time)", "seconds", "calls"], per_function)
    )


def _cumulative(stats: pstats.Stats, file_end: str, function: str) -> float:
    return sum(
        cumulative
        for (file, _, name), (_, _, _, cumulative, _) in stats.stats.items()  # type: ignore[attr-defined]
        if name == function and file.endswith(file_end)
    )


def _check_times(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Cumulative seconds of each check module's `run`, slowest first."""
    times = [
        (file, cumulative)
        for (file, _, name), (_, _, _, cumulative, _) in stats.stats.items()  # type: ignore[attr-defined]
        if name == "run" and Path(file).parent.name == "checks"
    ]
    return sorted(times, key=lambda item: item[1], reverse=True)


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def targets(sized: Timing, runs: list[Throughput], grown: list[Timing]) -> list[Target]:
    two = next(run for run in runs if run.jobs == 2)
    peak = max(run.peak_rss_mb_per_worker for run in runs)
    ratio = sized.check_median / sized.parse_median
    per_word = [t.check_median / t.words for t in grown]
    linearity = per_word[-1] / per_word[0]
    return [
        Target(
            measure=f"median s per {sized.words:,.0f}-word .docx (end to end, warm)",
            value=f"{sized.check_median:.3f}",
            target="<= 0.3",
            met=sized.check_median <= 0.3,
        ),
        Target(
            measure="plans/s with 2 workers (2,500-word .docx folder)",
            value=f"{two.plans_per_second:.1f}",
            target=">= 15",
            met=two.plans_per_second >= 15,
        ),
        Target(
            measure="peak RSS per worker (MB)",
            value=f"{peak:.0f}",
            target="<= 250",
            met=peak <= 250,
        ),
        Target(
            measure="full check / parse-only (2,500-word .docx)",
            value=f"{ratio:.2f}x",
            target="<= 3x",
            met=ratio <= 3,
        ),
        Target(
            measure="seconds per word at 16x / at 1x (1.0 = linear)",
            value=f"{linearity:.2f}",
            target="roughly 1 (<= 1.5)",
            met=linearity <= 1.5,
        ),
    ]


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render(
    checks: list[Target],
    timings: list[Timing],
    runs: list[Throughput],
    cold: dict[str, float],
    imports: list[tuple[str, float]],
    where: str,
) -> str:
    machine = f"{platform.machine()}, {_cpu_count()} cores, Python {platform.python_version()}"
    sections = [
        f"# ehcp-lint benchmarks\n\nMeasured by `make bench` on {machine}.",
        "## Targets (issue 9)\n\n"
        + table(
            ["measure", "value", "target", "met"],
            ([c.measure, c.value, c.target, "yes" if c.met else "**no**"] for c in checks),
        ),
        "## Seconds per plan (one warm process; median of 3 runs per plan)\n\n"
        + table(
            [
                "plans",
                "n",
                "words (median)",
                "parse median",
                "check median",
                "check p95",
                "check/parse",
            ],
            (
                [
                    t.label,
                    str(t.plans),
                    f"{t.words:,.0f}",
                    f"{t.parse_median:.3f}",
                    f"{t.check_median:.3f}",
                    f"{t.check_p95:.3f}",
                    f"{t.check_median / t.parse_median:.2f}x",
                ]
                for t in timings
            ),
        ),
        "## A folder through `ehcp_lint.batch.audit` (fresh interpreter, pool start-up included)"
        "\n\n"
        + table(
            [
                "workers",
                "plans",
                "errors",
                "seconds",
                "plans/s",
                "CPU s per plan",
                "peak RSS per worker (MB)",
                "load average before",
            ],
            (
                [
                    str(r.jobs),
                    str(r.plans),
                    str(r.errors),
                    f"{r.seconds:.2f}",
                    f"{r.plans_per_second:.1f}",
                    f"{r.cpu_per_plan:.3f}",
                    f"{r.peak_rss_mb_per_worker:.0f}",
                    f"{r.load_before:.1f}",
                ]
                for r in runs
            ),
        ),
        "On a machine shared with other work, wall time depends on the load; the CPU time per"
        " plan (workers and parent) does not: with N free cores the pool can do about N / (CPU s"
        " per plan) plans/s.",
        "## Cold start (median of 5 runs)\n\n"
        + table(["what", "seconds"], ([name, f"{s:.3f}"] for name, s in cold.items()))
        + "\n\nSlowest imports during `ehcp-lint check` (`python -X importtime`):\n\n"
        + table(["module", "seconds"], ([name, f"{s:.3f}"] for name, s in imports)),
        "## Where the time goes (cProfile, checking 2,500-word .docx plans)\n\n" + where,
    ]
    return "\n\n".join(sections) + "\n"


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    parser.add_argument("--plans", type=int, default=40, help="plans per format")
    parser.add_argument("--audit-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit_child:
        audit_child(args.corpus, args.jobs)
        return
    with tempfile.TemporaryDirectory(prefix="ehcp-bench-") as scratch_name:
        scratch = Path(scratch_name)
        report = run_all(args.corpus, args.plans, scratch)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    print(f"written to {args.out}", file=sys.stderr)


def run_all(corpus: Path, plans: int, scratch: Path) -> str:
    docx_files = plan_files(corpus, ".docx", plans)
    check_plan(parse(docx_files[0]))  # warm up: imports, rules, models
    sized = plan_sized_docx(docx_files, scratch / "sized")
    timings = [time_plans(f"{TARGET_WORDS:,}-word docx", sized)]
    timings += [time_plans(f"generated {s[1:]}", plan_files(corpus, s, plans)) for s in SUFFIXES]
    grown = growth(docx_files[:GROWTH_PLANS], scratch / "growth")
    runs = [throughput(scratch / "sized", jobs) for jobs in (1, 2)]
    cold = cold_start(sized[0])
    imports = slowest_imports(sized[0])
    where = profile(sized[:10])
    checks = targets(timings[0], runs, grown)
    return render(checks, timings + grown, runs, cold, imports, where)


if __name__ == "__main__":
    main()
