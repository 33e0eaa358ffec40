"""Enforceability: is Section F provision the LA is bound to deliver, for needs the plan names?

Rules ENF001-ENF008 (rules/enforceability.toml):
- ENF001 universal provision written as special provision ("quality first teaching"), unless the
  same line also commits something individual and quantified;
- ENF002 delivery made conditional on resources or discretion ("subject to funding");
- ENF003 a weak commitment verb ("should", "would benefit from"); per statement the report's
  `commitment` says firm / weak / unstated. ENF002 and ENF003 read every provision statement
  (F, G, H1, H2: health and care provision is as binding on its body as F is on the LA, and
  PRO001 used to flag these words there) and nothing else, so "should" in a quoted
  recommendation in K or in a need in B is never judged;
- ENF004 (one per plan) F does not say who checks delivery and how progress is reviewed;
- ENF005 a broad area of need that B neither describes nor says holds no needs;
- ENF006 the same need written under two areas of B;
- ENF007 provision in F under an area for which B describes no need (the reverse golden thread,
  reusing golden_thread.item_area and link_items);
- ENF008 a "strength" that is really a need, the absence of a problem or a middling level.

The weak verbs and conditions are kept apart from PRO001's hedge qualifiers: provision.py asks
`weak_commitment_spans` and `condition_spans` and leaves those words to ENF003 and ENF002.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any, Literal

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.golden_thread import (
    content_stems,
    explicit_area,
    item_area,
    label_area,
    link_items,
    row_named_areas,
    says_no_need,
    shared_topic_areas,
    typical_span,
    without_session_words,
)
from ehcp_lint.checks.golden_thread import settings as golden_thread_settings
from ehcp_lint.checks.voice import child_reference
from ehcp_lint.extract import (
    heading_area,
    is_nil_statement,
    is_subheading,
    need_area,
    title_text,
    top_areas,
)
from ehcp_lint.items import Item, NeedArea, NeedItem, PlanItems, ProvisionItem
from ehcp_lint.plan import Plan, Section, SectionId
from ehcp_lint.report import Finding, Severity
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import (
    Span,
    compile_patterns,
    find_spans,
    outermost,
    phrase_pattern,
    shorten,
    split_sentences,
    terms,
)

Commitment = Literal["firm", "weak", "unstated"]
AREA_NAMES = {area: area.value.replace("_", " ") for area in NeedArea}
_CLAUSES = re.compile(r"[,;]")


@cache
def _data() -> dict[str, Any]:
    return load_toml("enforceability.toml")


@cache
def _patterns(table: str, key: str) -> re.Pattern[str]:
    return compile_patterns(_data()[table][key])


@cache
def _phrases(table: str, key: str) -> re.Pattern[str]:
    return phrase_pattern(_data()[table][key])


@cache
def _weak_patterns() -> tuple[re.Pattern[str], ...]:
    table = _data()["commitment"]
    sensitive = set(table["case_sensitive"])
    return (
        phrase_pattern([phrase for phrase in table["weak"] if phrase not in sensitive]),
        phrase_pattern(sensitive, case_sensitive=True),
        _patterns("commitment", "weak_patterns"),
    )


# --- per statement: words that make provision unenforceable ------------------------------------


def weak_commitment_spans(text: str) -> list[Span]:
    """Verbs and frames that recommend or hope instead of committing ("should", "it is hoped")."""
    spans = outermost([span for pattern in _weak_patterns() for span in find_spans(pattern, text)])
    # "should staffing allow" is a condition (ENF002), not a recommendation.
    conditions = condition_spans(text) if spans else []
    return [span for span in spans if not any(span.inside(other) for other in conditions)]


def condition_spans(text: str) -> list[Span]:
    """Clauses that make delivery depend on resources or discretion; "shared" support counts
    only when the same statement gives no ratio or group size."""
    spans = find_spans(_phrases("conditions", "phrases"), text)
    spans += find_spans(_patterns("conditions", "patterns"), text)
    if not _patterns("conditions", "ratio_patterns").search(text):
        spans += find_spans(_patterns("conditions", "shared_patterns"), text)
    return outermost(spans)


def commitment(text: str) -> Commitment:
    """weak: a weak verb anywhere; firm: "will", "must", "shall", "is to"; else unstated (a
    table row or a list of adjustments commits by being in the section, not by a verb)."""
    if weak_commitment_spans(text):
        return "weak"
    return "firm" if _patterns("commitment", "firm_patterns").search(text) else "unstated"


@lru_cache(maxsize=256)
def universal_span(text: str) -> Span | None:
    """The universal-provision phrase of a statement that offers nothing individual besides.
    Cached: the enforceability, provision and golden-thread checks each ask of every F line."""
    found = find_spans(_phrases("universal", "phrases"), text) + find_spans(
        _patterns("universal", "patterns"), text
    )
    found = [span for span in found if not _is_added_to(text, span)]
    if not found or _is_individual(text):
        return None
    return min(found, key=lambda span: span.start)


def _is_added_to(text: str, span: Span) -> bool:
    """ "In addition to quality first teaching, ...": what the provision adds to, not offers."""
    return bool(_patterns("universal", "additional_patterns").search(text[: span.start]))


@cache
def _frequency() -> re.Pattern[str]:
    return compile_patterns(terms()["frequency"]["patterns"])


def _is_individual(text: str) -> bool:
    """An individual group size, or an amount of time with how often: something for this child."""
    if _patterns("universal", "individual_patterns").search(text):
        return True
    return bool(
        _patterns("universal", "amount_patterns").search(text) and _frequency().search(text)
    )


# --- the check -------------------------------------------------------------------------------


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    name = child_reference(plan).name or "the child"
    names = _child_names(plan)
    findings = [f for item in items.provisions for f in statement_findings(item, name)]
    findings += monitoring_findings(plan, items)
    needs = [need for need in items.needs if not _under_strengths(need)]
    findings += coverage_findings(plan, needs)
    findings += repeated_need_findings(needs, names)
    findings += unmatched_provision_findings(items, needs, names)
    findings += strength_findings(items)
    return CheckOutput(findings=findings)


def statement_findings(item: ProvisionItem, name: str) -> list[Finding]:
    """ENF001 (F only: G and H are not special educational provision), ENF002, ENF003."""
    values = {"quote": shorten(item.text), "name": name}
    findings: list[Finding] = []
    universal = universal_span(item.text) if item.section is SectionId.F else None
    if universal is not None:
        findings.append(_item_finding("ENF001", item, values, phrase=universal.text))
    conditions = condition_spans(item.text)
    if conditions:
        findings.append(_item_finding("ENF002", item, values, terms=_quoted(conditions)))
    weak = weak_commitment_spans(item.text)
    if weak:
        findings.append(_item_finding("ENF003", item, values, terms=_quoted(weak)))
    return findings


def _quoted(spans: list[Span]) -> str:
    unique = dict.fromkeys(span.text for span in spans)
    return ", ".join(f'"{text}"' for text in unique)


def _item_finding(code: str, item: Item, values: dict[str, str], **extra: str) -> Finding:
    return get_rule(code).finding(
        section=item.section, evidence=item.text, location=item.location, **values, **extra
    )


# --- ENF004: monitoring and review, once per plan ----------------------------------------------


@cache
def _roles() -> re.Pattern[str]:
    return phrase_pattern([*terms()["roles"]["qualified"], *_data()["monitoring"]["roles"]])


def monitoring_findings(plan: Plan, items: PlanItems) -> list[Finding]:
    """ENF004 when F is there but does not say who checks delivery and how progress is reviewed;
    the rule's severity when it says neither, a milder one when it says one of the two."""
    section = plan.section(SectionId.F)
    texts = [item.text for item in items.provisions if item.section is SectionId.F]
    if not section.present or not texts:
        return []
    sentences = [sentence.text for text in texts for sentence in split_sentences(text)]
    monitoring_lines = [
        sentence.text
        for item in items.provisions
        if item.section is SectionId.F and item.heading and is_monitoring_heading(item.heading)
        for sentence in split_sentences(item.text)
    ]
    missing = missing_parts(sentences, monitoring_lines)
    if not missing:
        return []
    finding = get_rule("ENF004").finding(
        section=SectionId.F, evidence=None, location=section.location, missing=" or ".join(missing)
    )
    if len(missing) == 1:
        finding.severity = Severity(_data()["monitoring"]["partial_severity"])
    return [finding]


