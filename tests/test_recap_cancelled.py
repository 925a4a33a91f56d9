"""The recap of a cancelled 1:1 says at its top that it was cancelled, in Markdown and in the
email; the note it was cancelled with is a free note and reaches neither."""

from __future__ import annotations

import email
from pathlib import Path

from tests.conftest import Cli

CANARY = "CANARY-5c1e-cancel-note"


def email_text(message: str) -> str:
    """Every text part of an email, decoded, with its subject."""
    parsed = email.message_from_string(message)
    parts = [str(parsed["Subject"])]
    for part in parsed.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            parts.append(payload.decode(part.get_content_charset() or "utf-8"))
    return "\n".join(parts)


def test_a_cancelled_1on1s_recap_says_so_without_its_note(cli: Cli, journal: Path) -> None:
    record = Path(cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()).stem
    cli.ok("goals", "add", "Book two calls", "--rep", "alice", "--kind", "action")
    held = cli.ok("recap", record).stdout
    assert "cancelled" not in held
    cli.ok("cancel", record, "--note", f"Alice was ill {CANARY}")
    out = cli.ok("recap", record).stdout
    assert out.startswith(
        "# Recap: 1:1 with Alice Moreno, 2026-11-24 (cancelled)\n\n"
        "This 1:1 was cancelled: it did not take place."
    )
    assert "Book two calls" in out  # where things stand, still
    mail = cli.ok(
        "recap", record, "--format", "email", "--to", "alice@example.com",
        "--from", "dana@example.com",
    ).stdout  # fmt: skip
    text = email_text(mail)
    assert "Recap: 1:1 with Alice Moreno, 2026-11-24 (cancelled)" in text.splitlines()[0]
    assert "This 1:1 was cancelled: it did not take place." in text
    assert CANARY not in out + mail + text
