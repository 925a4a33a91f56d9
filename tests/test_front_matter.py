"""The files coachlog writes are plain YAML every reader agrees on, and a hand-edited file
keeps every byte the CLI did not have to change (coachlog/store/yamlfile.py)."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import frontmatter
import pytest
import yaml as pyyaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from coachlog.errors import CoachlogError
from coachlog.store.yamlfile import Document
from tests.conftest import Cli, snapshot

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def yaml12(text: str) -> Any:
    """A strict YAML 1.2 reader: ruamel's pure-Python safe loader (duplicate keys refused)."""
    return YAML(typ="safe", pure=True).load(text)


def front_matter_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, sep, _ = text[4:].partition("\n---\n")
    assert sep, "no closing fence"
    return head + "\n"


def both_readers(path: Path) -> Any:
    """The file's data as YAML 1.2 and python-frontmatter (PyYAML, YAML 1.1) read it; the two
    must agree."""
    if path.suffix == ".md":
        yaml_text = front_matter_text(path)
        via_frontmatter = frontmatter.load(str(path)).metadata
    else:
        yaml_text = path.read_text(encoding="utf-8")
        via_frontmatter = frontmatter.loads(f"---\n{yaml_text}---\n").metadata
    strict = yaml12(yaml_text)
    assert via_frontmatter == strict
    assert pyyaml.safe_load(yaml_text) == strict
    return strict


def assert_plain_yaml(yaml_text: str) -> None:
    """No tags, anchors or aliases; lists and mappings in block style (empty ones aside)."""
    events = list(YAML(typ="safe", pure=True).parse(yaml_text))
    for event, following in zip(events, [*events[1:], None], strict=True):
        assert not isinstance(event, AliasEvent), event
        if isinstance(event, NodeEvent):
            assert event.anchor is None, event
            assert getattr(event, "tag", None) is None, event
        if isinstance(event, SequenceStartEvent | MappingStartEvent) and event.flow_style:
            assert isinstance(following, SequenceEndEvent | MappingEndEvent), event
    assert not re.search(r"(^|\s)[!&*]\S", _without_strings(yaml_text)), yaml_text


