"""``--format email`` and ``--format slack``: a report and every listing, as a complete RFC 5322
message (parsed by the standard library, delivered to a real SMTP server on loopback) and as a
Slack incoming-webhook payload (checked by slack_sdk's Block Kit models)."""

from __future__ import annotations

import email
import email.policy
import json
import re
import smtplib
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from coachlog.render.formats.slack import MAX_BLOCKS, page_slack
from coachlog.render.page import Column, Listing, Page
from tests.conftest import Cli, from_template
from tests.test_report import AFTER, build_month

TO, FROM = "boss@example.com", "dana@example.com"


@pytest.fixture
def month(journal: Path, templates: Path) -> dict[str, str]:
    return from_template("report-month", journal, templates, build_month)


def parse(text: str) -> EmailMessage:
    message = email.message_from_string(text, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert not message.defects, message.defects
    return message


def parts(message: EmailMessage) -> dict[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    found = {p.get_content_type(): p.get_content() for p in message.iter_parts()}
    assert list(found) == ["text/plain", "text/html"]
    return found


def no_git_identity(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "empty-gitconfig"
    empty.write_text("")
    return {"GIT_CONFIG_GLOBAL": str(empty), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}


def set_email_config(root: Path, sender: str, to: str) -> None:
    config = root / "coachlog.yaml"
    text = config.read_text()
    assert "  from: ''\n  to: ''" in text
    config.write_text(text.replace("  from: ''\n  to: ''", f"  from: {sender}\n  to: {to}"))


# --- email ------------------------------------------------------------------------------------


def test_report_email_is_a_complete_message(month, cli: Cli) -> None:
    out = cli.ok(
        "report",
        "--format",
        "email",
        "--to",
        TO,
        "--from",
        FROM,
        "--month",
        "2026-11",
        "--today",
        AFTER,
    ).stdout
    message = parse(out)
    assert message["From"] == FROM
    assert message["To"] == TO
    assert message["Subject"] == "Coaching report, Enterprise West: November 2026"
    assert parsedate_to_datetime(message["Date"]).date().isoformat() == AFTER
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@example.com>")
    assert message["MIME-Version"] == "1.0"
    body = parts(message)
    # the text part reads as text: a block per rep, each fact labelled, no Markdown table
    text = body["text/plain"]
    alice = r"\nalice \(Alice Moreno\)\n  1:1s: +4\n  Last 1:1: +2026-11-24 \(6d\)\n"
    assert re.search(alice, text)
    assert re.search(r"\n  Coaching: +275 of 180 min\n", text)
    assert "|" not in text
    # the HTML part: a card per rep (a mail pane is 600-700 px wide; a 15-column table is not)
    html = body["text/html"]
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "<h3>alice (Alice Moreno)</h3>" in html
    assert "<dt>Coaching</dt><dd>275 of 180 min</dd>" in html
    assert "<h2>Manager&#x27;s commitments</h2>" in html
    assert "\x1b[" not in out


def test_email_subject_and_addresses_can_be_anything_a_header_holds(month, cli: Cli) -> None:
    out = cli.ok(
        "report",
        "--format",
        "email",
        "--to",
        "Boss <boss@example.com>, ops@example.com",
        "--from",
        "Dana Núñez <dana@example.com>",
        "--subject",
        "Coaching — Bericht für Jürgen",
    ).stdout
    message = parse(out)
    assert message["Subject"] == "Coaching — Bericht für Jürgen"
    assert str(message["From"]) == "Dana Núñez <dana@example.com>"
    assert [a.addr_spec for a in message["To"].addresses] == ["boss@example.com", "ops@example.com"]
    assert all(ord(c) < 128 for c in out), "headers and bodies are 7-bit on the wire"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--subject", "Hi\nBcc: evil@example.com"), "--subject: the subject is one line"),
        (("--to", "boss@example.com\nBcc: evil@example.com"), "--to: an address is one line"),
        (("--from", "a@example.com, b@example.com"), "--from: give one From address"),
        (("--from", "dana"), "--from: 'dana' is not an email address"),
    ],
)
def test_header_injection_and_bad_addresses_are_refused(month, cli: Cli, args, words) -> None:
    base = {"--to": TO, "--from": FROM}
    for flag in args[::2]:
        base.pop(flag, None)
    extra = [x for pair in base.items() for x in pair]
    result = cli.fails("report", "--format", "email", *extra, *args)
    assert words in result.stderr


def test_addresses_come_from_the_config_then_git(month, cli: Cli, tmp_path: Path) -> None:
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\temail = manager@git.example.com\n")
    env = {"GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1"}
    message = parse(cli.ok("report", "--format", "email", "--to", TO, env=env).stdout)
    assert message["From"] == "manager@git.example.com"

    missing = cli.fails("report", "--format", "email", env=no_git_identity(tmp_path))
    assert "--to: an email needs a To address" in missing.stderr

    set_email_config(cli.cwd, "coach@example.com", "team@example.com")
    message = parse(cli.ok("report", "--format", "email", env=env).stdout)
    assert (message["From"], message["To"]) == ("coach@example.com", "team@example.com")
    message = parse(cli.ok("report", "--format", "email", "--from", FROM, env=env).stdout)
    assert message["From"] == FROM


def test_goals_open_and_reps_list_send_email_too(month, cli: Cli, tmp_path: Path) -> None:
    out = cli.ok("goals", "open", "--format", "email", "--to", TO, "--from", FROM).stdout
    message = parse(out)
    assert message["Subject"] == "Open goals, 2026-11-24"
    body = parts(message)
    assert "Send the Initech proposal draft" in body["text/plain"]
    assert "Send the Initech proposal draft" in body["text/html"]

    # without --to/--from, the journal's config gives them
    no_config = cli.fails("reps", "list", "--format", "email", env=no_git_identity(tmp_path))
    assert "an email needs a To address" in no_config.stderr
    set_email_config(cli.cwd, "coach@example.com", "team@example.com")
    message = parse(cli.ok("reps", "list", "--format", "email").stdout)
    assert (message["From"], message["To"], message["Subject"]) == (
        "coach@example.com",
        "team@example.com",
        "Reps",
    )
    assert "carol" in parts(message)["text/html"]
    message = parse(cli.ok("reps", "list", "--format", "email", "--to", TO).stdout)
    assert message["To"] == TO


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--to", TO), "email.from: 'notanaddress' is not an email address"),
        (("--from", FROM), "email.to: 'team' is not an email address"),
        (("--from", "nobody", "--to", TO), "--from: 'nobody' is not an email address"),
    ],
)
@pytest.mark.parametrize("command", [("report",), ("reps", "list"), ("goals", "open")])
def test_a_bad_address_is_named_where_it_was_given(
    month, cli: Cli, command: tuple[str, ...], args: tuple[str, ...], says: str
) -> None:
    """An address from the command line is named by its flag; one from coachlog.yaml by its
    key there."""
    set_email_config(cli.cwd, "notanaddress", "team")
    result = cli.fails(*command, "--format", "email", *args, code=2)
    assert result.stderr == f"coachlog: error: {says}\n"


