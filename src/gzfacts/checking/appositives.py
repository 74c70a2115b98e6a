"""A speaker's role given beside the name ("Pi Shengming, director of the First People's Hospital
of Guiyang, says"): the right speaker with another body's post is a wrong claim about who they
are, and contradicts the article when it gives the speaker's post with another body's name.
"""

from __future__ import annotations

import re

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