def _without_strings(yaml_text: str) -> str:
    return re.sub(r"'[^']*'|\"[^\"]*\"|#.*", "", yaml_text)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A journal where the CLI wrote each kind of file, with a goal rolled forward (dates in a
    list of mappings) and names a YAML 1.1 reader would take for something else. Made once:
    the tests only read it."""
    journal = tmp_path_factory.mktemp("written")
    cli = Cli(journal)
    cli.ok("init", "--team", "Enterprise West", "--manager", "dana", "--fiscal-year-start", "02-01")
    cli.ok("reps", "add", "alice", "--name", "Alice Moreno", "--win-rate", "25%")
    cli.ok("reps", "add", "bob")
    cli.ok("reps", "add", "norway", "--name", "no", "--manager", "012", "--win-rate", "0.3")
    cli.ok("reps", "set", "bob", "--name", "on", "--manager", "1:30")
    first = journal / cli.ok("new", "1on1", "--rep", "alice", "--date", "2026-11-17").stdout.strip()
    text = first.read_text(encoding="utf-8").replace(
        "goals: []\n",
        "goals:\n"
        "  - id: g7k2\n"
        "    title: Book three discovery calls\n"
        "    kind: opportunity\n"
        "    set: 2026-11-17\n"
        "    due: 2026-11-30\n",
    )
    first.write_text(text, encoding="utf-8")
    one_on_one = journal / cli.ok("new", "1on1", "--rep", "alice").stdout.strip()
    return {
        "1on1": one_on_one,
        "1on1-norway": journal / cli.ok("new", "1on1", "--rep", "norway").stdout.strip(),
        "rep": journal / "reps" / "alice.yaml",
        "rep-norway": journal / "reps" / "norway.yaml",
        "rep-bob": journal / "reps" / "bob.yaml",
        "config": journal / "coachlog.yaml",
    }


# --- what the CLI writes ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["1on1", "1on1-norway", "rep", "rep-norway", "rep-bob", "config"])
def test_every_written_file_reads_the_same_in_every_reader(
    written: dict[str, Path], name: str
) -> None:
    path = written[name]
    data = both_readers(path)
    assert isinstance(data, dict)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.endswith(b"\n")
    yaml_text = front_matter_text(path) if path.suffix == ".md" else raw.decode("utf-8")
    assert_plain_yaml(yaml_text)


def test_written_1on1_values(written: dict[str, Path]) -> None:
    data = both_readers(written["1on1"])
    assert data["date"] == date(2026, 11, 24)
    assert isinstance(data["created"], datetime)
    assert data["created"].utcoffset() is not None  # an instant, not a local wall time
    assert data["goals"][0]["id"] == "g7k2"
    assert data["goals"][0]["set"] == date(2026, 11, 17)
    assert data["goals"][0]["due"] == date(2026, 11, 30)
    post = frontmatter.load(str(written["1on1"]))
    assert "## Notes" in post.content
    assert "## Private" in post.content


def test_dates_are_iso_text(written: dict[str, Path]) -> None:
    text = front_matter_text(written["1on1"])
    lines = text.splitlines()
    assert "date: 2026-11-24" in lines
    assert "    set: 2026-11-17" in lines
    assert "    due: 2026-11-30" in lines
    created = next(line for line in lines if line.startswith("created: "))
    assert re.fullmatch(r"created: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", created), created
    for line in lines:
        for key in ("date", "set", "due"):
            if line.strip().startswith(f"{key}:"):
                assert ISO_DAY.fullmatch(line.split(":", 1)[1].strip()), line


def test_yaml11_lookalike_names_stay_strings(written: dict[str, Path]) -> None:
    norway = both_readers(written["rep-norway"])
    assert norway["name"] == "no"
    assert norway["manager"] == "012"
    bob = both_readers(written["rep-bob"])
    assert bob["name"] == "on"
    assert bob["manager"] == "1:30"
    record = both_readers(written["1on1-norway"])
    assert record["manager"] == "012"
    assert record["rep"] == "norway"


def test_yaml11_lookalike_team_and_manager_in_the_config(tmp_path: Path, cli: Cli) -> None:
    cli.ok("init", "--team", "yes", "--manager", "2026-11-23")
    data = both_readers(tmp_path / "coachlog.yaml")
    assert data["team"] == "yes"
    assert data["manager"] == "2026-11-23"
    assert data["fiscal_year_start"] == "01-01"


# --- Document: a hand-edited record keeps its bytes -----------------------------------------------

HAND_EDITED = """\
---
# Alice's weekly 1:1; edited by hand after the meeting
id: 2026-11-23-alice-k3f9
kind: 1on1        # keys in my own order
rep: "alice"
manager: 'dana'
date: 2026-11-23
created: 2026-11-23T09:00:00Z
minutes: 40
period: FY2027-Q4
phase: early
helpful: null
private: ~
adhoc: []
tags: [coaching, q4]
forecast:
  commit: 120000     # what she committed to
  most_likely:
  upside: null
  next_period_pipeline: 3.0e+5
summary: >-
  Upbeat, pipeline thin
  for next quarter.
goals:
- id: g7k2
  title: "Book 3 discovery calls: new logos only"
  kind: opportunity
  set: 2026-11-01
  due: 2026-11-30
  notes:
  - 'first try: two booked'
n: 3   # a key some YAML 1.1 readers take for false; the dumper would quote it
---
# 1:1 with Alice, 2026-11-23

