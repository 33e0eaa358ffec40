"""--redact: personal data replaced by stable placeholders in every output format."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from ehcp_lint import check
from ehcp_lint.cli import app
from ehcp_lint.plan import PlanMetadata
from ehcp_lint.redact import Redactor, redact_report, valid_nhs_number
from tests.conftest import BASE_BODIES, SECTION_HEADINGS

AYAAN = PlanMetadata(
    child_name="Ayaan Khan", first_name="Ayaan", date_of_birth=date(2016, 9, 14), upn=None
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ayaan's mum, Mrs S Khan (SENCo: Dr P. Rowe)",
            "[CHILD]'s mum, Mrs [NAME-1] (SENCo: Dr [NAME-2])",
        ),
        ("AYAAN KHAN - EHC PLAN", "[CHILD] - EHC PLAN"),
        ("Ayaan plays with his sister Ruby Smith.", "[CHILD] plays with his sister [NAME-1]."),
        (
            "By the end of the Summer term, Ayaan will",
            "By the end of the Summer term, [CHILD] will",
        ),
        ("Summer term 2025", "Summer term 2025"),
        ("NHS number 943 476 5919", "NHS number [NHS-NUMBER]"),
        ("NHS no. 943-476-5919 or 9434765919", "NHS no. [NHS-NUMBER] or [NHS-NUMBER]"),
        ("ref 943 476 5918", "ref 943 476 5918"),  # check digit wrong: not an NHS number
        ("UPN: A123456789012", "UPN: [UPN]"),
        ("14 Elm Road, Hartwell HT3 9QP", "[ADDRESS], Hartwell [POSTCODE]"),
        ("Flat 2, 7b Church Lane, London SW1A 1AA", "[ADDRESS], London [POSTCODE]"),
        (
            "call 07700 900123, +44 7700 900123 or (01632) 960 001",
            "call [PHONE], [PHONE] or [PHONE]",
        ),
        ("email sadia.khan@example.com.", "email [EMAIL]."),
        ("Date of birth: 14/09/2016", "Date of birth: [DOB]"),
        ("seen on 14th September 2016 and on 10 March 2025", "seen on [DOB] and on 10 March 2025"),
        ("his brother was born on 3 March 2019", "his brother was born on [DOB]"),
        ("Reviewed 3 times a week for 30 minutes", "Reviewed 3 times a week for 30 minutes"),
        ("Parent/carer: Ebere Osei, 07700 900123", "Parent/carer: [NAME-1], [PHONE]"),
        (
            "Mother - Mrs Ebere Osei; Father: not involved",
            "Mother - Mrs [NAME-1]; Father: not involved",
        ),
        ("parent-led sessions", "parent-led sessions"),
    ],
)
def test_each_kind_of_personal_data(text: str, expected: str) -> None:
    assert Redactor(AYAAN).redact(text) == expected


def test_a_name_keeps_its_number_and_a_new_name_gets_the_next() -> None:
    redactor = Redactor(AYAAN)
    assert redactor.redact("Mrs Khan and Ruby") == "Mrs [NAME-1] and [NAME-2]"
    assert redactor.redact("Ruby Smith met Mrs S Khan and Dr Rowe") == (
        "[NAME-2] met Mrs [NAME-1] and Dr [NAME-3]"
    )


def test_a_quote_cut_short_is_redacted_as_the_whole_was() -> None:
    redactor = Redactor(AYAAN)
    redactor.redact("Mrs Sadia Khan (sadia.khan@example.com, 07700 900123)")
    cut = 'in "Mrs Sadia Kh...", "write to sadia.khan@exa...", "call 07700 90..."'
    assert redactor.redact(cut) == 'in "Mrs [NAME-1]...", "write to [EMAIL]...", "call [PHONE]..."'


def test_a_child_called_will_does_not_blank_every_will() -> None:
    will = PlanMetadata(child_name="Will J Jones", first_name="Will")
    redacted = Redactor(will).redact("Will will read Part J. WILL J JONES")
    assert redacted == "[CHILD] will read Part J. [CHILD]"


@pytest.mark.parametrize(
    ("number", "valid"),
    [("9434765919", True), ("4010232137", True), ("9434765918", False), ("943476591", False)],
)
def test_nhs_number_checksum(number: str, valid: bool) -> None:
    assert valid_nhs_number(number) is valid


# A plan full of personal data, where the checks quote it: vague provision naming the parents'
# phone and address, health provision with the NHS number and UPN, another child's name.
PERSONAL = {
    "A": BASE_BODIES["A"] + "\nI like going to the park with my sister Ruby Khan.",
    "F": BASE_BODIES["F"]
    + "\n- Mrs Sadia Khan will be phoned on 07700 900123 or emailed at sadia.khan@example.com "
    "as needed.\n- Transport from 14 Elm Road, Hartwell HT3 9QP will be provided as appropriate.",
    "G": "The school nurse will check Ayaan's inhaler (NHS number 943 476 5919, UPN "
    "A123456789012) when needed.",
}
FRONT = (
    "Education, Health and Care Plan\n\nName: Ayaan Khan\nDate of birth: 14/09/2016\n"
    "UPN: A123456789012\nNHS number: 943 476 5919\nYear group: Year 4\n"
    "Address: 14 Elm Road, Hartwell HT3 9QP\nDate of plan: 10 March 2025\n"
)
SECRETS = [
    "Ayaan",
    "Khan",
    "Sadia",
    "Ruby",
    "943 476 5919",
    "A123456789012",
    "HT3 9QP",
    "Elm Road",
    "07700 900123",
    "example.com",
    "2016-09-14",
    "14/09/2016",
    "Osei",
]
ONLY_IN_WORD = {"14/09/2016", "Osei"}  # the front matter is in no report, only in the document


def _lines() -> list[str]:
    lines = FRONT.split("\n")
    for section_id, heading in SECTION_HEADINGS.items():
        lines += [heading, *PERSONAL.get(section_id, BASE_BODIES[section_id]).split("\n")]
    return lines


@pytest.fixture
def personal_plans(tmp_path: Path) -> dict[str, Path]:
    """The same plan as text and as Word, named as people name files: after the child."""
    text = tmp_path / "Ayaan Khan" / "ayaan_khan_ehcp.txt"
    text.parent.mkdir()
    text.write_text("\n".join(_lines()), encoding="utf-8")
    word = tmp_path / "Ayaan Khan" / "ayaan_khan_ehcp.docx"
    document = docx.Document()
    for line in _lines():
        if line in SECTION_HEADINGS.values():
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line.removeprefix("- "))
    document.core_properties.title = "EHCP Ayaan Khan"
    document.sections[0].header.paragraphs[0].text = "Ayaan Khan, UPN A123456789012"
    contacts = document.add_table(rows=1, cols=2)
    contacts.cell(0, 0).text, contacts.cell(0, 1).text = "Parent/carer", "Ebere Osei"
    document.save(word)
    return {"txt": text, "docx": word}


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


runner = CliRunner()


def _output(plan: Path, output_format: str, *options: str) -> str:
    result = runner.invoke(app, ["check", str(plan), "-f", output_format, *options])
    assert result.exit_code == 1, result.stderr
    return result.stdout


def _annotated_words(plan: Path, output: Path, *options: str) -> str:
    """The annotated copy's paragraphs, table cells and comments, as Word shows them."""
    result = runner.invoke(app, ["check", str(plan), "-f", "docx", "-o", str(output), *options])
    assert result.exit_code == 1, result.stderr
    annotated = docx.Document(output)
    cells = [cell.text for table in annotated.tables for row in table.rows for cell in row.cells]
    texts = [p.text for p in annotated.paragraphs] + cells + [c.text for c in annotated.comments]
    return "\n".join(texts)


