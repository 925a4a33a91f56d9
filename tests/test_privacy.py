"""Privacy: what is written under ``## Private``, in any ``private:`` field (a record's, a goal's,
a rep profile's) or in free notes never reaches the output of ``report``, ``goals open``,
``goals show``, ``agenda`` or ``reps list``, in any format."""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path

import pytest

from tests.conftest import Cli, from_template
from tests.test_report import AFTER, build_month, review

BODY = "QZX1BODYSECRET"  # under ## Private in a 1:1
TOP = "QZX2TOPSECRET"  # private: at the top of a 1:1's front matter
GOAL = "QZX3GOALSECRET"  # private: inside a goal
PROFILE = "QZX4PROFILESECRET"  # private: in a rep profile
REVIEW = "QZX5REVIEWSECRET"  # private: and ## Private of a call review
RATING = "QZX6RATINGSECRET"  # the rep's note beside the rating
NOTE = "QZX7GOALNOTE"  # a goal's free notes: kept out of reports
SECRETS = (BODY, TOP, GOAL, PROFILE, REVIEW, RATING)

FORMATS = ("table", "markdown", "json", "csv", "html", "email", "slack")


def plant(root: Path, goals: dict[str, str], cli: Cli) -> None:
    newest = sorted((root / "1on1").glob("*/*-alice-*.md"))[-1]
    text = newest.read_text()
    assert "## Private\n" in text
    text = text.replace("## Private\n", f"## Private\n\nShe is thinking of leaving. {BODY}\n", 1)
    text = text.replace("\nhelpful:", f"\nprivate: {TOP}\nhelpful:", 1)
    # a private field inside goal C (open, in every listing), under its title
    text, count = re.subn(
        rf"(  - id: {goals['C']}\n)(    title: [^\n]*\n)", rf"\1\2    private: {GOAL}\n", text
    )
    assert count == 1, text
    newest.write_text(text)
    profile = root / "reps" / "alice.yaml"
    profile.write_text(profile.read_text() + f"private:\n  health: {PROFILE}\n")
    path = review(cli, "alice", "2026-11-26", 20, discovery=4)
    body = path.read_text()
    assert "\n---\n# " in body
    path.write_text(
        body.replace("\n---\n# ", f"\nprivate: {REVIEW}\n---\n# ", 1)
        + f"\n## Private\n\n{REVIEW}\n"
    )
    cli.ok("rate", "--rep", "alice", "4", "--note", f"Felt heard {RATING}", "--today", "2026-11-24")
    cli.ok("goals", "progress", goals["D"], "--value", "0", "--note", NOTE, "--today", "2026-11-26")
    config = root / "coachlog.yaml"
    config.write_text(
        config.read_text().replace(
            "  from: ''\n  to: ''", "  from: dana@example.com\n  to: team@example.com"
        )
    )


def _planted(cli: Cli) -> dict[str, str]:
    goals = build_month(cli)
    plant(cli.cwd, goals, cli)
    return goals


@pytest.fixture
def planted(journal: Path, templates: Path) -> dict[str, str]:
    return from_template("privacy-month", journal, templates, _planted)


def readable(output: str, fmt: str) -> str:
    """The output and, for an email, every part decoded (quoted-printable hides nothing)."""
    if fmt != "email":
        return output
    message = email.message_from_string(output, policy=email.policy.default)
    parts = [part.get_content() for part in message.walk() if not part.is_multipart()]
    assert len(parts) == 2
    return output + "\n".join(parts)


def assert_clean(cli: Cli, fmt: str, *args: str, secrets=SECRETS) -> str:
    result = cli.ok(*args, "--today", AFTER)
    text = readable(result.stdout, fmt)
    for secret in secrets:
        assert secret not in text, (args, secret)
        assert secret not in result.stderr, (args, secret)
    return text


def test_the_secrets_are_in_the_files(planted, journal: Path) -> None:
    everything = "".join(p.read_text() for p in journal.rglob("*.md")) + "".join(
        p.read_text() for p in (journal / "reps").glob("*.yaml")
    )
    for secret in (*SECRETS, NOTE):
        assert secret in everything, secret


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_never_shows_private_text_or_notes(planted, cli: Cli, fmt: str) -> None:
    for extra in ((), ("--rep", "alice"), ("--since", "2026-10-01")):
        text = assert_clean(cli, fmt, "report", "--format", fmt, *extra, secrets=(*SECRETS, NOTE))
        assert "alice" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_goals_open_never_shows_private_text(planted, cli: Cli, fmt: str) -> None:
    text = assert_clean(cli, fmt, "goals", "open", "--format", fmt)
    assert planted["C"] in text  # goal C itself is listed


@pytest.mark.parametrize("fmt", ("table", "markdown", "json"))
def test_goals_show_never_shows_private_text(planted, cli: Cli, fmt: str) -> None:
    for letter in ("C", "D"):
        text = assert_clean(cli, fmt, "goals", "show", planted[letter], "--format", fmt)
        assert planted[letter] in text


@pytest.mark.parametrize("fmt", ("table", "markdown", "json"))
def test_agenda_never_shows_private_text(planted, cli: Cli, fmt: str) -> None:
    text = assert_clean(
        cli, fmt, "agenda", "--rep", "alice", "--date", "2026-12-01", "--format", fmt
    )
    assert planted["C"] in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_reps_list_never_shows_private_text(planted, cli: Cli, fmt: str) -> None:
    text = assert_clean(cli, fmt, "reps", "list", "--format", fmt)
    assert "alice" in text


def test_json_report_keys_hold_no_private_field(planted, cli: Cli) -> None:
    data = json.loads(cli.ok("report", "--format", "json", "--rep", "alice").stdout)

    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    assert not {"private", "notes", "helpful_note", "body"} & keys(data)