She was upbeat.  Two spaces, and a trailing one here.<SP>
key: value  <- looks like YAML, is a note
---
Not front matter either.
""".replace("<SP>", " ")

# (what to change, the file line that changes (0-based), the text it changes to)
EDITS = {
    "nested number": (lambda d: d["forecast"].__setitem__("commit", 150000), 16,
                      "  commit: 150000     # what she committed to"),
    "null to number": (lambda d: d.__setitem__("helpful", 4), 11, "helpful: 4"),
    "empty to number": (lambda d: d["forecast"].__setitem__("most_likely", 90000), 17,
                        "  most_likely: 90000"),
    "string in a list": (lambda d: d["goals"][0].__setitem__("kind", "action"), 26,
                         "  kind: action"),
    "top-level string": (lambda d: d.__setitem__("phase", "mid"), 10, "phase: mid"),
    "date": (lambda d: d["goals"][0].__setitem__("due", date(2026, 12, 7)), 28,
             "  due: 2026-12-07"),
}  # fmt: skip


def variants(text: str) -> dict[str, bytes]:
    crlf = text.replace("\n", "\r\n")
    return {
        "lf": text.encode(),
        "crlf": crlf.encode(),
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "bom-crlf": b"\xef\xbb\xbf" + crlf.encode(),
    }


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "bom-crlf"])
def test_load_and_render_unchanged_is_byte_identical(tmp_path: Path, variant: str) -> None:
    path = tmp_path / "r.md"
    raw = variants(HAND_EDITED)[variant]
    path.write_bytes(raw)
    assert Document.load(path).render().encode("utf-8") == raw


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "bom-crlf"])
@pytest.mark.parametrize("edit", list(EDITS))
def test_one_change_changes_one_line(tmp_path: Path, variant: str, edit: str) -> None:
    change, line, expected = EDITS[edit]
    raw = variants(HAND_EDITED)[variant]
    path = tmp_path / "r.md"
    path.write_bytes(raw)
    doc = Document.load(path)
    change(doc.data)
    out = doc.render().encode("utf-8")
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    old_lines, new_lines = raw.split(newline), out.split(newline)
    assert len(new_lines) == len(old_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [line], [new_lines[i] for i in changed]
    assert new_lines[line].decode("utf-8").removeprefix("\ufeff") == expected
    assert out.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    assert out.count(b"\r\n") == raw.count(b"\r\n")
    # every reader sees the document as it was, with the one value changed
    expected = both_readers_text(raw)
    change(expected)
    assert both_readers_text(out) == expected


def both_readers_text(raw: bytes) -> dict:
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    head = text[4:].partition("\n---\n")[0] + "\n"
    strict = yaml12(head)
    assert pyyaml.safe_load(head) == strict
    return strict


def test_body_is_kept_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(HAND_EDITED, encoding="utf-8")
    doc = Document.load(path)
    assert doc.body == HAND_EDITED.split("---\n", 2)[2]
    doc.data["helpful"] = 5
    assert doc.render().endswith(doc.body)
    assert "trailing one here. \nkey: value  <- looks like YAML" in doc.render()


HAND_EDITED_PROFILE = """\
name: Alice Moreno
manager: dana
experience: developing
engine:
    opportunities: 24     # four-space indent, by hand
    win_rate: 0.25
    deal_size: 18000
    cycle_days: 60
title: Senior account
    executive, West
notes: |
  Joined in June.
    Prefers mornings.
