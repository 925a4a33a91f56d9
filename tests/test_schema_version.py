"""The index's SCHEMA_VERSION follows what the index stores: records as their models dump them,
goals as ``core.goals.GoalEntry`` (with its events) gives them, in the tables of its SCHEMA. A
change of any of these must bump SCHEMA_VERSION, or a warm index would serve rows in the old
shape. ``MODELS_HASHES`` beside it holds, for each version, the hash of what that version
stores: a version's hash never changes (the git history of ``index.py`` is checked for it, when
there is one), and a new hash comes with a new version."""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from coachlog.core.goals import GoalEntry
from coachlog.core.history import Event
from coachlog.model import RECORD_MODELS
from coachlog.store import index


def _shape(value: Any) -> Any:
    """A JSON schema without its descriptions (docstrings, which change no stored row)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items() if k != "description"}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return value


def models_hash() -> str:
    """A hash of what the index stores and depends on, the same on every run and machine."""
    stored = {
        "records": {
            kind: {
                mode: _shape(model.model_json_schema(mode=mode))
                for mode in ("validation", "serialization")
            }
            for kind, model in RECORD_MODELS.items()
        },
        "goal_entry": [f.name for f in fields(GoalEntry)],
        "goal_event": [f.name for f in fields(Event)],
        "schema": index.SCHEMA,
    }
    text = json.dumps(stored, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def fix(actual: str) -> str:
    new = index.SCHEMA_VERSION + 1
    return (
        "what the index stores changed (the record models, the goal entry's or event's fields "
        f"or the index's SCHEMA): bump SCHEMA_VERSION in coachlog/store/index.py to {new} and "
        f'add {new}: "{actual}" to MODELS_HASHES, keeping the hashes of the versions before it'
    )


def test_schema_version_is_bumped_when_what_the_index_stores_changes() -> None:
    actual = models_hash()
    assert index.MODELS_HASHES.get(index.SCHEMA_VERSION) == actual, fix(actual)


def test_each_version_has_a_hash_of_its_own() -> None:
    """A version is bumped for a change of what the index stores, and only then."""
    seen: dict[str, int] = {}
    for version, digest in sorted(index.MODELS_HASHES.items()):
        assert digest not in seen, (
            f"versions {seen[digest]} and {version} of MODELS_HASHES have the same hash: a "
            "version is added only when what the index stores changes"
        )
        seen[digest] = version
    assert max(index.MODELS_HASHES) == index.SCHEMA_VERSION, (
        f"MODELS_HASHES has a version after SCHEMA_VERSION ({index.SCHEMA_VERSION}): "
        f"bump SCHEMA_VERSION to {max(index.MODELS_HASHES)}"
    )


def written_hashes(source: str) -> list[tuple[int, str]]:
    """The (version, hash) pairs of a text of ``index.py``, each as written (a key written
    twice, of which Python keeps the last, counts twice), or its earlier one-hash form."""
    tree = ast.parse(source)
    pairs: list[tuple[int, str]] = []
    version = None
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            name = getattr(target, "id", "")
            value = node.value
            if name == "SCHEMA_VERSION" and isinstance(value, ast.Constant):
                version = value.value
            elif name == "MODELS_HASH" and isinstance(value, ast.Constant):
                pairs.append((version, value.value))
            elif name == "MODELS_HASHES" and isinstance(value, ast.Dict):
                pairs += [
                    (ast.literal_eval(k), ast.literal_eval(v))
                    for k, v in zip(value.keys, value.values, strict=True)
                    if k is not None
                ]
    return pairs


def test_a_version_is_written_once() -> None:
    source = Path(index.__file__).read_text(encoding="utf-8")
    versions = [version for version, _ in written_hashes(source)]
    assert len(set(versions)) == len(versions), (
        "a version of MODELS_HASHES is written twice (Python keeps the last): keep the first; "
        + fix(models_hash())
    )


def git(*args: str, stdin: bytes = b"") -> bytes | None:
    """The output of a git command in this checkout; None without git or a checkout."""
    found = shutil.which("git")
    if found is None:
        return None
    done = subprocess.run(
        [found, *args], cwd=Path(index.__file__).parent, input=stdin, capture_output=True
    )
    return done.stdout if done.returncode == 0 else None


def committed_hashes() -> set[tuple[int, str]]:
    """Every (version, hash) that a commit of ``index.py`` has held; empty outside a git
    checkout."""
    top = git("rev-parse", "--show-toplevel")
    if top is None:
        return set()
    path = Path(index.__file__).resolve()
    relative = path.relative_to(Path(top.decode().strip()).resolve()).as_posix()
    commits = (git("log", "--format=%H", "--", str(path)) or b"").decode().split()
    wanted = "".join(f"{commit}:{relative}\n" for commit in commits).encode()
    blobs = git("cat-file", "--batch", stdin=wanted) if commits else None
    found: set[tuple[int, str]] = set()
    at = 0
    while blobs and at < len(blobs):  # "<sha> blob <size>\n<content>\n", or "<name> missing\n"
        end = blobs.index(b"\n", at)
        header = blobs[at:end].split()
        size = 0 if header[-1] == b"missing" else int(header[2])
        if size:
            found.update(written_hashes(blobs[end + 1 : end + 1 + size].decode("utf-8")))
        at = end + 1 + (size + 1 if header[-1] != b"missing" else 0)
    return found


def test_a_version_keeps_its_hash() -> None:
    """A hash pasted over an old version's (rather than added under a new version) is caught
    against every version of ``index.py`` git has."""
    committed = committed_hashes()
    if not committed:
        pytest.skip("not in a git checkout")
    changed = sorted(
        (version, digest)
        for version, digest in committed
        if index.MODELS_HASHES.get(version, digest) != digest
    )
    assert not changed, (
        f"the hash of version {changed[0][0]} was {changed[0][1]!r}: put it back (an index "
        "of that version holds rows of that shape); " + fix(models_hash())
    )


def test_the_hash_is_the_same_each_time_it_is_computed() -> None:
    assert models_hash() == models_hash()