def missing_parts(sentences: list[str], monitoring_lines: Sequence[str] = ()) -> list[str]:
    """What F's sentences certainly do not say: who checks delivery, how progress is reviewed.
    A part read nowhere is still not missing when some sentence may say it in words the readings
    cannot place (see _may_say_delivery and _may_say_review), or when a line under a heading
    about monitoring ("How we check this support") says something none of them reads: ENF004
    abstains on it. Where F has such a part, only its lines are searched for those words: the
    provision lines outside it ("a short meeting with his key adult every Monday") are the
    provision's own work."""
    scope = list(monitoring_lines) or sentences
    delivery = any(map(checks_delivery, sentences)) or _may_say_delivery(scope)
    review = any(map(reviews_progress, sentences)) or _may_say_review(scope)
    unread = [
        line
        for line in monitoring_lines
        if not checks_delivery(line)
        and not reviews_progress(line)
        and not _may_say_delivery([line])
        and not _may_say_review([line])
    ]
    if unread and len(monitoring_lines) >= 2:
        delivery = review = True
    return [
        part
        for part, said in (
            ("who checks that the provision is delivered", delivery),
            ("how and how often progress is reviewed", review),
        )
        if not said
    ]


def is_monitoring_heading(heading: str) -> bool:
    """A subheading about checking and reviewing the provision ("Monitoring and review", "How
    we will check this support is in place"), not one naming an area of need."""
    return heading_area(heading) is None and bool(
        _patterns("monitoring", "monitoring_headings").search(heading)
    )