focus: null
focus_history: []
"""


@pytest.mark.parametrize(
    ("key", "value", "line", "expected"),
    [
        ("win_rate", 0.28, 5, "    win_rate: 0.28"),
        ("cycle_days", 55.0, 7, "    cycle_days: 55"),
    ],
)
def test_hand_formatting_survives_an_edit(
    tmp_path: Path, key: str, value: float, line: int, expected: str
) -> None:
    """A four-space mapping, a plain scalar over two lines and a two-space block scalar: the
    dumper would respell each, the file keeps them."""
    path = tmp_path / "alice.yaml"
    path.write_text(HAND_EDITED_PROFILE, encoding="utf-8")
    doc = Document.load(path, fenced=False)
    doc.data["engine"][key] = value
    old, new = HAND_EDITED_PROFILE.splitlines(), doc.render().splitlines()
    assert len(new) == len(old)
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [line]
    assert new[line] == expected


def test_new_value_is_added_in_the_files_own_indent(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(HAND_EDITED, encoding="utf-8")
    doc = Document.load(path)
    doc.data["goals"][0]["status"] = "done"
    old, new = HAND_EDITED.splitlines(), doc.render().splitlines()
    assert len(new) == len(old) + 1
    inserted = [line for line in new if line not in old]
    assert inserted == ["  status: done"]


# --- Document: what is refused --------------------------------------------------------------------


def refused(tmp_path: Path, content: str | bytes, *, fenced: bool = True) -> CoachlogError:
    path = tmp_path / ("r.md" if fenced else "r.yaml")
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    with pytest.raises(CoachlogError) as info:
        Document.load(path, fenced=fenced)
    assert info.value.path == path
    assert str(path) in str(info.value)
    return info.value


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("---\na: 1\nb: &x 2\nc: *x\n---\n", (3, 4), "anchors and aliases"),
        ("---\nbase: &b\n  x: 1\nother:\n  <<: *b\n---\n", (2, 5), "anchors and aliases"),
        ("---\na: 1\nb: &only 2\n---\n", (3,), "anchors and aliases"),
        ("---\na: 1\nb: !secret xyz\n---\n", (3,), "tags are not allowed (!secret)"),
        ("---\na: 1\nb: !note\n  x: 1\n---\n", (3,), "tags are not allowed (!note)"),
        ("---\na: 1\nb: !!python/object:os.system x\n---\n", (3,), "!!python/object"),
        ("---\na: 1\nb: !!binary aGVsbG8=\n---\n", (3,), "!!binary"),
        ("---\na: 1\nb: 2\na: 3\n---\n", (4,), "duplicate key 'a'"),
        ("---\na: 1\nb:\n  x: 1\n  x: 2\n---\n", (5,), "duplicate key 'x'"),
        ("---\na: 1\nb: x: y\nc: 3\n---\n", (3,), "malformed YAML"),
        ("---\na: 1\ntags: [x, y\nc: 3\n---\n", (3,), "malformed YAML"),
        ('---\na: 1\nb: "unclosed\nc: 3\n---\n', (3,), "malformed YAML"),
        ("---\na: 1\njust some words\nc: 3\n---\n", (3,), "malformed YAML"),
        ("---\na: 1\n\tb: 2\n---\n", (3,), "malformed YAML"),
        ("---\na: 1\nkind: [\n---\nbody\n", (3,), "malformed YAML"),
        ("---\na: 1\nb: 'it\n---\nbody\n", (3,), "malformed YAML"),
        ("---\n- a\n- b\n---\n", (2,), "mapping"),
        ("# a note\na: 1\n", (1,), "'---'"),
        ("\n---\na: 1\n---\n", (1,), "'---'"),
        ("---\na: 1\nno closing fence\n", (1,), "closing"),
    ],
)
def test_refused_with_the_right_line(
    tmp_path: Path, content: str, line: tuple[int, ...], words: str
) -> None:
    err = refused(tmp_path, content)
    assert err.line in line, str(err)
    assert words in err.message


def test_non_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    err = refused(tmp_path, b"---\na: 1\nb: caf\xe9\n---\n")
    assert err.line == 3
    assert "UTF-8" in err.message


def test_a_file_over_1_mb_is_refused(tmp_path: Path) -> None:
    err = refused(tmp_path, "---\na: 1\n---\n" + "x" * 1_000_001)
    assert "1,000,000" in err.message


@pytest.mark.parametrize(
    "content",
    [
        "---\na: " + "[" * 50_000 + "]" * 50_000 + "\n---\n",
        "---\na: " + "{x: " * 20_000 + "}" * 20_000 + "\n---\n",
        "---\n" + "".join("  " * i + "k:\n" for i in range(600)) + "---\n",
        "a: " + "[" * 50_000 + "\n",
    ],
    ids=["flow-lists", "flow-maps", "block-maps", "unclosed-plain-yaml"],
)
def test_deep_nesting_is_refused_quickly(tmp_path: Path, content: str) -> None:
    start = time.perf_counter()
    err = refused(tmp_path, content, fenced=content.startswith("---"))
    assert "nested too deeply" in err.message
    assert time.perf_counter() - start < 1.0


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lol = "a: &a [" + ",".join(['"lol"'] * 9) + "]\n"
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lol += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    start = time.perf_counter()
    err = refused(tmp_path, lol, fenced=False)
    assert "anchors and aliases" in err.message
    assert time.perf_counter() - start < 1.0


def test_the_cli_refuses_to_rewrite_a_file_it_cannot_keep(journal: Path, cli: Cli) -> None:
    profile = journal / "reps" / "alice.yaml"
    profile.write_text("name: &n Alice\nmanager: *n\nengine:\n  win_rate: 0.25\n", encoding="utf-8")
    before = snapshot(journal)
    err = cli.fails("reps", "set", "alice", "--win-rate", "30%").stderr
    assert "alice.yaml:" in err
    assert snapshot(journal) == before


# --- strings a YAML 1.1 reader takes for something else ------------------------------------------

LOOKALIKES = [
    "no", "No", "NO", "yes", "on", "off", "On", "y", "n", "true", "False", "null", "~", "",
    "012", "012345", "0o17", "0x1F", "0b101", "1_000", "+1", "-0", "1:30", "190:20:30",
    "2026-11-23", "2026-11-23T10:00:00", "2026-11-23 10:00", "1e3", ".5", "3.", ".inf", ".NaN",
    "=", "<<", "# not a comment", "- not a list", "key: value", "[x]", "{y}", "*star", "&amp",
    "!bang", "%pct", "@at", "`tick", "'single'", '"double"', " leading", "trailing ",
    "multi\nline\n", "x\u2028y", "tab\there", "\N{NEL}", "\tindented\nnote", "a\r\nb",
    "bell\x07",
]  # fmt: skip


@pytest.mark.parametrize("value", LOOKALIKES)
def test_lookalike_strings_are_written_so_every_reader_reads_strings(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "r.md"
    path.write_text(Document.new(path, {"title": value, "notes": [value]}, "body\n").render())
    metadata = frontmatter.load(str(path)).metadata
    assert metadata == {"title": value, "notes": [value]}
    assert yaml12(front_matter_text(path)) == metadata
    assert Document.load(path).data["title"] == value


@pytest.mark.parametrize("value", ["no", "on", "yes", "012", "1:30", "2026-11-23"])
def test_lookalike_set_on_a_hand_edited_file(tmp_path: Path, value: str) -> None:
    path = tmp_path / "r.md"
    path.write_text(HAND_EDITED, encoding="utf-8")
    doc = Document.load(path)
    doc.data["phase"] = value
    doc.data["goals"][0]["title"] = value
    path.write_text(doc.render(), encoding="utf-8")
    metadata = frontmatter.load(str(path)).metadata
    assert metadata["phase"] == value
    assert metadata["goals"][0]["title"] == value
    assert pyyaml.safe_load(front_matter_text(path))["phase"] == value
    assert yaml12(front_matter_text(path))["phase"] == value


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    value=st.text(
        alphabet=st.sampled_from([*"ny01:.-_+eE xT#'\"!&*[]{},|>%@`~\n\t\r", "\x85", "\x00", "é"]),
        max_size=12,
    )
)
def test_any_short_string_reads_back_the_same(tmp_path: Path, value: str) -> None:
    path = tmp_path / "h.md"
    path.write_text(Document.new(path, {"v": value}).render(), encoding="utf-8")
    assert frontmatter.load(str(path)).metadata["v"] == value
    assert yaml12(front_matter_text(path))["v"] == value
