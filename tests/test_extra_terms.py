"""An LA's own hedges, jargon and known acronyms from its settings file ([terms])."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ehcp_lint import check
from ehcp_lint.cli import app
from ehcp_lint.config import Config, ConfigError, ExtraTerms, load_config
from ehcp_lint.report import Finding, PlanReport
from tests.conftest import BASE_BODIES, plan_text

DEV = Path(__file__).resolve().parent.parent / "corpora_synthetic" / "dev" / "plans"
# Oliver's plan (Year 3, autism): every Section F row is specific as shipped.
OLIVER = DEV / "dev02.docx"
SENSORY_ROW = "Ear defenders, a wobble cushion and a calm corner with a beanbag"
LA_TERMS = ExtraTerms(
    hedges=["at any time"],
    jargon={"sensory circuit": "a short run of movement activities that help him feel calm"},
)


def _keys(report: PlanReport) -> set[tuple[str, str, str | None]]:
    return {(f.rule, f.message, f.evidence) for f in report.findings}


def _specific_share(report: PlanReport) -> float:
    in_f = [p for p in report.provisions or [] if p.section == "F"]
    return sum(p.is_specific for p in in_f) / len(in_f)


def _added(config: Config) -> list[Finding]:
    shipped = _keys(check(OLIVER))
    report = check(OLIVER, config=config)
    return [f for f in report.findings if (f.rule, f.message, f.evidence) not in shipped]


def test_la_hedge_and_jargon_add_exactly_their_findings_and_lower_the_score() -> None:
    shipped, with_terms = check(OLIVER), check(OLIVER, config=Config(terms=LA_TERMS))
    assert _keys(shipped) <= _keys(with_terms)
    added = sorted(_keys(with_terms) - _keys(shipped))
    assert [(rule, message) for rule, message, _ in added] == [
        ("ACC004", 'Jargon "Sensory circuit": many families will not know it'),
        ("PRO001", 'Provision uses vague wording that makes it unenforceable: "at any time"'),
    ]
    assert added[0][2] is not None and added[0][2].startswith("Sensory circuit before school")
    assert added[1][2] is not None and SENSORY_ROW in added[1][2]
    jargon = next(f for f in with_terms.findings if f.rule == "ACC004" and "circuit" in f.message)
    assert jargon.suggestion is not None and "feel calm" in jargon.suggestion
    hedged = next(p for p in with_terms.provisions or [] if SENSORY_ROW in p.text)
    assert not hedged.is_specific and "at any time" in hedged.vague_terms
    assert _specific_share(with_terms) < _specific_share(shipped) == 1.0
    assert with_terms.score is not None and shipped.score is not None
    assert with_terms.score.sections["F"].score < shipped.score.sections["F"].score


def test_la_terms_obey_ignore_and_severity() -> None:
    ignored = _added(Config(terms=LA_TERMS, ignore=["ACC004"]))
    assert [f.rule for f in ignored] == ["PRO001"]
    raised = _added(Config(terms=LA_TERMS, severity={"PRO001": "error"}))
    assert {f.rule: f.severity.value for f in raised}["PRO001"] == "error"


def test_terms_the_shipped_lists_already_have_are_not_reported_twice() -> None:
    shipped = check(OLIVER)
    again = Config(terms=ExtraTerms(hedges=["Access to"], jargon={"cognition": "thinking"}))
    assert _keys(check(OLIVER, config=again)) == _keys(shipped)


def test_known_acronyms_need_no_expansion(write_plan) -> None:
    # A local team's initials, used without being spelled out, as LA plans often do.
    extra = "- The WPST will visit school once a term for 60 minutes to advise Ayaan's teacher."
    path = write_plan(plan_text({"F": f"{BASE_BODIES['F']}\n{extra}"}))

    def unexplained(report: PlanReport) -> set[str]:
        return {f.message.split('"')[1] for f in report.findings if f.rule == "ACC001"}

    shipped = unexplained(check(path))
    assert "WPST" in shipped
    known = Config(terms=ExtraTerms(acronyms=["WPST"]))
    assert unexplained(check(path, config=known)) == shipped - {"WPST"}


def test_terms_are_read_from_the_settings_file(tmp_path: Path) -> None:
    settings = tmp_path / "ehcp-lint.toml"
    settings.write_text(
        '[terms]\nhedges = ["where capacity allows"]\nacronyms = ["CAMHS"]\n'
        '[terms.jargon]\n"sensory diet" = "planned movement and sensory breaks"\n'
    )
    terms = load_config(settings).terms
    assert terms.hedges == ["where capacity allows"] and terms.acronyms == ["CAMHS"]
    assert terms.jargon == {"sensory diet": "planned movement and sensory breaks"}


@pytest.mark.parametrize(
    ("settings", "where"),
    [
        ('[terms]\nhedges = [""]\n', "terms.hedges.0"),
        ('[terms]\nacronyms = ["NOT ONE"]\n', "terms.acronyms.0"),
        ('[terms]\nhedge = ["as needed"]\n', "terms.hedge"),
        ('[terms.jargon]\n"sensory diet" = 3\n', "terms.jargon.sensory diet"),
    ],
)
def test_bad_terms_are_a_one_line_error_with_exit_code_2(
    settings: str, where: str, tmp_path: Path
) -> None:
    path = tmp_path / "ehcp-lint.toml"
    path.write_text(settings)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert where in raised.value.message
    result = CliRunner().invoke(app, ["check", str(OLIVER), "--config", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and where in lines[0]
