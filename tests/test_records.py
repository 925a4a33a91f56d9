"""Reading the journal: ``log`` (newest first), ``show`` and ``edit`` by id or prefix, and
``search`` that leaves Private sections and ``private:`` fields out unless asked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coachlog.core.private import find_text, private_lines, without_private
from tests.conftest import Cli

DEMO = Path(__file__).parent.parent / "examples" / "demo"
CANARY = "CANARY-PRIVATE-7731"
FIELD_CANARY = "CANARY-FIELD-4410"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """The demo journal, with a private note in one 1:1 and a private field in a profile."""
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(DEMO, root, dirs_exist_ok=True)
    record = root / "1on1" / "2026" / "2026-11-17-alice-au4f.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text + f"\nAcme is close; {CANARY} she is thinking of leaving.\n\n## Next time\n\nAcme.\n",
        encoding="utf-8",
    )
    profile = root / "reps" / "alice.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + f"private:\n  health: {FIELD_CANARY} Acme\n",
        encoding="utf-8",
    )
    return Cli(root)


def test_log_lists_records_newest_first_with_the_fields_of_the_spec(demo: Cli) -> None:
    found = json.loads(
        demo.ok("log", "--rep", "alice", "--since", "2026-11-10", "-f", "json").stdout
    )
    assert [e["date"] for e in found] == sorted((e["date"] for e in found), reverse=True)
    assert set(found[0]) == {"id", "kind", "rep", "date", "status", "path"}
    assert {e["rep"] for e in found} == {"alice"}
    assert min(e["date"] for e in found) == "2026-11-10"
    by_id = {e["id"]: e for e in found}
    assert by_id["2026-11-17-alice-au4f"]["status"] == "held"
    assert by_id["2026-11-17-alice-au4f"]["path"] == "1on1/2026/2026-11-17-alice-au4f.md"
    assert by_id["2026-11-21-alice-tyrell-qbr-t1fm"]["status"] == "to score"
    reviews = json.loads(demo.ok("log", "--kind", "review", "-f", "json").stdout)
    assert reviews and {e["kind"] for e in reviews} == {"review"}
    table = demo.ok("log", "--rep", "bob", "--since", "-1w").stdout  # Markdown in a pipe
    assert table.startswith("## Records") and "| 2026-11-" in table


def test_log_refuses_an_unknown_kind_or_rep_in_one_line(demo: Cli) -> None:
    assert "--kind: 'calls' is not a record kind" in demo.fails("log", "--kind", "calls").stderr
    assert "did you mean alice?" in demo.fails("log", "--rep", "alcie").stderr


def test_show_prints_a_record_by_a_unique_prefix(demo: Cli) -> None:
    shown = demo.ok("show", "2026-11-17-ali").stdout
    record = DEMO / "1on1" / "2026" / "2026-11-17-alice-au4f.md"
    assert shown.startswith(record.read_text(encoding="utf-8"))
    assert CANARY in shown  # the person's own journal, read by the person
    shared = demo.ok("show", "2026-11-17-ali", "--no-private").stdout
    assert CANARY not in shared and "## Private" in shared and "## Next time" in shared
    assert "ambiguous" in demo.fails("show", "2026-11").stderr
    err = demo.fails("show", "2027").stderr
    assert "ID: no record id starts with '2027'" in err and "coachlog log" in err


def test_search_leaves_private_text_out_unless_asked(demo: Cli) -> None:
    nothing = demo("search", "canary")  # only private text holds it
    assert (nothing.exit_code, nothing.stdout) == (1, "")
    every = demo.ok("search", "CANARY", "--private").stdout.splitlines()
    assert any(line.startswith("1on1/2026/2026-11-17-alice-au4f.md:") for line in every)
    assert any(line.startswith("reps/alice.yaml:") and FIELD_CANARY in line for line in every)
    acme = demo.ok("search", "acme", "--rep", "alice").stdout.splitlines()
    assert acme and all(":" in line for line in acme)
    assert all("-alice-" in line or line.startswith("reps/alice.yaml") for line in acme)
    assert not any(CANARY in line or FIELD_CANARY in line for line in acme)
    assert any("## Next time" not in line and "2026-11-17-alice-au4f.md" in line for line in acme)
    path, line, text = acme[0].split(":", 2)
    assert text.strip().lower().count("acme")
    assert (demo.cwd / path).read_text(encoding="utf-8").splitlines()[int(line) - 1] == text[1:]


def test_a_hand_broken_record_is_still_shown_and_found(demo: Cli, tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    shutil.copytree(
        demo.cwd, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".coachlog")
    )
    broken = tmp_path / "1on1" / "2026" / "2026-11-17-alice-au4f.md"
    broken.write_text(broken.read_text().replace("minutes: 40", "minutes: [40"), encoding="utf-8")
    result = cli.ok("show", "2026-11-17-alice")
    assert "minutes: [40" in result.stdout
    assert "warning:" not in result.stdout
    log = json.loads(cli.ok("log", "--rep", "alice", "-f", "json").stdout)
    assert "2026-11-17-alice-au4f" not in {e["id"] for e in log}
    assert "2026-11-17-alice-au4f.md" in cli("log", "--rep", "alice").stderr  # a warning


def test_edit_refuses_in_a_pipe(demo: Cli) -> None:
    err = demo.fails("edit", "2026-11-17-alice").stderr
    assert "an editor needs a terminal" in err


@pytest.mark.skipif(shutil.which("script") is None, reason="script(1) is not installed")
def test_edit_opens_the_record_at_a_terminal_and_keeps_what_was_typed(tmp_path: Path) -> None:
    root = tmp_path / "j"
    shutil.copytree(DEMO, root)
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "Typed at the terminal.\\n" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    env = {**os.environ, "VISUAL": str(editor), "COACHLOG_JOURNAL": str(root)}
    env["COACHLOG_TODAY"] = "2026-11-24"
    command = f"{sys.executable} -m coachlog edit 2026-11-17-ali"
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout
    record = root / "1on1" / "2026" / "2026-11-17-alice-au4f.md"
    assert record.read_text(encoding="utf-8").endswith("Typed at the terminal.\n")
    assert "1on1/2026/2026-11-17-alice-au4f.md" in done.stdout


# --- the private parts, directly --------------------------------------------------------------

RECORD = """---
kind: 1on1
private: one line
notes:
  private:
    - a
    - b
  kept: yes
private_not: kept
---
# Heading

kept body
## Private

secret one
### Sub

secret two
## After

kept after
# private

secret three
"""


def test_private_lines_cover_the_section_and_every_private_field() -> None:
    lines = RECORD.splitlines()
    hidden = private_lines(lines)
    shown = [line for n, line in enumerate(lines, 1) if n not in hidden]
    assert not any(s in line for s in ("secret one", "secret two", "- a", "- b") for line in shown)
    assert "private: one line" not in shown
    for kept in ("  kept: yes", "private_not: kept", "kept body", "## After", "kept after"):
        assert kept in shown
    assert [m.line for m in find_text(RECORD, "secret", private=True)] == [16, 19, 25]
    assert [m.line for m in find_text(RECORD, "secret")] == [25]  # under "# private": not one
    shared = without_private(RECORD)
    assert "secret one" not in shared and "secret two" not in shared and "kept after" in shared


def test_a_profile_has_no_fences_and_a_block_list_at_the_keys_indent_is_private() -> None:
    profile = "name: A\nprivate:\n- x secret\n- y secret\nmanager: dana\n"
    assert private_lines(profile.splitlines(), fenced=False) == {2, 3, 4}