def _may_say_delivery(sentences: list[str]) -> bool:
    """Abstention: some sentence uses a word of checking delivery (a register, a log, an
    observation, oversight, sessions missed) that the readings could not place; a weaker word
    ("record", "check") only in a sentence that is no session, not read as a review and not
    about progress ("check progress", "the progress records"). A word taking the child as its
    object ("observe Ethan") watches the child, not the provision."""
    strong = _unread_words("unread_delivery_words")
    weak = _unread_words("unread_delivery_weak_words")
    return any(
        _found(strong, text)
        or (not session and not reviews_progress(sentence) and _found(weak, text, _about_progress))
        for sentence, text, session in _unplaced(sentences)
    )


def _may_say_review(sentences: list[str]) -> bool:
    """Abstention: some sentence names progress or an evaluation; or a review, a meeting, a
    report or an update in a sentence not read as a delivery check (there they are of the
    sessions: "review the log"). In a session only progress, targets, a review or a meeting
    count; nowhere a word taking the child as its object ("meet Ethan at the gate")."""
    strong = _unread_words("unread_review_words")
    weak = _unread_words("unread_review_weak_words")
    in_session = _unread_words("session_review_words")
    return any(
        _found(in_session, text)
        if session
        else _found(strong, text) or (_found(weak, text) and not checks_delivery(sentence))
        for sentence, text, session in _unplaced(sentences)
    )


def _found(
    words: re.Pattern[str],
    text: str,
    excluded: Callable[[str, re.Match[str]], bool] | None = None,
) -> bool:
    """Some match of the words that is neither part of a title ("Look, Say, Cover, Write,
    Check") nor taking the child as its object, nor excluded."""
    return any(
        not _in_a_title(text, match)
        and not _child_object().match(text, match.end())
        and not (excluded and excluded(text, match))
        for match in words.finditer(text)
    )


