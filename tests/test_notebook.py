"""The evaluation notebook runs end to end on a small sample (as CI runs it) and its tables
contain real measurements."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def test_evaluation_notebook_executes_on_a_small_sample(monkeypatch) -> None:
    monkeypatch.setenv("EHCP_EVAL_LIMIT", os.environ.get("EHCP_EVAL_LIMIT", "6"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(ROOT / "notebooks" / "evaluation.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = "".join(
        str(output.get("data", {}).get("text/markdown", "")) + str(output.get("text", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )
    assert "section accuracy" in outputs
    assert "hand-written dev set" in outputs and "held-out synthetic sample" in outputs
