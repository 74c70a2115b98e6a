"""docs/screens/check-{80,200}.png: `gzfacts check` on the sample draft as a terminal of 80 and 200
columns draws it (Rich, in colour), saved as SVG by Rich and photographed by headless Chromium.

    python scripts/check_screens.py

The text captures beside them (check-*.txt) are kept equal to check's golden output by
tests/test_check_output.py; run this when that output changes. Needs Debian's chromium.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parents[1]
DRAFT = "tests/data/drafts/short-draft.md"
CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]  # fmt: skip


def shoot(width: int, work: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": str(width), "TERM": "xterm-256color"}
    done = subprocess.run(["gzfacts", "--no-pager", "check", "-f", DRAFT], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip
    with open(os.devnull, "w", encoding="utf-8") as nowhere:
        console = Console(record=True, width=width, force_terminal=True, color_system="truecolor", file=nowhere)
        console.print(Text(f"$ gzfacts check -f {DRAFT}"))
        console.print(Text.from_ansi(done.stdout + done.stderr))
    svg = work / f"check-{width}.svg"
    console.save_svg(str(svg), title=f"gzfacts check at {width} columns")
    page = work / f"check-{width}.html"
    page.write_text(f"<html><body style='margin:0;background:#fff'>{svg.read_text()}</body></html>", encoding="utf-8")
    lines = (done.stdout + done.stderr).count("\n") + 4
    size = f"--window-size={1000 if width == 80 else 2300},{int(lines * 24.5 + 60)}"
    target = ROOT / "docs" / "screens" / f"check-{width}.png"
    subprocess.run([*CHROMIUM, f"--user-data-dir={work / 'profile'}", size, f"--screenshot={target}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)  # fmt: skip
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for columns in (80, 200):
            shoot(columns, Path(folder))