class Sink:
    """An SMTP server's handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Sink]]:
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, sink
    finally:
        controller.stop()


def test_report_email_is_delivered_end_to_end(month, cli: Cli, smtp_server) -> None:
    port, sink = smtp_server
    out = cli.ok(
        "report",
        "--format",
        "email",
        "--to",
        TO,
        "--from",
        FROM,
        "--rep",
        "alice",
        "--today",
        AFTER,
        "--month",
        "2026-11",
    ).stdout
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        refused = smtp.send_message(parse(out))  # From and To come from the headers
    assert refused == {}
    assert len(sink.envelopes) == 1
    envelope = sink.envelopes[0]
    assert envelope.mail_from == FROM
    assert envelope.rcpt_tos == [TO]
    received = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert received["Subject"] == "Coaching report for alice: November 2026"
    body = parts(received)  # type: ignore[arg-type]
    assert "Timeline: alice\n---------------\n" in body["text/plain"]
    assert "<h2>Trend: alice, by month</h2>" in body["text/html"]


# --- slack ------------------------------------------------------------------------------------


def check_payload(text: str) -> dict[str, Any]:
    """A payload Slack accepts: a fallback text and valid Block Kit blocks within limits."""
    from slack_sdk.models.blocks import Block, HeaderBlock, SectionBlock

    payload = json.loads(text)
    assert set(payload) == {"text", "blocks"}
    assert payload["text"].strip() and len(payload["text"]) <= 3000
    blocks = payload["blocks"]
    assert 1 <= len(blocks) <= MAX_BLOCKS
    assert blocks[0]["type"] == "header"
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, raw
        block.validate_json()  # raises SlackObjectFormationError past a limit
        assert block.to_dict() == raw
        if isinstance(block, HeaderBlock):
            assert len(raw["text"]["text"]) <= 150
        if isinstance(block, SectionBlock):
            assert len(raw["text"]["text"]) <= 3000
    return payload


def test_report_slack_payload_is_valid_block_kit(month, cli: Cli) -> None:
    out = cli.ok("report", "--format", "slack", "--month", "2026-11", "--today", AFTER).stdout
    payload = check_payload(out)
    assert payload["blocks"][0]["text"]["text"] == "Coaching report, Enterprise West: November 2026"
    text = json.dumps(payload)
    assert "*alice*" in text and "*carol*" in text
    assert "bob: last 1:1 18 days ago" in payload["text"]
    assert "Manager's commitments" in text


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--rep", "alice"),
        ("report", "--since", "2026-09-01"),
        ("goals", "open"),
        ("goals", "open", "--rep", "carol"),  # nothing to list
        ("reps", "list"),
    ],
)
def test_every_listing_has_a_slack_payload(month, cli: Cli, args) -> None:
    check_payload(cli.ok(*args, "--format", "slack").stdout)


def test_slack_escapes_its_control_characters(journal: Path, cli: Cli) -> None:
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    cli.ok(
        "goals",
        "add",
        "Send <b>R&D</b> the brief",
        "--rep",
        "alice",
        "--kind",
        "action",
        "--due",
        "+7d",
        "--target",
        "1",
    )
    payload = check_payload(cli.ok("goals", "open", "--format", "slack").stdout)
    text = json.dumps(payload["blocks"])
    assert "Send &lt;b&gt;R&amp;D&lt;/b&gt; the brief" in text
    assert "<b>" not in text


def test_slack_stays_within_its_limits_however_big_the_page() -> None:
    columns = [Column("rep", "Rep"), Column("text", "Text")]
    rows = [{"rep": f"rep{i}", "text": "x" * 2900} for i in range(120)]
    listings = [Listing(f"Part {n}", columns, rows, notes=["y" * 5000]) for n in range(3)]
    page = Page("A title " * 40, listings, intro=["z" * 4000])
    payload = check_payload(page_slack(page))
    blocks = payload["blocks"]
    assert len(blocks) == MAX_BLOCKS
    assert blocks[-1]["type"] == "context"
    assert "left out" in blocks[-1]["elements"][0]["text"]
    assert len(blocks[0]["text"]["text"]) == 150


def test_a_cut_never_leaves_half_an_escape() -> None:
    from coachlog.render.formats.slack import cut, escape

    text = escape("a" * 2996 + "<<<<")  # "&lt;" runs over the limit
    shown = cut(text, 3000)
    assert len(shown) <= 3000 and shown.endswith("…")
    assert shown.rstrip("…").endswith(("a", "&lt;"))
