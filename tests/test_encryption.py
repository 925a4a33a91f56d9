"""Private means private in a shared repo (spec 12): with ``privacy: {encrypt_to: [...]}`` every
``## Private`` section and ``private:`` field is written encrypted with age; a person with the
key reads it in clear (the editor, ``read_private``), anyone else sees ``[encrypted]``, and
every other command works as before. Real age keys (pyrage) and an SSH key from ssh-keygen; real
git for ``git grep``; a real pseudo-terminal (``script``) for the editor."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyrage import x25519

from coachlog.core.private import ARMOR_BEGIN, ARMOR_END, SHOWN, private_sections
from coachlog.core.textmerge import merge_text
from coachlog.ops.editing import edit_record
from coachlog.ops.privacy import read_private
from coachlog.store.journal import Journal
from tests.conftest import Cli, add_goal, from_template, snapshot

BODY = "QZX8BODYCANARY"  # under ## Private
TOP = "QZX9TOPCANARY"  # the record's private: field
GOAL = "QZX10GOALCANARY"  # a goal's private: field
PROFILE = "QZX11PROFILECANARY"  # a rep profile's private: mapping
CANARIES = (BODY, TOP, GOAL, PROFILE)


def _key(folder: Path, name: str) -> tuple[Path, str]:
    """An age identity file and its public key."""
    identity = x25519.Identity.generate()
    path = folder / name
    path.write_text(f"# {name}\n{identity}\n", encoding="utf-8")
    return path, str(identity.to_public())


def _encrypt_to(root: Path, *keys: str) -> None:
    config = root / "coachlog.yaml"
    listed = "".join(f"\n    - {k}" for k in keys) if keys else " []"
    text = re.sub(
        r"(?m)^  encrypt_to:.*(\n    - .*)*$", f"  encrypt_to:{listed}", config.read_text()
    )
    config.write_text(text, encoding="utf-8")


def _plant(cli: Cli) -> dict[str, str]:
    """A 1:1 with private text in all four places, in clear (written before keys were set)."""
    root = cli.cwd
    path = root / cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action")
    text = path.read_text()
    text = text.replace("## Private\n", f"## Private\n\nThinking of leaving. {BODY}\n", 1)
    text = text.replace("\nminutes: 40\n", f"\nminutes: 40\nprivate: {TOP}\n", 1)
    text = re.sub(r"(    title: Run 5[^\n]*\n)", rf"\1    private: {GOAL}\n", text, count=1)
    path.write_text(text)
    profile = root / "reps" / "alice.yaml"
    profile.write_text(profile.read_text() + f"private:\n  health: {PROFILE}\n")
    keys = root.parent / f"{root.name}-keys"
    keys.mkdir()
    team, team_pub = _key(keys, "team.txt")
    other, other_pub = _key(keys, "other.txt")
    return {
        "record": str(path.relative_to(root)),
        "goal": goal,
        "team": str(team),
        "team_pub": team_pub,
        "other": str(other),
        "other_pub": other_pub,
    }


@pytest.fixture
def clear(journal: Path, templates: Path) -> dict[str, str]:
    """A journal with private text in clear, and two age keys (``team``, ``other``)."""
    return from_template("private-in-clear", journal, templates, _plant)


def _encrypted(cli: Cli, clear: dict[str, str], *keys: str) -> None:
    _encrypt_to(cli.cwd, *(keys or (clear["team_pub"],)))
    cli.ok("privacy", "encrypt")


def _everything(root: Path) -> str:
    return "".join(p.decode("utf-8") for p in snapshot(root).values())


def _as(identity: str) -> dict[str, str]:
    return {"COACHLOG_IDENTITY": identity}


def _read(root: Path, relative: str, identity: str) -> tuple[str, str | None]:
    old = os.environ.get("COACHLOG_IDENTITY")
    os.environ["COACHLOG_IDENTITY"] = identity
    try:
        return read_private(Journal(root), root / relative)
    finally:
        if old is None:
            del os.environ["COACHLOG_IDENTITY"]
        else:
            os.environ["COACHLOG_IDENTITY"] = old


# --- encrypt, read back ---------------------------------------------------------------------------


def test_encrypt_leaves_no_private_text_in_clear_and_the_key_reads_it_all(
    clear, journal: Path, cli: Cli
) -> None:
    for canary in CANARIES:
        assert canary in _everything(journal)
    _encrypt_to(journal, clear["team_pub"])
    result = cli.ok("privacy", "encrypt")
    assert result.stdout.split() == sorted([clear["record"], "reps/alice.yaml"])
    assert "encrypted 4 private parts in 2 files to 1 key" in result.stderr
    everything = _everything(journal)
    for canary in CANARIES:
        assert canary not in everything, canary
    assert everything.count(ARMOR_BEGIN) == 4
    text, note = _read(journal, clear["record"], clear["team"])
    assert note is None
    for canary in (BODY, TOP, GOAL):
        assert canary in text
    profile, _ = _read(journal, "reps/alice.yaml", clear["team"])
    assert f"private:\n  health: {PROFILE}\n" in profile
    # run again: nothing left to do, nothing changes
    before = snapshot(journal)
    assert "nothing to do" in cli.ok("privacy", "encrypt").stderr
    assert snapshot(journal) == before


def test_only_the_private_parts_change(clear, journal: Path, cli: Cli) -> None:
    before = (journal / clear["record"]).read_text().splitlines()
    _encrypted(cli, clear)
    after = (journal / clear["record"]).read_text().splitlines()
    removed = [line for line in before if line not in after]
    added = [line for line in after if line not in before]
    private = (*CANARIES, "Only in this file")  # the Private section's note is in it too
    assert all(any(c in line for c in private) for line in removed), removed
    armor = re.compile(
        r"^ *(private: \||[A-Za-z0-9+/=]+|-----(BEGIN|END) AGE ENCRYPTED FILE-----)$"
    )
    assert all(armor.match(line) for line in added), added


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_grep_finds_no_private_text_in_the_shared_repo(clear, journal: Path, cli: Cli) -> None:
    _encrypted(cli, clear)
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "journal")):
        subprocess.run(["git", *args], cwd=journal, env=env, check=True)
    for canary in (*CANARIES, "leaving"):
        found = subprocess.run(
            ["git", "grep", "-i", canary, "HEAD"], cwd=journal, env=env, capture_output=True
        )
        assert found.returncode == 1, found.stdout  # 1: no match
    found = subprocess.run(["git", "grep", "-c", "-e", ARMOR_BEGIN, "HEAD"], cwd=journal, env=env)
    assert found.returncode == 0


def test_without_the_key_private_text_shows_as_encrypted_and_everything_else_works(
    clear, journal: Path, cli: Cli
) -> None:
    _encrypted(cli, clear)
    for identity, why in (
        (clear["other"], "is not one it was encrypted to"),
        (str(journal / "no-such-key"), "no identity at"),
    ):
        text, note = _read(journal, clear["record"], identity)
        assert text.count(SHOWN) == 3 and ARMOR_BEGIN not in text
        assert (
            note is not None and note.startswith("3 private parts left encrypted") and why in note
        )
        for canary in CANARIES:
            assert canary not in text
    env = _as(clear["other"])
    for args in (
        ("goals", "open"),
        ("report", "--rep", "alice"),
        ("agenda", "--rep", "alice"),
        ("reps", "list"),
        ("check",),
    ):
        cli.ok(*args, env=env)


def test_other_commands_keep_encrypted_text_as_it_is(clear, journal: Path, cli: Cli) -> None:
    _encrypted(cli, clear)
    path = journal / clear["record"]
    blocks = re.findall(rf"{ARMOR_BEGIN}.*?{ARMOR_END}", path.read_text(), re.S)
    env = _as(clear["other"])  # nobody here can read it: nothing may be lost all the same
    cli.ok("goals", "progress", clear["goal"], "--value", "2", env=env)
    cli.ok("goals", "add", "Book a pilot", "--rep", "alice", "--kind", "action", env=env)
    cli.ok("rate", "--rep", "alice", "4", env=env)
    cli.ok("focus", "set", "--rep", "alice", "Ask for the next step", env=env)
    text = path.read_text()
    assert re.findall(rf"{ARMOR_BEGIN}.*?{ARMOR_END}", text, re.S) == blocks
    assert "Book a pilot" in text
    profile, _ = _read(journal, "reps/alice.yaml", clear["team"])
    assert PROFILE in profile and "Ask for the next step" in profile


def test_private_text_typed_in_clear_is_encrypted_by_the_next_write(
    clear, journal: Path, cli: Cli
) -> None:
    _encrypted(cli, clear)
    path = journal / clear["record"]
    path.write_text(path.read_text().replace("\nperiod:", "\nprivate_note: x\nperiod:", 1))
    text = path.read_text()
    text = text.replace("    private: |\n", "    private: QZX12HANDTYPED\n    was: |\n", 1)
    path.write_text(text)
    cli.ok("goals", "progress", clear["goal"], "--value", "1")
    assert "QZX12HANDTYPED" not in path.read_text()
    shown, _ = _read(journal, clear["record"], clear["team"])
    assert "private: QZX12HANDTYPED" in shown
    # a new record's Private section is encrypted as it is written
    made = journal / cli.ok("new", "debrief", "--rep", "bob", "--call", "Acme").stdout.strip()
    body = made.read_text().split("## Private\n", 1)[1]
    assert body.strip().startswith(ARMOR_BEGIN)


def test_check_names_private_text_typed_in_clear_since(clear, journal: Path, cli: Cli) -> None:
    _encrypt_to(journal, clear["team_pub"])
    found = cli("check")
    record = clear["record"]
    lines = [line for line in found.stdout.splitlines() if "private text in clear" in line]
    assert [line.split(": error:")[0] for line in lines] == [
        f"{record}:9",  # private: at the top
        f"{record}:{_line(journal / record, 'private: ' + GOAL)}",
        f"{record}:{_line(journal / record, '## Private')}",
        f"reps/alice.yaml:{_line(journal / 'reps/alice.yaml', 'private:')}",
    ]
    cli.ok("privacy", "encrypt")
    assert "private text in clear" not in cli("check").stdout


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_rotate_takes_a_removed_keys_access_away(clear, journal: Path, cli: Cli) -> None:
    _encrypted(cli, clear, clear["team_pub"], clear["other_pub"])
    assert SHOWN not in _read(journal, clear["record"], clear["other"])[0]
    before = (journal / clear["record"]).read_text().splitlines()
    _encrypt_to(journal, clear["team_pub"])  # "other" leaves the team
    result = cli.ok("privacy", "rotate", env=_as(clear["team"]))
    assert "re-encrypted 4 private parts in 2 files to 1 key" in result.stderr
    text, note = _read(journal, clear["record"], clear["other"])
    assert text.count(SHOWN) == 3 and note is not None
    assert SHOWN not in _read(journal, "reps/alice.yaml", clear["team"])[0]
    assert BODY in _read(journal, clear["record"], clear["team"])[0]
    after = (journal / clear["record"]).read_text().splitlines()
    kept = [line for line in before if line in after]
    assert len(kept) == len(after) - sum(
        1 for line in after if re.fullmatch(r" *[A-Za-z0-9+/=]+", line)
    )


def test_rotate_without_a_key_that_opens_everything_changes_nothing(
    clear, journal: Path, cli: Cli
) -> None:
    _encrypted(cli, clear)
    before = snapshot(journal)
    failed = cli.fails("privacy", "rotate", env=_as(clear["other"]))
    assert "3 private parts cannot be opened to encrypt again: the identity" in failed.stderr
    assert "nothing was changed" in failed.stderr
    assert snapshot(journal) == before


def test_an_ssh_key_encrypts_and_its_private_key_reads(clear, journal: Path, cli: Cli) -> None:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    key = journal.parent / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    _encrypted(cli, clear, key.with_suffix(".pub").read_text().strip())
    assert BODY not in _everything(journal)
    assert BODY in _read(journal, clear["record"], str(key))[0]


@pytest.mark.parametrize(
    ("keys", "says"),
    [
        ("\n    - not-a-key", "coachlog.yaml:"),
        (
            "\n    - age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
            "coachlog.yaml:{line}: privacy.encrypt_to.0: not a usable public key (invalid Bech32",
        ),
        ("\n    - ssh-ed25519 AAAA-not-a-key", "not a usable public key (invalid SSH recipient)"),
    ],
)
def test_a_key_that_does_not_read_is_one_line_naming_the_config(
    clear, journal: Path, cli: Cli, keys: str, says: str
) -> None:
    config = journal / "coachlog.yaml"
    config.write_text(config.read_text().replace("  encrypt_to: []", f"  encrypt_to:{keys}"))
    before = snapshot(journal)
    line = _line(config, keys.split()[-1])
    assert says.format(line=line) in cli.fails("privacy", "encrypt").stderr
    assert snapshot(journal) == before


def test_encrypt_without_keys_says_where_to_put_them(clear, cli: Cli) -> None:
    assert "encrypt_to names no key" in cli.fails("privacy", "encrypt").stderr


def test_encrypt_stops_at_front_matter_that_does_not_read(clear, journal: Path, cli: Cli) -> None:
    _encrypt_to(journal, clear["team_pub"])
    path = journal / clear["record"]
    path.write_text(path.read_text().replace("minutes: 40", "minutes: [40"))
    before = snapshot(journal)
    assert clear["record"] in cli.fails("privacy", "encrypt").stderr
    assert snapshot(journal) == before


# --- the merge of two clones ----------------------------------------------------------------------


def test_two_clones_changing_one_private_text_conflict_on_whole_blocks() -> None:
    def block(letters: str) -> list[str]:
        return [ARMOR_BEGIN + "\n", *(letters * 16 + "\n" for _ in range(3)), ARMOR_END + "\n"]

    head = ["# 1:1\n", "\n", "## Private\n", "\n"]
    base, ours, theirs = ("".join(head + block(c)) for c in ("AAAA", "BBBB", "CCCC"))
    ours = ours.replace("# 1:1", "# 1:1 with Alice")  # and a change elsewhere
    merged = merge_text(base, ours, theirs, markers=True)
    assert merged.clashes == 1
    assert "# 1:1 with Alice\n" in merged.text
    # each side's block whole between the markers: one can be kept as it is
    middle = merged.text.split("<<<<<<< ours\n")[1].split(">>>>>>> theirs\n")[0]
    mine, other = middle.split("=======\n")
    assert mine == "".join(block("BBBB")) and other == "".join(block("CCCC"))
    # a block changed on one side only is taken whole
    assert merge_text(base, base, theirs, markers=True).text == theirs


def test_the_private_section_runs_to_the_next_heading() -> None:
    body = "# T\n\n## Private\n\nsecret\n```\n## not a heading\n```\n## Next\n\nx\n"
    (section,) = private_sections(body)
    assert body[section.start : section.end] == "\nsecret\n```\n## not a heading\n```\n"


# --- the editor, on a real terminal ---------------------------------------------------------------

EDITOR = """#!/bin/sh
# the person in the meeting: reads the Private section in clear, adds a line under it
grep -q "Only in this file" "$1" || exit 3
sed -i 's/^## Private$/## Private\\n\\nQZX13TYPED in the meeting./' "$1"
"""


def _new_on_a_terminal(journal: Path, editor: Path, identity: str, day: str) -> str:
    env = {
        **os.environ,
        "EDITOR": str(editor),
        "VISUAL": "",
        "COACHLOG_TODAY": "2026-11-24",
        "COACHLOG_JOURNAL": str(journal),
        "COACHLOG_IDENTITY": identity,
    }
    command = f"{sys.executable} -m coachlog new 1on1 --rep alice --date {day}"
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        cwd=journal,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
    )
    output = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0, output
    return output


@pytest.mark.skipif(shutil.which("script") is None, reason="script(1) is not installed")
def test_an_encrypted_journal_round_trips_through_the_editor(
    clear, journal: Path, cli: Cli
) -> None:
    _encrypted(cli, clear)
    editor = journal.parent / "editor.sh"
    editor.write_text(EDITOR, encoding="utf-8")
    editor.chmod(0o755)
    output = _new_on_a_terminal(journal, editor, clear["team"], "2026-11-26")
    assert "warning" not in output
    (made,) = (journal / "1on1").glob("*/2026-11-26-*.md")
    written = made.read_text()
    assert "QZX13TYPED" not in written and "Only in this file" not in written
    assert written.split("## Private\n", 1)[1].strip().startswith(ARMOR_BEGIN)
    shown, _ = _read(journal, str(made.relative_to(journal)), clear["team"])
    assert "## Private\n\nQZX13TYPED in the meeting.\n\nOnly in this file" in shown
    # without the key the editor gets the blocks as they are (its Private section, the private
    # field of the goal rolled forward into it), says so, and nothing is lost
    seen: list[str] = []
    os.environ["COACHLOG_IDENTITY"] = clear["other"]
    try:
        done = edit_record(Journal(journal), made, lambda copy: seen.append(copy.read_text()))
    finally:
        del os.environ["COACHLOG_IDENTITY"]
    assert seen[0] == written and not done.changed
    assert done.warnings == [
        f"{made.relative_to(journal)}: 2 private parts left encrypted: the identity "
        f"{clear['other']} is not one it was encrypted to"
    ]


def _edit_private(root: Path, path: Path, identity: str, old: str, new: str) -> None:
    """The person edits the Private section in their editor (``edit_record``), with their key."""

    def typing(copy: Path) -> None:
        text = copy.read_text()
        assert old in text, text
        copy.write_text(text.replace(old, new, 1))

    os.environ["COACHLOG_IDENTITY"] = identity
    try:
        edit_record(Journal(root), path, typing)
    finally:
        del os.environ["COACHLOG_IDENTITY"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_clones_merge_an_encrypted_1on1_with_its_blocks_whole(tmp_path: Path) -> None:
    from tests.test_sharing import Team

    team = Team(tmp_path)
    key, public = _key(tmp_path, "team.txt")
    _encrypt_to(team.a, public)
    team.run("a", "new", "1on1", "--rep", "alice", "--no-edit", today="2026-11-17")
    goal = team.run(
        "a", "goals", "add", "Call Acme", "--rep", "alice", "--kind", "action", today="2026-11-17"
    )
    team.share("a")
    team.pull("b")
    (record,) = (team.a / "1on1").glob("*/*.md")
    relative = record.relative_to(team.a)
    # a writes in the Private section while b records progress on the goal: merged cleanly
    _edit_private(team.a, record, str(key), "## Private\n", "## Private\n\nQZX14FROMA\n")
    team.run("b", "goals", "progress", goal, "--value", "1")
    team.share("a")
    team.share("b")
    merged = (team.b / relative).read_text()
    assert "<<<<<<<" not in merged and "QZX14FROMA" not in merged
    assert "QZX14FROMA" in _read(team.b, str(relative), str(key))[0]
    assert "progress: 1" in merged
    # both change the Private section: a conflict between the two blocks, each one whole
    team.pull("a")
    _edit_private(team.a, record, str(key), "QZX14FROMA", "QZX15AGAIN")
    _edit_private(team.b, team.b / relative, str(key), "QZX14FROMA", "QZX16OTHER")
    team.share("a")
    team.commit("b")
    assert team.try_pull("b").returncode != 0
    stopped = (team.b / relative).read_text()
    middle = stopped.split("<<<<<<< ours\n")[1].split(">>>>>>> theirs\n")[0]
    for side in middle.split("=======\n"):
        assert side.strip().startswith(ARMOR_BEGIN) and side.strip().endswith(ARMOR_END)
        assert side.count(ARMOR_BEGIN) == 1


def test_text_typed_by_hand_beside_a_block_becomes_a_block_of_its_own(
    clear, journal: Path, cli: Cli
) -> None:
    _encrypted(cli, clear)
    path = journal / clear["record"]
    before = path.read_text()
    (old,) = re.findall(rf"\n## Private\n\n({ARMOR_BEGIN}.*?{ARMOR_END}\n)", before, re.S)
    path.write_text(before + "QZX17BYHAND in vim.\n")  # under the block, in clear
    cli.ok("goals", "progress", clear["goal"], "--value", "1")
    after = path.read_text()
    assert "QZX17BYHAND" not in after
    section = after.split("\n## Private\n", 1)[1]
    assert section.startswith("\n" + old) and section.count(ARMOR_BEGIN) == 2  # the old one kept
    assert "private text in clear" not in cli("check").stdout  # two blocks, nothing in clear
    shown, note = _read(journal, clear["record"], clear["team"])
    assert note is None
    assert f"{BODY}\n" in shown and shown.rstrip().endswith("QZX17BYHAND in vim.")


def test_show_opens_private_text_with_the_key_and_shows_encrypted_without(
    clear, journal: Path, cli: Cli
) -> None:
    _encrypted(cli, clear)
    record = Path(clear["record"]).stem
    shown = cli.ok("show", record, env=_as(clear["team"]))
    for canary in (BODY, TOP, GOAL):
        assert canary in shown.stdout, canary
    assert "private part" not in shown.stderr
    stranger = cli.ok("show", record, env=_as(clear["other"]))
    assert SHOWN in stranger.stdout and ARMOR_BEGIN not in stranger.stdout
    for canary in CANARIES:
        assert canary not in stranger.stdout + stranger.stderr
    assert "left encrypted" in stranger.stderr
    hidden = cli.ok("show", record, "--no-private", env=_as(clear["team"]))
    for canary in CANARIES:
        assert canary not in hidden.stdout