def _unplaced(sentences: list[str]) -> Iterator[tuple[str, str, bool]]:
    """Each sentence, the text to search in it (any review named only as the time something was
    agreed or done taken out: "outcomes agreed at review", "share it at each termly review"),
    and whether it is a session."""
    for sentence in sentences:
        text = _patterns("monitoring", "review_as_time").sub(" ", sentence)
        yield sentence, _REVIEW_AS_TIME.sub(" ", text), is_session(sentence)


@cache
def _unread_words(key: str) -> re.Pattern[str]:
    """Words from one of the monitoring tables, whole or ending a hyphened word ("self-review");
    not opening one ("check-in")."""
    words = "|".join(f"(?:{word})" for word in _data()["monitoring"][key])
    return re.compile(rf"(?<!\w)(?:{words})(?![\w-])", re.IGNORECASE)


@cache
def _progress_near() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = _data()["monitoring"]
    words, gap = table["progress_words"], table["progress_gap_words"]
    return (
        re.compile(rf"\b(?:{words})\b(?:\W+\w+){{0,{gap}}}\W*$", re.IGNORECASE),
        re.compile(rf"\W*(?:\w+\W+){{0,{gap}}}?(?:{words})\b", re.IGNORECASE),
    )


def _in_a_title(text: str, match: re.Match[str]) -> bool:
    """A capitalised word inside a sentence (not opening it or a table cell) is part of a name or
    a title ("Look, Say, Cover, Write, Check"), not a check."""
    before = text[: match.start()].rstrip()
    return match.group(0)[0].isupper() and bool(before) and before[-1] not in "|.:;(-–—•*"


def _about_progress(sentence: str, match: re.Match[str]) -> bool:
    """A checking word at most a few words from progress, outcomes or targets, either side."""
    before, after = _progress_near()
    return bool(
        before.search(sentence[max(0, match.start() - 60) : match.start()])
        or after.match(sentence, match.end())
    )


@cache
def _child_object() -> re.Pattern[str]:
    return re.compile(r"\s+" + _data()["monitoring"]["child_object"])


def checks_delivery(sentence: str) -> bool:
    """Someone named checks that the provision happens: a checking verb near a record of delivery
    or the fact of it ("the SENCo will audit the session records", "a weekly record of sessions,
    which the SENDCo will sign off"), a checking verb taking the provision as its object ("will
    audit this provision"), or a set frame ("keeps a log of sessions")."""
    return _names_checker(sentence) and not is_session(sentence) and _is_delivery_check(sentence)


def _names_checker(sentence: str) -> bool:
    """A role named (a listed one, or any person noun in an agent or subject slot: 'the head of
    learning support', 'the provision lead'), or the setting itself as the subject ('The school
    will post the family a copy of the session register')."""
    from ehcp_lint.checks.provision import names_a_role, names_institution

    return bool(_roles().search(sentence)) or names_a_role(sentence) or names_institution(sentence)


def is_session(sentence: str) -> bool:
    """A session with the child, with its length and group size ("30 minutes, one-to-one, to
    review his targets with the learning mentor"), is provision: a check or review inside it is
    part of that work, not the plan's monitoring of all its provision."""
    duration, group_size = _session_parts()
    return bool(duration.search(sentence) and group_size.search(sentence))


@cache
def _session_parts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return compile_patterns(terms()["duration"]["patterns"]), compile_patterns(
        terms()["group_size"]["patterns"]
    )


def _is_delivery_check(text: str) -> bool:
    verbs = _patterns("monitoring", "check_verbs")
    return (
        bool(_patterns("monitoring", "delivery_patterns").search(text))
        or _near(verbs, _patterns("monitoring", "delivery_objects"), text)
        or bool(_checked_provision().search(text))
    )


