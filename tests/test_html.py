"""``--format html`` and the email's two parts: one self-contained page with inline SVG charts,
cards per rep that fit a 600-700 px mail pane, a text part that reads as text, no private
text; and both rendered by headless Chromium at 700 and 1200 px, as a manager would see them.

The screenshots go to the test's folder, or to ``$COACHLOG_SCREENSHOTS`` when it is set (to
look at them, or to refresh ``docs/report.png``)."""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_privacy import NOTE, SECRETS, planted  # noqa: F401 - the fixture
from tests.test_report import AFTER

MONTH = ("--month", "2026-11", "--today", AFTER)
MAIL = ("--to", "boss@example.com", "--from", "dana@example.com")


class Page(HTMLParser):
    """What a page is made of: its tags, attributes, style text and visible text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.style = ""
        self.text: list[str] = []
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "style":
            self.style += data
        else:
            self.text.append(data)


def self_contained(html: str) -> Page:
    """The page parsed, with nothing fetched from anywhere: no script, no link, no image, no
    frame, no URL in an attribute (the SVG namespace names, never loads) or in the style."""
    page = Page(html)
    for tag in ("script", "link", "img", "iframe", "object", "embed", "image", "use"):
        assert tag not in page.tags, tag
    for tag, name, value in page.attrs:
        if (tag, name) == ("svg", "xmlns"):
            continue
        assert name not in ("src", "href", "xlink:href", "srcset", "action"), (tag, name)
        assert "://" not in value and not value.startswith("//"), (tag, name, value)
    assert "url(" not in page.style and "@import" not in page.style
    return page


def test_the_team_report_is_one_page_with_charts_and_a_card_per_rep(planted, cli: Cli) -> None:  # noqa: F811
    html = cli.ok("report", "--format", "html", *MONTH).stdout
    assert html.startswith("<!DOCTYPE html>")
    page = self_contained(html)
    for secret in (*SECRETS, NOTE):
        assert secret not in html, secret
    captions = [c for c in page.text if c.startswith(("Coaching", "Goal", "Call review"))]
    assert "Coaching minutes against target" in captions
    assert "Goal completion (done of done and missed)" in captions
    assert "Call review scores: alice" in captions  # her criteria, a strip each
    assert page.tags.count("svg") >= 3
    assert 'viewBox="0 0 640' in html and 'width="100%"' in html  # scales to a mail pane
    # a card per rep, not a wide table: every rep's heading, each fact with its label
    assert html.count('class="card') >= 3
    for rep in ("alice (Alice Moreno)", "bob (Bob Chen)", "carol (Carol Diaz)"):
        assert f"<h3>{rep}</h3>" in html
    assert "<dt>Coaching</dt>" in html and "<dt>Flags</dt>" in html
    assert "<th>Flags</th>" not in html
    # alice's minutes against the month's target, drawn and said
    alice = next(t for t in page.text if t.startswith("alice: ") and " min" in t)
    assert alice.endswith(" of 180 min")


def test_a_reps_own_page_charts_her_months(planted, cli: Cli) -> None:  # noqa: F811
    html = cli.ok("report", "--format", "html", "--rep", "alice", *MONTH).stdout
    page = self_contained(html)
    for secret in (*SECRETS, NOTE):
        assert secret not in html, secret
    text = "".join(page.text)
    assert "Coaching report for alice" in text
    assert "Coaching minutes by month: alice" in text
    assert "Goal completion by month: alice" in text
    assert "Call review scores, monthly means: alice" in text
    assert "Timeline: alice" in text
    assert "bob (Bob Chen)" not in text


def test_each_reps_forecasts_are_drawn_with_the_quota(planted, cli: Cli) -> None:  # noqa: F811
    cli.ok("reps", "set", "alice", "--quota", "150000")
    for day, commit, pipeline in (("2026-11-03", "120000", "300000"), ("2026-11-10", "90000", "")):
        extra = ("--pipeline", pipeline) if pipeline else ()
        cli.ok("forecast", "--rep", "alice", "--commit", commit, *extra, "--date", day)
    html = cli.ok("report", "--format", "html", *MONTH).stdout
    page = self_contained(html)
    text = "".join(page.text)
    assert "Each rep: call-review scores and forecasts" in text
    assert "Forecast: alice" in text and "Forecast: bob" not in text
    assert "commit: 90,000 last" in text and "quota: 150,000 last" in text
    assert "next period's pipeline: 300,000 last" in text
    mine = cli.ok("report", "--format", "html", "--rep", "alice", *MONTH).stdout
    assert "Forecast: alice" in mine


def email_parts(text: str) -> dict[str, str]:
    message = email.message_from_string(text, policy=email.policy.default)
    assert not message.defects
    return {p.get_content_type(): p.get_content() for p in message.iter_parts()}  # type: ignore[attr-defined]


def test_the_email_has_the_pages_layout_and_a_text_part_that_reads_as_text(
    planted,  # noqa: F811
    cli: Cli,
) -> None:
    out = cli.ok("report", "--format", "email", *MAIL, *MONTH).stdout
    parts = email_parts(out)
    html, text = parts["text/html"], parts["text/plain"]
    assert html == cli.ok("report", "--format", "html", *MONTH).stdout
    self_contained(html)
    # the text part: no Markdown pipe table, a block per rep with its facts labelled
    assert not [line for line in text.splitlines() if line.lstrip().startswith("|")]
    assert "## " not in text and "---|" not in text
    lines = text.splitlines()
    alice = lines.index("alice (Alice Moreno)")
    block = lines[alice : lines.index("", alice)]
    assert any(line.startswith("  Coaching:") and line.endswith("of 180 min") for line in block)
    assert any(line.startswith("  Flags:") for line in block)
    assert max(len(line) for line in lines) <= 76
    for secret in (*SECRETS, NOTE):
        assert secret not in out and secret not in html and secret not in text, secret


def test_a_listing_mails_as_cards_and_text_too(planted, cli: Cli) -> None:  # noqa: F811
    out = cli.ok("goals", "open", "--format", "email", *MAIL).stdout
    parts = email_parts(out)
    assert 'class="card' in parts["text/html"]
    assert "<th>Due</th>" not in parts["text/html"]
    assert not [line for line in parts["text/plain"].splitlines() if line.startswith("|")]
    assert planted["C"] in parts["text/plain"]
    assert "  Due:" in parts["text/plain"]


# --- what a manager sees: Chromium's screenshots ------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and how many distinct byte values the pixel data has (a blank page has
    a handful)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels[:2_000_000]))


def screenshots(pages: dict[str, str], folder: Path) -> dict[str, Path]:
    """Each page at 700 and 1200 px wide, as headless Chromium draws it (all at once)."""
    runs, found = [], {}
    for name, html in pages.items():
        source = folder / f"{name}.html"
        source.write_text(html, encoding="utf-8")
        for width in (700, 1200):
            shot = folder / f"{name}-{width}.png"
            profile = folder / f"profile-{name}-{width}"
            command = [
                CHROMIUM or "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--screenshot={shot}",
                f"--window-size={width},2000",
                source.as_uri(),
            ]
            runs.append(
                subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
            found[f"{name}-{width}"] = shot
    for run in runs:
        run.wait(timeout=120)
    return found


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_chromium_draws_the_report_and_the_email_at_700_and_1200_px(
    planted,  # noqa: F811
    cli: Cli,
    tmp_path: Path,
) -> None:
    report = cli.ok("report", "--format", "html", *MONTH).stdout
    mail = email_parts(cli.ok("report", "--format", "email", *MAIL, *MONTH).stdout)["text/html"]
    folder = Path(os.environ.get("COACHLOG_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shots = screenshots({"report": report, "email": mail}, folder)
    for name, path in shots.items():
        assert path.is_file(), name
        width, height, colours = png_size_and_colours(path)
        assert (width, height) == (int(name.rsplit("-", 1)[1]), 2000), name
        assert colours > 50, f"{name} looks blank"
