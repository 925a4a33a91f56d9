"""Sharing a journal through git: ``coachlog git setup`` and the merge driver it registers.

Most of what two clones do apart never meets in one file: each 1:1 and review is a file of its
own, named uniquely, and a goal closed in one clone stays closed however many 1:1s the other
rolls it into (``core.history``). Where two clones change the same 1:1 (the same goal done in
one and re-dated in the other), git's line merge would conflict on the goal's lines; the merge
driver merges the goals as the union of their histories instead, and everything else in the
file (the rest of the front matter, the body) as git would, conflict markers and all.

``git setup`` registers the driver for this clone (``.git/config``: git never takes drivers
from a repository, for safety) and names it for record files in ``.gitattributes`` (committed,
so every clone knows which files it is for). A clone without the driver falls back to git's
line merge; coachlog then names any conflict markers left, with their line.
"""

from __future__ import annotations

import fnmatch
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachlog.core.goals import GoalState, entry_keys
from coachlog.core.textmerge import merge_text
from coachlog.errors import CoachlogError, UsageError
from coachlog.vocabulary import KIND_DIRS

DRIVER = "coachlog"
GOAL_FOLDERS = (KIND_DIRS["1on1"], KIND_DIRS["plan"])
"""The folders of the records that hold goals (``model.GOAL_RECORDS``): 1:1s and action plans."""
ATTRIBUTES = tuple(f"{folder}/**/*.md merge={DRIVER}" for folder in GOAL_FOLDERS)
ATTRIBUTES_NOTE = (
    "# coachlog: 1:1 records and action plans merge their goals' histories (coachlog git setup)"
)


@dataclass
class Setup:
    root: Path
    changed: list[str]  # what was done, for the person; empty when all was in place


def driver_command() -> str:
    """How git runs the driver: this Python and this coachlog, wherever git runs from."""
    return f"{shlex.quote(sys.executable)} -m coachlog git merge-driver %O %A %B %P"


def git_setup(root: Path) -> Setup:
    """Register the merge driver in this clone's git config and name it in .gitattributes.
    Running it again changes nothing."""
    if shutil.which("git") is None:
        raise UsageError("git is not installed")
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise CoachlogError(
            "not in a git repository", path=root, hint="clone the shared journal, or git init"
        )
    changed: list[str] = []
    for key, value in (
        ("merge.coachlog.name", "coachlog: 1:1 records merge their goals' histories"),
        ("merge.coachlog.driver", driver_command()),
    ):
        now = _git(root, "config", "--local", "--get", key).stdout.strip()
        if now != value:
            done = _git(root, "config", "--local", key, value)
            if done.returncode != 0:
                raise CoachlogError(f"git config failed: {done.stderr.strip()}", path=root)
            changed.append(f"set {key} in .git/config")
    attributes = root / ".gitattributes"
    try:
        text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise CoachlogError(f"cannot read it: {exc}", path=attributes) from None
    missing = _unnamed(text)
    if missing:
        from coachlog.store.atomic import atomic_write

        joined = text + ("\n" if text and not text.endswith("\n") else "")
        noted = any(line.startswith("# coachlog:") for line in text.splitlines())
        note = "" if noted else f"{ATTRIBUTES_NOTE}\n"
        atomic_write(attributes, joined + note + "".join(f"{line}\n" for line in missing))
        changed.append(
            "named the driver for 1:1 records and action plans in .gitattributes (commit it)"
        )
    return Setup(root, changed)


def _unnamed(attributes: str) -> list[str]:
    """The lines naming the driver that ``.gitattributes`` (its text) lacks."""
    lines = attributes.splitlines()
    return [line for line in ATTRIBUTES if line not in lines]


