"""Attributions in free text: who a text says stated something ("according to X", "X said")."""

from __future__ import annotations

import re
from typing import NamedTuple


class Attribution(NamedTuple):
    """Who a text says stated something ("according to X", "X said", "statistics from X show")."""

    start: int
    end: int
    text: str
    who: str


# --- attributions -------------------------------------------------------------------------

#: What a body that publishes statistics is called: what follows is such a body ("the National
#: Bureau of Statistics", "the provincial statistics bureau"), not "16 countries and regions".
_A_BODY = (
    r"[^,.;:!?]*\b(?:bureau|academy|ministry|commission|administration|institute|office|department|agency|"
    r"government|statistics|survey|association|council|centre|center)\b"
)
_WHO = r"(?P<who>(?:the\s+)?[^,.;:!?\"\u201c\u201d]{2,80}?)"
_ATTRIBUTION_RES = [
    re.compile(rf"\baccording\s+to\s+{_WHO}(?=\s*(?:[,.;:!?]|$))", re.I),
    re.compile(
        rf"\b(?:statistics|data|figures|numbers|a\s+report|reports?|research|a\s+survey|estimates)\s+"
        rf"(?:from|by|of)\s+{_WHO}\s+(?:show|shows|showed|indicate|indicates|suggest|suggests|found|say|says)\b",
        re.I,
    ),
    re.compile(
        r"[,\u201d\"]\s*(?:said|says|say|told\s+\w+(?:\s+\w+)?|noted|added|explained)\s+"
        r"(?P<who>(?:[A-Z]|(?:local|provincial|government|senior|city|state)\s+officials|officials|authorities|experts)"
        r"[^,.;:!?\"\u201c\u201d]{0,100}?)(?=\s*(?:[,.;:!?]|$))"
    ),
    re.compile(
        # A speaker by name or by description: "Pi Shengming said", "a provincial official said",
        # "the hospital's director says".
        r"(?:^|[,.;]\s*|[\u2014\u2013]\s*(?:and\s+)?|\bthat\s+|\b(?:had|heard)\s+(?=[A-Z])|\u201d\s*|\"\s*)(?P<who>(?:(?:[Tt]he|[Aa]n?|[Oo]ne)\s+)?(?:(?:[A-Z][\w'\u2019-]*|of|the|and|for|local|"
        r"provincial|government|city|county|health|senior|state|municipal|hospital|deputy|top|chief|photo|"
        r"commission|bureau|department|administration|ministry|committee|director)\s+){0,12}?"
        r"(?:[A-Z][\w-]*|officials?|authorities|experts?|analysts?|researchers?|economists?|scholars?|academics?|"
        r"observers?|critics?|commentators?|planners?|leaders?|directors?|spokes(?:person|man|woman)"
        r"|doctors?|statistics|data|figures|commission|bureau|department|administration|ministry|committee"
        r"|report|article|story|piece|paper|newspaper|caption))\s+"
        # "Officials quoted by China Daily concede": who quoted them is not who says it.
        r"(?:(?:quoted|cited)\s+(?:by|in)\s+(?:the\s+)?(?:(?:[A-Z][\w'\u2019-]*\s+){1,4}?|"
        r"(?:piece|article|report|story)\s+))?"
        r"(?:said|says|say|show|shows|showed|reports|reported|estimated|notes|noted|adds|added|states|stated|"
        r"writes|wrote|concede|concedes|conceded|admit|admits|admitted|acknowledge|acknowledges|acknowledged|"
        r"insist|insists|insisted|explains|explained|remarks|remarked|observes|observed|comments|commented|"
        r"(?:is|was|are|were)\s+quoted\s+as\s+saying|describes|described|sums\s+up|summed\s+up|"
        r"credit|credits|credited|argue|argues|argued|judge|judges|judged|maintain|maintains|maintained|"
        r"reckon|reckons|reckoned|saying|declare|declares|declared|claim|claims|claimed|assert|asserts|asserted|"
        r"stress|stresses|stressed|emphasi[sz]es|emphasi[sz]ed|underlines|underlined|pointed\s+out|points\s+out|"
        r"made\s+clear|makes\s+clear|spelled\s+out|spells\s+out|"
        r"told(?:\s+(?:the\s+)?(?:paper|newspaper|reporters?|journalists?|China\s+Daily|us|listeners|viewers))?)\b"
    ),
    # Who a statistic is from, said after it: "the 26.9 percent figure was published by the
    # National Bureau of Statistics", "the statistics ... come from X", "the report attributes ... to X".
    re.compile(
        rf"\b(?:statistics?|figures?|data|numbers?|estimates?|share|percentage)\b[^.;]{{0,100}}?\b"
        rf"(?P<at>(?:was|were|is|are)\s+(?:published|released|compiled|produced|issued|provided|supplied)\s+by|"
        rf"comes?\s+from|came\s+from)\s+(?={_A_BODY}){_WHO}(?=\s*(?:[,.;:!?]|$))",
        re.I,
    ),
    re.compile(rf"\battribut(?:es|ed)\s+[^.;]{{2,100}}?\s+(?P<at>to)\s+(?={_A_BODY}){_WHO}(?=\s*(?:[,.;:!?]|$))", re.I),
    # "The National Bureau of Statistics is the source of the 26.9 percent figure".
    re.compile(rf"^(?P<at>){_WHO}\s+(?:is|was)\s+the\s+(?:source|origin)\s+of\b"),
    # "Li Xin quotes the chairman of Longmaster as saying that ...": the one quoted says it.
    re.compile(
        r"(?:\b(?:[Tt]he\s+)?(?:paper|article|piece|report|story|China\s+Daily|Li\s+Xin)(?:['\u2019]s\s+\w+)?\s+)?"
        rf"\bquot(?:es|ed)\s+{_WHO}\s+as\s+saying\b"
    ),
    # A cleft: "It was independent economists, not officials, who judged that ...".
    re.compile(
        rf"\b[Ii]t\s+(?:was|is)\s+{_WHO}(?:,\s+not\s+[^,]{{2,60}},)?\s+(?:who|that)\s+"
        r"(?:said|say|says|judged|judge|judges|concluded|found|reported|noted|stated|argued|described|declared|"
        r"claimed|insisted|asserted)\b"
    ),
]


_APPOSITION = re.compile(
    r"(?:^|[.;]\s+)(?P<who>(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*),\s+[^,;:\"\u201c\u201d]{3,90},\s+"
    r"(?:said|says|told|noted|added)\b"
)
_ATTRIBUTION_RES.append(_APPOSITION)


def attributions(text: str) -> list[Attribution]:
    """Who `text` says stated something: "according to X", "X said", "said X", "data from X show"."""
    found: list[Attribution] = []
    for pattern in _ATTRIBUTION_RES:
        for match in pattern.finditer(text):
            who = match.group("who").strip()
            if not who or any(a.start <= match.start("who") < a.end for a in found):
                continue
            # Said after what is credited ("the figure was published by X"): only the credit is the attribution.
            begin = match.start("at") if "at" in pattern.groupindex else match.start()
            found.append(Attribution(begin, match.end(), text[begin : match.end()].strip(' ,.;"\u201c\u201d'), who))
    found.sort(key=lambda a: a.start)
    return found
