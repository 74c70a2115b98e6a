"""Who said it. A speaker's role given beside the name ("Pi Shengming, director of the First
People's Hospital of Guiyang, says"): the right speaker with another body's post is a wrong claim
about who they are, and contradicts the article when it gives the speaker's post with another
body's name. A speaker the article does not name ("officials say", "according to An Shihai" of
what it credits to officials) may be right; one of another kind ("economists said") is not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.checking.verdict import Part
    from gzfacts.quantities import Scan

#: The appositive: the words between the speaker's name and the next comma.
_APPOSITIVE = re.compile(r",\s*(?P<role>[^,]+?)\s*,")
_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019-]*")
#: Words of a post, not of the body it is in; the article may capitalise them or not.
_POSTS = frozenset(
    "director deputy head chief president vice chairman chairwoman chair secretary general manager founder "
    "co-founder dean professor doctor dr mayor governor minister spokesman spokeswoman spokesperson officer "
    "executive ceo cto senior party member leader".split()
)


#: A run of capitalised words (with "of", "the", "and" inside) that names a body when it has
#: one of these heads: "the First People's Hospital of Guiyang", not "Guizhou" alone.
_RUN = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][\w'\u2019-]*)*")
_BODIES = frozenset(
    "hospital hospitals commission bureau ministry department office university college academy institute "
    "school company group corporation bank association committee council centre center agency administration "
    "government technology technologies".split()
)


def _words(text: str) -> set[str]:
    """The capitalised words of the bodies a post names ("director of the Sixth Hospital of Guiyang")."""
    found: set[str] = set()
    for run in _RUN.findall(text):
        words = {re.sub(r"['\u2019]s$", "", w.lower()) for w in _CAPITALISED.findall(run)}
        if words & _BODIES:
            found |= words
    return found


def other_body(said: str, article: str) -> str | None:
    """The body the sentence's appositive names that the article's words for the speaker do not
    ("First People's"), or None: no appositive, no body in it, or the article gives no post with
    a body of its own."""
    match = _APPOSITIVE.search(said + ",")
    theirs = _APPOSITIVE.search(article + ",")
    if match is None or theirs is None:
        return None
    named = _words(match.group("role")) - _POSTS
    known = _words(theirs.group("role")) - _POSTS
    if not named or not known:
        return None
    article_words = {re.sub(r"['\u2019]s$", "", w) for w in re.findall(r"[\w'\u2019-]+", article.lower())}
    missing = [
        w
        for w in _CAPITALISED.findall(match.group("role"))
        if re.sub(r"['\u2019]s$", "", w.lower()) in named - article_words
    ]
    return " ".join(missing) if missing else None


#: Speakers a sentence may give without naming anyone.
_UNNAMED = frozenset(
    "officials official experts analysts authorities observers insiders sources people local provincial "
    "government the a an some many several industry".split()
)
#: Speakers of another kind than officials: what the article credits to officials, said to be
#: theirs, is credited to someone else ("economists said", "it was analysts, not officials, who").
_OTHER_KINDS = frozenset(
    "economist economists analyst analysts scholar scholars academic academics researcher researchers "
    "critic critics commentator commentators consultant consultants independent outside outsiders "
    "chairman chairwoman ceo executive executives founder founders boss company firm".split()
)


def judge_speaker(part: Part, scan: Scan) -> Part:
    """A wrong speaker is a contradiction only when the article names the right one:
    "According to An Shihai" of what the article credits to "officials" may be true."""
    if part.kind == "attribution" and part.status == "supported":
        other = other_body(part.text, part.expected or "")
        # "X, director of another hospital, says": the speaker is right, the body is not.
        return part if other is None else part._replace(status="contradicted", note=f"not “{other}”")
    if part.kind != "attribution" or part.status != "contradicted":
        return part
    expected = part.expected or ""
    speaker = next((a for a in scan.attributions if a.start == part.start), None)
    if set(expected.lower().split()) <= {"local", "officials", "provincial", "government", "the", "authorities"}:
        if speaker is not None and set(re.findall(r"[a-z]+", speaker.who.lower())) & _OTHER_KINDS:
            return part  # "economists said": no officials, whoever they are
        return part._replace(status="unverifiable", note="the article credits unnamed officials")
    if speaker is not None and set(re.findall(r"[a-z]+", speaker.who.lower())) <= _UNNAMED:
        # "Officials say" of what the article credits to CAICT: officials may say so too.
        return part._replace(status="unverifiable", note="the sentence credits no one by name")
    return part