def setup_problem(root: Path) -> str | None:
    """Why merges in this clone would not use coachlog's driver although ``.gitattributes``
    names it (never set up here, or set up by a coachlog install that is gone); None when all
    is well, or when the journal does not ask for the driver."""
    try:
        missing = _unnamed((root / ".gitattributes").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if len(missing) == len(ATTRIBUTES) or shutil.which("git") is None:
        return None
    try:
        found = _git(root, "config", "--get", "merge.coachlog.driver")
    except (OSError, subprocess.SubprocessError):
        return None
    driver = found.stdout.strip()
    if found.returncode != 0 or not driver.strip():
        return "this clone has not registered coachlog's merge driver: run 'coachlog git setup'"
    try:
        program = shlex.split(driver)[0]
    except (ValueError, IndexError):
        return (
            f"the merge driver in .git/config does not read ({driver!r}): run 'coachlog git setup'"
        )
    if shutil.which(program) is None:
        return (
            f"the merge driver registered in .git/config runs {program}, which is gone: "
            "run 'coachlog git setup' again"
        )
    if missing:
        folders = ", ".join(line.split("/", 1)[0] + "/" for line in missing)
        return (
            f".gitattributes does not name coachlog's merge driver for {folders} "
            "(set up by an older coachlog): run 'coachlog git setup'"
        )
    return None


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=60
    )


@dataclass
class Resolved:
    path: str
    conflicts: int  # stretches left for the person (conflict markers), 0 when merged
    deleted: bool = False  # deleted on one side, changed on the other: left as git left it


def resolve_conflicts(root: Path, paths: list[str]) -> list[Resolved]:
    """Redo git's merge of the conflicted 1:1 records (``paths``, or every one git lists as
    unmerged) as the driver would have: from the three versions git keeps while a merge is
    stopped (base, ours, theirs). A record merged cleanly is written and staged (``git add``);
    one with conflicts left gets them marked, for the person."""
    if shutil.which("git") is None:
        raise UsageError("git is not installed")
    listed = _git(root, "diff", "--name-only", "--diff-filter=U", "-z")
    if listed.returncode != 0:
        raise CoachlogError("not in a git repository", path=root)
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.strip())
    unmerged = [p for p in listed.stdout.split("\0") if p]
    wanted = unmerged
    if paths:
        given = {os.path.relpath(os.path.abspath(p), top).replace(os.sep, "/") for p in paths}
        missing = sorted(given - set(unmerged))
        if missing:
            raise UsageError(f"git has no unresolved merge of {missing[0]}", field="paths")
        wanted = [p for p in unmerged if p in given]
    done = []
    for name in wanted:
        if not any(fnmatch.fnmatch(name, f"*{folder}/*/*.md") for folder in GOAL_FOLDERS):
            continue
        stages = [_git(top, "show", f":{n}:{name}") for n in (1, 2, 3)]
        if stages[1].returncode != 0 or stages[2].returncode != 0:
            done.append(Resolved(name, 1, deleted=True))  # deleted on one side: theirs to say
            continue
        texts = [stage.stdout if stage.returncode == 0 else "" for stage in stages]
        merged, conflicts = merge_record(texts[0], texts[1], texts[2], Path(name))
        from coachlog.store.atomic import atomic_write

        atomic_write(top / name, merged)
        if not conflicts:
            _git(top, "add", "--", name)
        done.append(Resolved(name, conflicts))
    return done


# --- the merge driver -------------------------------------------------------------------------


def merge_record(base: str, ours: str, theirs: str, path: Path) -> tuple[str, int]:
    """A record holding goals (a 1:1, an action plan) merged from two versions of one base: its
    goals as the union of their histories, the rest as git merges text. The merged text and how
    many stretches conflict (marked as git marks them)."""
    from coachlog.model import GOAL_RECORDS
    from coachlog.store.reading import validate
    from coachlog.store.yamlfile import Document

    try:
        docs = [
            Document.parse(path, text) if text.strip() else None for text in (base, ours, theirs)
        ]
        base_doc, ours_doc, theirs_doc = docs
        if ours_doc is None or theirs_doc is None:
            raise CoachlogError("empty", path=path)
        kinds = {model.model_fields["kind"].default: model for model in GOAL_RECORDS}
        kind = ours_doc.data.get("kind") if isinstance(ours_doc.data, dict) else None
        model = kinds.get(kind, GOAL_RECORDS[0])
        records = [validate(model, d) if d is not None else None for d in docs]
        base_rec, ours_rec, theirs_rec = records
        assert ours_rec is not None and theirs_rec is not None
        parts = [_split(d) if d is not None else ("", "", -1) for d in docs]
        (base_rest, _, _), (ours_rest, _, at), (theirs_rest, _, _) = parts
        _merge_goals(ours_doc, ours_rec, theirs_doc, theirs_rec, base_rec)
    except (CoachlogError, _Clash):
        merged = merge_text(base, ours, theirs, markers=True)  # as git would
        return merged.text, merged.clashes
    _, goals_block, _ = _split(ours_doc, rendered=True)
    rest = merge_text(base_rest, ours_rest, theirs_rest, markers=True)
    lines = rest.text.splitlines(True)
    if at < 0 or at >= len(ours_rest.splitlines()):
        front = rest.text + goals_block
    else:  # goals stood before other keys: put them back before the line that followed them
        follower = ours_rest.splitlines(True)[at]
        where = lines.index(follower) if follower in lines else len(lines)
        front = "".join(lines[:where]) + goals_block + "".join(lines[where:])
    body = merge_text(
        base_doc.body if base_doc else "", ours_doc.body, theirs_doc.body, markers=True
    )
    newline = ours_doc.newline
    if newline != "\n":
        front = front.replace("\n", newline)
    bom = "\ufeff" if ours_doc.bom else ""
    text = f"{bom}---{newline}{front}---{newline}{body.text}"
    return text, rest.clashes + body.clashes


