"""Developer aid: list the planted defects a check missed and the findings that matched nothing.

Run it on a TRAIN-split corpus (never the held-out one, or the figures in README stop meaning
anything):

    python -m corpora_synthetic.generate --out build/tune --n 300 --seed 505 --split train
    python -m corpora_synthetic.misses build/tune --kind pronoun_mix --kind wrong_name

Prints one line per miss ("MISS") or false alarm ("FALSE"), with the plan file and the quote.
Synthetic plans only: the lines quote plan text.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from ehcp_lint.evaluate import DEFECT_RULES, load_corpus, reveals
from ehcp_lint.gold import GoldPlan
from ehcp_lint.report import PlanReport


def misses(gold: GoldPlan, report: PlanReport, kind: str) -> Iterator[str]:
    """Lines for the planted defects of this kind no finding reveals, then the findings of its
    rules that reveal no planted defect of any kind."""
    planted = [d for d in gold.defects if d.kind == kind]
    for defect in planted:
        if not any(reveals(f, defect) for f in report.findings):
            yield f"MISS  {kind} {gold.file} [{defect.section}] {defect.text!r} ({defect.detail})"
    for finding in report.findings:
        if finding.rule in DEFECT_RULES[kind] and not any(
            reveals(finding, d) for d in gold.defects
        ):
            section = finding.section.value if finding.section else "-"
            yield (
                f"FALSE {kind} {gold.file} {finding.rule} [{section}] "
                f"{finding.evidence!r}: {finding.message}"
            )


def main(argv: list[str] | None = None) -> None:
    from ehcp_lint.pipeline import check

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--kind", action="append", required=True, choices=sorted(DEFECT_RULES))
    parser.add_argument("--format", dest="fmt", choices=("docx", "pdf", "txt"))
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    plans = [p for p in load_corpus(args.corpus).plans if args.fmt in (None, p.format)]
    for gold in plans[: args.limit]:
        report = check(args.corpus / gold.file)
        for kind in args.kind:
            for line in misses(gold, report, kind):
                print(line)


if __name__ == "__main__":
    main()
