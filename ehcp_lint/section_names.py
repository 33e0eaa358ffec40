"""The statutory title of each section, for messages (SEND Regulations 2014 reg. 12)."""

from ehcp_lint.plan import SectionId

SECTION_TITLES: dict[SectionId, str] = {
    SectionId.A: "views, interests and aspirations",
    SectionId.B: "special educational needs",
    SectionId.C: "health needs",
    SectionId.D: "social care needs",
    SectionId.E: "outcomes",
    SectionId.F: "special educational provision",
    SectionId.G: "health provision",
    SectionId.H1: "social care provision under s2 CSDPA 1970",
    SectionId.H2: "other social care provision",
    SectionId.I: "placement (name and type of school or institution)",
    SectionId.J: "personal budget",
    SectionId.K: "advice and information",
}