@cache
def _checked_provision() -> re.Pattern[str]:
    """A checking verb directly followed by the provision or its sessions."""
    table = _data()["monitoring"]
    objects = "|".join(table["checked_provision"])
    return compile_patterns([f"(?:{'|'.join(table['check_verbs'])})(?:{objects})"])


def reviews_progress(sentence: str) -> bool:
    """Progress is reviewed, with how often: a review meeting, or a reviewing verb near what is
    reviewed ("go through his targets", "look at how Sam is getting on"), with a frequency
    anywhere in the sentence; but a review in a side clause ("..., with progress reviewed
    regularly") needs a frequency of its own: it borrows none from the provision it follows."""
    if is_session(sentence):
        return False
    for clause in (part.strip() for part in _CLAUSES.split(sentence)):
        if _is_review(clause):
            side = _side_clause_opener().match(clause)
            return bool(_frequency().search(clause if side else sentence))
    return False


@cache
def _side_clause_opener() -> re.Pattern[str]:
    return phrase_pattern(_data()["monitoring"]["side_clause_openers"])


# A review named only as a time for something else: "share it with the LA at each termly review".
_REVIEW_AS_TIME = re.compile(
    r"\b(?:at|before|after|by|until|following|ahead\s+of|in\s+time\s+for)\s+(?:each|every|the|his|"
    r"her|their|its|next|a|an)\s+(?:[\w-]+\s+){0,2}?(?:reviews?|review\s+meetings?)\b",
    re.I,
)


def _is_review(clause: str) -> bool:
    """A review meeting, or a reviewing verb near what is reviewed; a review named only as the
    time of something else ('at each termly review') says nothing of how progress is reviewed
    unless the clause reviews something itself ('progress is discussed at each termly review')."""
    clause = _REVIEW_AS_TIME.sub(" ", clause)
    if _patterns("monitoring", "meeting_patterns").search(clause):
        return True
    strong = _near(_phrases("monitoring", "review_verbs"), _review_objects(broad=True), clause)
    return strong or _near(_phrases("monitoring", "discuss_verbs"), _review_objects(), clause)


@cache
def _review_objects(*, broad: bool = False) -> re.Pattern[str]:
    table = _data()["monitoring"]
    return compile_patterns(
        [*table["review_objects"], *(table["reviewed_provision"] if broad else [])]
    )


def _near(first: re.Pattern[str], second: re.Pattern[str], text: str) -> bool:
    """Some match of each pattern, in either order, with at most `near_words` words between."""
    limit = _data()["monitoring"]["near_words"]
    a_spans, b_spans = find_spans(first, text), find_spans(second, text)
    return any(
        not a.overlaps(b) and len(text[min(a.end, b.end) : max(a.start, b.start)].split()) <= limit
        for a in a_spans
        for b in b_spans
    )


# --- ENF005-ENF007: need coverage --------------------------------------------------------------


def is_strength_heading(heading: str) -> bool:
    """A heading for strengths only ("Things Sam does well", "Gifts and talents"), not one that
    also holds needs ("Strengths and needs", "What I am good at and what I find hard")."""
    return bool(
        _patterns("coverage", "strength_headings").search(heading)
        and not _patterns("coverage", "mixed_headings").search(heading)
    )


def _under_strengths(item: Item) -> bool:
    return bool(item.heading and is_strength_heading(item.heading))


def is_no_need_statement(text: str) -> bool:
    """'No needs have been identified in this area', 'N/A', 'Nobody has raised a need here':
    the area was considered and is empty (set phrases, or a negated need by grammar)."""
    cell = text.split(" | ")[-1]
    # Provision's nil lines ("None", "Not applicable") only when short: its grammar of negated
    # provision reads a need such as "sitting without back support is tiring" as nil.
    short = len(cell.split()) <= _data()["coverage"]["nil_line_words"]
    return (
        (short and is_nil_statement(cell))
        or bool(_patterns("coverage", "nil_patterns").search(cell))
        or says_no_need(text)
    )