def _split(doc: Any, *, rendered: bool = False) -> tuple[str, str, int]:
    """A record's front matter as (the text but its goals, the goals' text, the line in the
    first where the goals stood; -1 when there are none)."""
    if rendered:
        text = doc.render().removeprefix("\ufeff").replace("\r\n", "\n")
        text = text.split("---\n", 2)[1]
    else:
        text = doc.original or ""
    lines = text.splitlines(True)
    start = next((i for i, line in enumerate(lines) if line.startswith("goals:")), -1)
    if start < 0:
        return text, "", -1
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t", "-", "#", "\n") or not lines[end]):
        end += 1
    return "".join(lines[:start] + lines[end:]), "".join(lines[start:end]), start


class _Clash(Exception):
    """Both sides changed one field of a goal differently, and no event says which came last:
    the person decides, as git would have them."""


def _merge_goals(ours_doc: Any, ours: Any, theirs_doc: Any, theirs: Any, base: Any) -> None:
    """Ours' goals list, changed in place to hold every goal of both sides: each with the union
    of its histories and notes, the fields its events set as their fold says, every other field
    merged three ways against the base. Raises ``_Clash`` where that cannot be decided."""
    from coachlog.core.history import CLOSED
    from coachlog.core.scaffold import goal_front_matter
    from coachlog.ops.goals import write_entry
    from coachlog.store.yamlfile import plain

    mine = {k: i for i, k in enumerate(entry_keys(ours.rep, ours.goals))}
    other = {k: i for i, k in enumerate(entry_keys(theirs.rep, theirs.goals))}
    based = dict(zip(entry_keys(base.rep, base.goals), base.goals, strict=True)) if base else {}
    entries = ours_doc.data.get("goals")
    if entries is None:
        entries = ours_doc.data["goals"] = []
    drop = []
    for key, i in mine.items():
        if key in other:
            mine_goal, their_goal = ours.goals[i], theirs.goals[other[key]]
            state = GoalState.of(((ours, mine_goal), (theirs, their_goal)), key)
            write_entry(entries[i], state, None, None)
            decided = {name for e in state.events for name in e.changes()}
            if "status" in decided or state.goal.status in CLOSED:
                decided.add("closed")
            _three_way(entries[i], mine_goal, their_goal, based.get(key), decided)
        elif key in based and ours.goals[i] == based[key]:
            drop.append(i)  # removed on their side, unchanged on ours
    for i in sorted(drop, reverse=True):
        del entries[i]
    for key, j in other.items():
        if key not in mine and not (key in based and theirs.goals[j] == based[key]):
            entries.append(plain(goal_front_matter(theirs.goals[j])))


def _three_way(entry: Any, ours: Any, theirs: Any, base: Any, decided: set[str]) -> None:
    """Each field of a goal that no event decides, merged against the base as git would."""
    skip = {"history", "notes"}
    mine, their = ours.model_dump(exclude=skip), theirs.model_dump(exclude=skip)
    was = base.model_dump(exclude=skip) if base is not None else None
    for name in sorted(set(mine) | set(their)):
        if name in decided:
            continue
        a, b = mine.get(name), their.get(name)
        if a == b:
            value = a
        elif was is not None and a == was.get(name):
            value = b
        elif was is not None and b == was.get(name):
            value = a
        else:
            raise _Clash(name)
        if value is None:
            if name in entry:
                del entry[name]
        elif entry.get(name) != value:
            entry[name] = value
