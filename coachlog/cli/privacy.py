"""``coachlog privacy``: private text encrypted to the team's keys (``privacy.encrypt_to``)."""

from __future__ import annotations

import typer

from coachlog.cli.common import echo, say, state

app = typer.Typer(
    help="Keep private text encrypted to the team's keys: encrypt, rotate.",
    no_args_is_help=True,
)


def _report(done, verb: str) -> None:  # type: ignore[no-untyped-def]
    keys = f"{done.keys} key{'s' if done.keys != 1 else ''}"
    for name in done.files:
        echo(name)
    parts = f"{done.parts} private part{'s' if done.parts != 1 else ''}"
    files = f"{len(done.files)} file{'s' if len(done.files) != 1 else ''}"
    if done.files:
        say(f"{verb} {parts} in {files} to {keys}; commit them to share the change.")
    else:
        say(f"nothing to do: every private text is encrypted to {keys} already.")


@app.command("encrypt")
def encrypt(ctx: typer.Context) -> None:
    """Encrypt the private text still in clear (every '## Private' section and private: field
    of the records and rep profiles) to the keys in coachlog.yaml's privacy: encrypt_to. Text
    already encrypted is left as it is; only private parts change. Prints the files changed.

    \b
    Set the keys first, in coachlog.yaml:
      privacy:
        encrypt_to:
          - age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
          - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHfa... dana@laptop
    Example: coachlog privacy encrypt && git commit -am "Private text encrypted"
    """
    from coachlog.ops.privacy import encrypt_journal

    journal = state(ctx).journal()
    done = encrypt_journal(journal)
    _report(done, "encrypted")


@app.command("rotate")
def rotate(ctx: typer.Context) -> None:
    """Encrypt every private text again, to the keys privacy: encrypt_to names now: after a
    key is added (its holder can read everything) or removed (it opens nothing written from
    now on; what it could read before stays in git's history). Your identity
    ($COACHLOG_IDENTITY, default ~/.ssh/id_ed25519) must open every private text; if one does
    not, nothing is changed.

    \b
    Example: coachlog privacy rotate && git commit -am "Private text re-encrypted"
    """
    from coachlog.ops.privacy import rotate_journal

    journal = state(ctx).journal()
    done = rotate_journal(journal)
    _report(done, "re-encrypted")