def coverage_findings(plan: Plan, needs: list[NeedItem]) -> list[Finding]:
    """ENF005 for each broad area B neither describes nor says is empty."""
    section = plan.section(SectionId.B)
    if not section.present or not needs:
        return []
    covered = covered_areas(section)
    rule = get_rule("ENF005")
    return [
        rule.finding(
            section=SectionId.B, evidence=None, location=section.location, area=AREA_NAMES[area]
        )
        for area in NeedArea
        if area not in covered
    ]


def covered_areas(section: Section) -> set[NeedArea]:
    """The areas B writes anything about, needs or "no needs", read from its blocks: a short
    "None" row or a bare "N/A" line reads as a header or heading and never becomes a need item."""
    covered: set[NeedArea | None] = set()
    # Lines outside any heading or row label, placed by their own keywords: they count only
    # where B is not organised by area (a stray "has an ASC diagnosis" after B's table does not
    # describe communication needs, as with golden_thread.structured_areas).
    unplaced: set[NeedArea | None] = set()
    heading: str | None = None
    for block in section.blocks:
        cells = [cell.text.strip() for cell in block.cells if cell.text.strip()]
        if block.is_table_row and len(cells) > 1:
            covered.add(label_area(cells[0]) or (heading_area(heading) if heading else None))
        elif is_subheading(block):
            title = title_text(block)
            if heading and is_no_need_statement(title):
                covered.add(heading_area(heading))
            heading = title
        elif heading is None:
            unplaced.add(need_area(block.text))
        elif not is_strength_heading(heading):
            covered.add(heading_area(heading) or need_area(block.text))
    areas = {area for area in covered if area is not None}
    return areas or {area for area in unplaced if area is not None}


def _described(needs: list[NeedItem]) -> list[tuple[NeedItem, NeedArea]]:
    """Needs that describe something (not "no needs") with the area they sit under."""
    placed = [(need, item_area(need)) for need in needs if not is_no_need_statement(need.text)]
    return [(need, area) for need, area in placed if area is not None]


def _child_names(plan: Plan) -> list[str]:
    full = (plan.metadata.child_name or "").split()
    first = child_reference(plan).name
    return [*full, *([first] if first else [])]


def repeated_need_findings(needs: list[NeedItem], names: list[str]) -> Iterator[Finding]:
    """ENF006 for a need written again under another area (same content words, by Jaccard)."""
    settings = _data()["coverage"]
    ignored = [*names, *settings["stop_words"]]
    seen: list[tuple[NeedItem, NeedArea, frozenset[str]]] = []
    for need, area in _described(needs):
        stems = content_stems(need.text.split(" | ")[-1], ignored)
        if len(stems) < settings["repeat_min_words_identical"]:
            continue
        # A short need has too few words for a partial overlap to mean anything: only an exact
        # repeat of its content words counts.
        least = 1.0 if len(stems) < settings["repeat_min_words"] else settings["repeat_similarity"]
        earlier = next(
            (
                (other, other_area)
                for other, other_area, other_stems in seen
                if other_area != area
                and len(stems & other_stems) / len(stems | other_stems) >= least
            ),
            None,
        )
        if earlier is not None:
            yield get_rule("ENF006").finding(
                section=SectionId.B,
                evidence=need.text,
                location=need.location,
                area=AREA_NAMES[area],
                other_area=AREA_NAMES[earlier[1]],
                other=shorten(earlier[0].text, 60),
            )
        seen.append((need, area, stems))