def test_the_plan_reaches_the_outputs_unredacted(
    personal_plans: dict[str, Path], tmp_path: Path
) -> None:
    # Without --redact every secret is there, so the redacted outputs below prove something.
    assert set(_leaks(_output(personal_plans["txt"], "json"))) == set(SECRETS) - ONLY_IN_WORD
    words = _annotated_words(personal_plans["docx"], tmp_path / "a.docx")
    assert set(_leaks(words)) == set(SECRETS) - {"2016-09-14"}


@pytest.mark.parametrize("output_format", ["text", "json", "csv", "html"])
@pytest.mark.parametrize("plan_format", ["txt", "docx"])
def test_nothing_personal_survives_redaction(
    personal_plans: dict[str, Path], output_format: str, plan_format: str
) -> None:
    output = _output(personal_plans[plan_format], output_format, "--redact")
    assert _leaks(output) == []
    assert "[CHILD]" in output


def test_annotated_docx_is_redacted_throughout(
    personal_plans: dict[str, Path], tmp_path: Path
) -> None:
    output = tmp_path / "shared.docx"
    words = _annotated_words(personal_plans["docx"], output, "--redact")
    assert _leaks(words) == []
    assert re.search(r"Mrs \[NAME-\d\] will be phoned on \[PHONE\]", words)
    assert words.count("Suggestion: ") > 5  # the comments survived the redaction
    with zipfile.ZipFile(output) as package:
        xml = {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }
    assert {name: _leaks(part) for name, part in xml.items() if _leaks(part)} == {}


def test_redacted_report_is_a_pure_deterministic_copy(personal_plans: dict[str, Path]) -> None:
    report = check(personal_plans["txt"])
    before = report.to_json()
    redacted = redact_report(report)
    assert report.to_json() == before
    assert redact_report(report).to_json() == redacted.to_json()
    assert redacted.source.path == report.source.sha256[:12] + ".txt"
    assert redacted.metadata.child_name == "[CHILD]" and redacted.metadata.upn == "[UPN]"
    assert redacted.metadata.date_of_birth is None
    assert redacted.metadata.year_group == report.metadata.year_group
    assert [f.rule for f in redacted.findings] == [f.rule for f in report.findings]
    assert redacted.score == report.score.model_copy(
        update={"drivers": redacted.score.drivers}
    )  # codes, grades and points are untouched
    vague = [f.evidence or "" for f in redacted.findings if f.rule == "PRO001"]
    assert any(re.search(r"Mrs \[NAME-\d\] will be phoned on \[PHONE\]", e) for e in vague)
