"""Write notebooks/evaluation.ipynb from the cells below (kept as code so diffs stay readable).

Run: python notebooks/build_notebook.py
"""

from pathlib import Path

import nbformat

INTRO = """# ehcp-lint evaluation

Measures ehcp-lint against gold labels: the held-out synthetic sample
(`corpora_synthetic/sample/`, generated from phrase banks the training split never uses) and the
hand-written dev set (`corpora_synthetic/dev/`). Every figure is per file format.
A judgement that no check makes yet shows as *n/a*, never as a number.

Set `EHCP_EVAL_LIMIT` to evaluate only the first N plans of each corpus (CI uses a small sample).
"""

SETUP = """import os
from pathlib import Path

from IPython.display import Markdown, display

from ehcp_lint.evaluate import evaluate
from ehcp_lint.render.evaluation_text import evaluation_markdown

ROOT = Path.cwd() if (Path.cwd() / "corpora_synthetic").is_dir() else Path.cwd().parent
LIMIT = int(os.environ.get("EHCP_EVAL_LIMIT", "0")) or None
CORPORA = {
    "held-out synthetic sample": ROOT / "corpora_synthetic" / "sample",
    "hand-written dev set": ROOT / "corpora_synthetic" / "dev",
}
results = {
    name: evaluate(path, limit=LIMIT)
    for name, path in CORPORA.items()
    if (path / "labels.json").is_file()
}
assert results, "no labelled corpus found"
"""

TABLES = """for name, evaluation in results.items():
    display(Markdown(f"## {name}\\n\\n" + evaluation_markdown(evaluation)))
"""

CONFUSION = """import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from ehcp_lint.evaluate import GRADES, section_presence_confusion

fig, axes = plt.subplots(1, len(results), figsize=(5 * len(results), 4), squeeze=False)
for ax, (name, evaluation) in zip(axes[0], results.items(), strict=True):
    matrix = section_presence_confusion(evaluation)
    ax.imshow(matrix, cmap="Blues")
    for i in range(2):
        for j in range(2):
            ax.text(j, i, str(matrix[i][j]), ha="center", va="center")
    ax.set_xticks([0, 1], ["found absent", "found present"])
    ax.set_yticks([0, 1], ["gold absent", "gold present"])
    ax.set_title(f"Sections: {name}")
fig.tight_layout()
plt.show()
"""

GRADE_CONFUSION = """graded = {
    name: m.grade_confusion
    for name, evaluation in results.items()
    for m in evaluation.formats
    if m.grade_confusion
}
if not graded:
    print("No pre-audit grade yet: the score check is not built, so there is no grade confusion.")
for name, matrix in graded.items():
    print(name, GRADES)
    for grade, row in zip(GRADES, matrix, strict=True):
        print(f"{grade:>22}", row)
"""

PER_PLAN = """for name, evaluation in results.items():
    wrong = [p for p in evaluation.plans if p.error or not p.all_sections_right]
    print(f"{name}: {len(wrong)} of {len(evaluation.plans)} plans with a section wrong or an error")
    for plan in wrong[:15]:
        print(f"  {plan.file}: {plan.error or f'{plan.sections_right}/12 sections right'}")
"""


def build() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(INTRO),
        nbformat.v4.new_code_cell(SETUP),
        nbformat.v4.new_code_cell(TABLES),
        nbformat.v4.new_markdown_cell("## Section detection: confusion of presence"),
        nbformat.v4.new_code_cell(CONFUSION),
        nbformat.v4.new_code_cell(GRADE_CONFUSION),
        nbformat.v4.new_markdown_cell("## Plans where sections went wrong"),
        nbformat.v4.new_code_cell(PER_PLAN),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return notebook


if __name__ == "__main__":
    nbformat.write(build(), Path(__file__).with_name("evaluation.ipynb"))