def unmatched_provision_findings(
    items: PlanItems, needs: list[NeedItem], names: list[str]
) -> Iterator[Finding]:
    """ENF007 for F provision placed under an area (subheading or row label) that B describes
    no need in, and linked to no need by shared words either. A line's own keywords are too weak
    a sign of its area on their own; lines about reviewing the plan answer no particular need."""
    described = _described(needs)
    # Where B is organised by area, a line outside any heading or row label ("Kai takes pride
    # in their work" after B's table) describes no area's need, as in covered_areas.
    placed = [(need, area) for need, area in described if explicit_area(need) is not None]
    described = placed or described
    if not described:
        return
    need_areas = {area for _, area in described}
    need_words = frozenset().union(*(content_stems(need.text, names) for need, _ in described))
    # The message names the first of the line's areas in statutory order.
    candidates = [
        (item, min(areas, key=list(NeedArea).index))
        for item in items.provisions
        if item.section is SectionId.F
        and not is_about_monitoring(_main_clause(item.text))
        # What every pupil gets answers no need of this child's: ENF001 says so already.
        and universal_span(item.text) is None
        and (areas := placed_areas(item, need_words))
        and not areas & need_areas
        # A row under a label naming no area whose provision names an area B describes may
        # answer that need ("Taking part | a reading and wellbeing session"): what cannot be
        # read for sure is not reported.
        and not row_named_areas(item) & need_areas
    ]
    sources = [item for item, _ in candidates]
    links = link_items(sources, [need for need, _ in described], ignore_words=names)
    for (item, area), linked in zip(candidates, links, strict=True):
        if not linked:
            yield _item_finding("ENF007", item, {"area": AREA_NAMES[area]})


def is_about_monitoring(text: str) -> bool:
    """Checking delivery or reviewing progress, not provision for a particular need. A session
    with its length and group size is provision whatever it checks ("checks of her hearing aids
    ... in 60-minute sessions with one adult to 3 pupils")."""
    return not is_session(text) and (
        _is_delivery_check(text)
        or _is_review(text)
        or bool(_patterns("coverage", "not_for_a_need").search(text))
    )


def _main_clause(text: str) -> str:
    """Up to the first comma or semicolon, past an opening phrase of time ("At the end of each
    term, the SENCo will share ...")."""
    return _CLAUSES.split(_TIME_OPENER.sub("", text, count=1), maxsplit=1)[0]


_TIME_OPENER = re.compile(
    r"^\s*(?:at|by|in|on|during|after|before|once|each|every)\b[^,;]{0,40},\s*", re.IGNORECASE
)


def placed_areas(item: ProvisionItem, need_words: frozenset[str]) -> set[NeedArea]:
    """The areas a provision is written under: its subheading's, else every area its table
    row's need label may belong to ("Attention" is learning or emotional health; "Sensory
    processing" may sit under communication), none when the label repeats B's words."""
    if item.heading:
        area = heading_area(item.heading)
        return {area} if area else set()
    if len(item.cells) < 2 or not item.cells[0].strip():
        return set()
    label = item.cells[0]
    stems = content_stems(label)
    # The label repeats B's own words ("Attention" where B speaks of attention): it names a
    # described need. One common word in a longer label ("Understanding ...") is not enough.
    # A label of stop words only ("Independent learning") echoes nothing.
    echoed = bool(stems) and len(stems & need_words) >= min(
        len(stems), _data()["coverage"]["label_echo_words"]
    )
    if echoed:
        return set()
    # A need label is no area title, and its provision says which of its areas is meant: the
    # one area the provision speaks of most picks among the label's areas ("Processing speed"
    # with Precision Teaching is learning), or adds to them ("Following classroom talk" with
    # Braille tuition is a sensory need). A tie ("a sensory learning programme") says nothing.
    areas = label_areas(label)
    # What is provided and who provides it: "Resilience | A structured lunchtime club | A
    # teaching assistant trained in emotion coaching" is emotional provision. (Not when it
    # happens: "in all curriculum areas" is no learning need.)
    content = top_areas(without_session_words(" ".join(item.cells[1:3])))
    # Abstention: a need label alone is a weak sign of an area ("Listening in noisy rooms" may be
    # a hearing need); where the provision's words name no area or tie, only the label's areas
    # they name are read for sure ("Listening in noisy rooms | sessions to boost her spatial
    # awareness" is placed nowhere).
    if len(content) != 1:
        return areas & content
    return set(content) if content <= areas else areas | content


