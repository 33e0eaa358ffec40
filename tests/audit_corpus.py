"""A small folder an auditor might point `ehcp-lint audit` at: generated plans in every format
(a mix of grades), one in a subfolder, two files that cannot be checked and two that are not
plans at all (a Word lock file and the labels)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pydantic import BaseModel

from corpora_synthetic.generate import generate_corpus

SEED = 2  # held-out plans grading requires improvement to outstanding


class AuditCorpus(BaseModel):
    folder: Path
    plans: list[Path]
    nested: Path  # the plan in a subfolder
    broken: dict[Path, int]  # path -> the exit code of its error


def make_audit_corpus(folder: Path, n: int = 8) -> AuditCorpus:
    corpus = generate_corpus(folder, n=n, seed=SEED, split="heldout")
    plans = [folder / plan.file for plan in corpus.plans]
    nested = folder / "archive" / plans[-1].name
    nested.parent.mkdir()
    shutil.move(plans[-1], nested)
    plans[-1] = nested
    broken = {folder / "damaged.docx": 8, folder / "blank.txt": 5}
    (folder / "damaged.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "blank.txt").write_text("  \n")
    (folder / "~$heldout-0000.docx").write_bytes(b"lock file")
    return AuditCorpus(folder=folder, plans=sorted(plans), nested=nested, broken=broken)
