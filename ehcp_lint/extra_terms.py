"""A service's own terms from its settings file (`[terms]`, see ehcp_lint/config.py), applied
after the checks have run.

The checks compile their shipped term lists once (@cache), so an LA's additions cannot join
those lists at run time; instead this post-check reads the checks' results:
- extra hedges: each provision statement (F, G, H1, H2) that uses one gets PRO001, as a shipped
  hedge would, and is marked not specific, so the score counts it;
- extra jargon: ACC004 at the first unexplained use in any section, with the plain alternative;
- known acronyms: their ACC001 findings are dropped.
Rules keep their codes, so select/ignore/severity apply to these findings as to any other.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel

from ehcp_lint.checks.readability import jargon_findings, settings, terms_pattern
from ehcp_lint.config import ExtraTerms
from ehcp_lint.plan import Plan, SectionId
from ehcp_lint.report import Finding, ProvisionResult
from ehcp_lint.ruleset import get_rule, load_toml


class ExtraTermsOutput(BaseModel):
    """The plan's provision verdicts and findings once the service's terms are applied."""

    provisions: list[ProvisionResult] | None
    findings: list[Finding]


def apply_extra_terms(
    plan: Plan,
    terms: ExtraTerms,
    *,
    provisions: list[ProvisionResult] | None,
    findings: list[Finding],
) -> ExtraTermsOutput:
    kept = _without_known_acronyms(findings, terms.acronyms)
    judged = [_with_extra_hedges(p, terms.hedges) for p in provisions or []]
    hedged = [_hedge_finding(p, new) for p, new in judged if new]
    jargon = list(jargon_findings(plan, _new_jargon(terms.jargon)))
    return ExtraTermsOutput(
        provisions=[p for p, _ in judged] if provisions is not None else None,
        findings=[*kept, *hedged, *jargon],
    )


def _without_known_acronyms(findings: list[Finding], acronyms: list[str]) -> list[Finding]:
    # ACC001 names its acronym only in the message, so compare with the message it would give.
    template = get_rule("ACC001").message
    known = {template.format(acronym=acronym) for acronym in acronyms}
    return [f for f in findings if not (f.rule == "ACC001" and f.message in known)]


def _with_extra_hedges(
    provision: ProvisionResult, hedges: list[str]
) -> tuple[ProvisionResult, list[str]]:
    """The provision marked not specific if it uses an extra hedge, and the hedges it uses
    (exact text) that the provision check has not already quoted."""
    if not hedges:
        return provision, []
    quoted = {term.lower() for term in provision.vague_terms}
    found: list[str] = []
    for match in terms_pattern(tuple(sorted(hedges))).finditer(provision.text):
        if match.group(0).lower() not in quoted:
            quoted.add(match.group(0).lower())
            found.append(match.group(0))
    if not found:
        return provision, []
    update = {"vague_terms": [*provision.vague_terms, *found], "is_specific": False}
    return provision.model_copy(update=update), found


def _hedge_finding(provision: ProvisionResult, hedges: list[str]) -> Finding:
    return get_rule("PRO001").finding(
        section=SectionId(provision.section),
        evidence=provision.text,
        location=provision.location,
        terms=", ".join(f'"{hedge}"' for hedge in hedges),
        fix=_default_hedge_fix(),
    )


@cache
def _default_hedge_fix() -> str:
    return str(load_toml("provision.toml")["hedge_fixes"]["default"])


def _new_jargon(jargon: dict[str, str]) -> dict[str, str]:
    """The service's jargon minus terms the shipped glossary already reports."""
    shipped = {" ".join(term.lower().split()) for term in settings()["jargon"]}
    return {t: plain for t, plain in jargon.items() if " ".join(t.lower().split()) not in shipped}