def label_areas(label: str) -> set[NeedArea]:
    """Every area a short label may belong to: those whose label words (rules/golden_thread.toml,
    the more specific) it uses, else those whose need keywords it uses; plus the areas of any
    topic shared between areas ("Attention")."""
    specific = {area for area in NeedArea if _label_words(area, specific=True).search(label)}
    areas = specific or {area for area in NeedArea if _label_words(area).search(label)}
    return areas | shared_topic_areas(label)


@cache
def _label_words(area: NeedArea, *, specific: bool = False) -> re.Pattern[str]:
    """The words label_area counts for one area: the label words, with the shared need
    keywords unless only the specific label words are asked for."""
    extra = golden_thread_settings()["label_words"][area.value]
    return phrase_pattern(extra if specific else [*terms()["need_areas"][area.value], *extra])


# --- ENF008: strengths -------------------------------------------------------------------------


def strength_findings(items: PlanItems) -> Iterator[Finding]:
    """ENF008 for a line under a strengths heading (A or B) that names a need, the absence of a
    problem or a middling level."""
    lines: list[Item] = [*items.section_a_sentences, *items.needs]
    for item in lines:
        if not _under_strengths(item):
            continue
        found = not_a_strength(item.text)
        if found is not None:
            phrase, kind = found
            yield _item_finding("ENF008", item, {"phrase": phrase, "kind": kind})


def not_a_strength(text: str) -> tuple[str, str] | None:
    """What makes a line no strength, with its words: a problem said to be absent, fewer or
    stopped ("has stopped leaving lessons", "fewer detentions"), a need, or a middling level;
    None for a real strength."""
    absent = _absent_problem(text)
    if absent is not None:
        return absent, "the absence of a problem"
    for key, kind in (("need_patterns", "a need"), ("middling_patterns", "an average level")):
        match = _patterns("strengths", key).search(text)
        if match and key == "need_patterns" and _not_the_childs(text, match.start()):
            continue
        if match and not (key == "middling_patterns" and _above_middling(text)):
            return match.group(0), kind
    # Where others of the same age are ("reading at about the level expected for his age"):
    # an ordinary level, read as B's "no needs" statements are.
    typical = typical_span(text)
    if typical is not None and not _above_middling(text):
        return typical, "an average level"
    return None


def _not_the_childs(text: str, start: int) -> bool:
    """The need is given as the reason for something else, or is someone else's ("comforts
    friends who get upset")."""
    return _as_a_reason(text, start) or bool(
        _patterns("strengths", "other_subjects").search(text[:start])
    )


def _absent_problem(text: str) -> str | None:
    """A negation or lessening ("not", "no longer", "stopped", "fewer") a few words before a
    problem behaviour or sanction, in the same clause; or a set frame ("less of a problem")."""
    match = _patterns("strengths", "absence_patterns").search(text)
    if match:
        return match.group(0)
    limit = _data()["strengths"]["absence_gap_words"]
    for clause in _CLAUSES.split(text):
        for marker in _patterns("strengths", "lessening").finditer(clause):
            rest = clause[marker.end() :]
            problem = _patterns("strengths", "problems").search(rest)
            if problem and len(rest[: problem.start()].split()) <= limit:
                return clause[marker.start() : marker.end() + problem.end()].strip()
    return None


def _as_a_reason(text: str, start: int) -> bool:
    """The need comes in a clause giving the reason for what the line says ("..., as Sam finds
    meetings hard"), not as what the line says of the child."""
    return bool(_patterns("strengths", "reason_openers").search(text[:start]))


def _above_middling(text: str) -> bool:
    return bool(_patterns("strengths", "above_middling").search(text))
