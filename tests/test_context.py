"""--context shows sentences of the article's body: never the headline repeated, a caption or a credit."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from gzfacts.cli import app
from gzfacts.quotes import non_body_lines

from .conftest import ARTICLE

runner = CliRunner()
HEADLINE = "Tech focus helps Guizhou lead with high-quality growth"


def context(fact: str, n: int = 2) -> dict[str, str]:
    result = runner.invoke(app, ["show", fact, "-C", str(n), "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["context"]  # type: ignore[no-any-return]


def test_page_furniture_is_recognised() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    furniture = [text[a:b].strip() for a, b in non_body_lines(text, HEADLINE)]
    assert furniture.count(HEADLINE) >= 4
    assert "By Li Xin ( China Daily )" in furniture
    assert "Updated: 2019-10-02" in furniture
    assert "(China Daily 10/01/2019 page12)" in furniture
    assert "Contact us" in furniture
    assert any(line.startswith("From left:") for line in furniture)
    assert any(line.endswith("Photos provided to China Daily") for line in furniture)
    # Body paragraphs are not furniture, short ones included.
    assert "Its mission is to accumulate practical experience for China's big data strategy." not in furniture


def test_context_is_body_text_only() -> None:
    around = context("international-tech-companies")
    assert HEADLINE not in around["before"] + around["after"]
    assert around["after"].startswith("Last year, the province constructed 102 big data benchmark projects")
    # The body's last sentence: the photo captions after it are not its context.
    last = context("national-recognition")
    assert last["after"] == ""
    assert "Beipanjiang" not in last["after"] and "From left" not in last["after"]


def test_a_caption_quote_is_shown_in_its_caption_never_in_the_body() -> None:
    # The bridge's caption ends with its credit; the body's sentences are not around it.
    assert context("beipanjiang-bridge-height") == {"before": "", "after": "Photos provided to China Daily"}
    expo = context("big-data-expo-2019-participants", 1)
    assert expo["before"] == (
        "From left: The 2019 China International Big Data Industry Expo becomes an international platform to "
        "promote cooperation and communication globally."
    )
    assert expo["after"].startswith("A staff member introduces the big data applications")
    assert "In the past few years" not in expo["before"]
    # The standfirst stands alone under the byline.
    assert context("big-data-across-all-sectors") == {"before": "", "after": ""}


def test_plain_context_uses_ordinary_quotation_marks() -> None:
    text = runner.invoke(app, ["show", "international-tech-companies", "-C", "1"]).stdout
    quote = next(line for line in text.splitlines() if line.startswith("quote"))
    assert "\u201cA number of big names" in quote and "\u00bb" not in quote


def test_show_says_a_caption_or_the_standfirst_is_not_the_body() -> None:
    card = runner.invoke(app, ["show", "big-data-expo-2019-participants"]).stdout
    assert re.search(r"^said by +the article's photo caption$", card, re.MULTILINE), card
    standfirst = runner.invoke(app, ["show", "big-data-across-all-sectors"]).stdout
    assert re.search(r"^said by +the article's standfirst$", standfirst, re.MULTILINE), standfirst
    body = runner.invoke(app, ["show", "digital-villages"]).stdout
    assert re.search(r"^said by +the article itself$", body, re.MULTILINE), body
    shown = json.loads(runner.invoke(app, ["show", "beipanjiang-bridge-height", "--json"]).stdout)
    assert shown["place"] == "caption"
