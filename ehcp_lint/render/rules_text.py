"""`ehcp-lint explain` and `ehcp-lint rules`: rule documentation generated from the rule data."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ehcp_lint.ruleset import Rule


def print_rule(rule: Rule, console: Console) -> None:
    console.print(Text(f"{rule.code} {rule.name}", style="bold"))
    console.print(f"category: {rule.category.value}   default severity: {rule.severity.value}\n")
    console.print(Text("What it checks", style="bold"))
    console.print(rule.message.replace("{", "<").replace("}", ">") + "\n")
    console.print(Text("Why", style="bold"))
    console.print(rule.rationale)
    console.print(f"Source: {rule.source}\n")
    if rule.suggestion:
        console.print(Text("How to fix", style="bold"))
        console.print(rule.suggestion.replace("{", "<").replace("}", ">") + "\n")
    for example in rule.examples:
        where = f" (Section {example.section.value})" if example.section else ""
        label = "Flagged" if example.kind == "bad" else "Not flagged"
        console.print(Text(f"{label}{where}:", style="red" if example.kind == "bad" else "green"))
        console.print(Text(_indent(example.text)), soft_wrap=True)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines()) + "\n"


def print_rule_list(rules: list[Rule], console: Console) -> None:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("code", "name", "category", "severity", "source"):
        table.add_column(column, overflow="fold")
    for rule in sorted(rules, key=lambda r: r.code):
        table.add_row(rule.code, rule.name, rule.category.value, rule.severity.value, rule.source)
    console.print(table)
