"""``coachlog completion bash|zsh|fish``: the script that makes a shell complete coachlog."""

from __future__ import annotations

import sys

import typer


def completion(
    shell: str = typer.Argument(..., metavar="bash|zsh|fish", help="The shell to complete in."),
) -> None:
    """Print the script that makes your shell complete coachlog.

    It completes commands and options, rep handles (--rep), goal ids (goals done, progress,
    edit, show...) and record ids (show, edit, move, score, topic drop; only 1:1s for held,
    cancel and recap), from the journal you are in.
    Load it in your shell's start-up file, as below, or run the eval line to try it now.

    \b
    Example: eval "$(coachlog completion bash)"      # in ~/.bashrc
             eval "$(coachlog completion zsh)"       # in ~/.zshrc, after compinit
             coachlog completion fish > ~/.config/fish/completions/coachlog.fish
    """
    from coachlog.cli.compat import completion_script

    sys.stdout.write(completion_script(shell.strip().lower()) + "\n")
