"""The Typer command line: one module per command group. Commands parse options, call
``coachlog.ops`` and hand the result to ``coachlog.render``."""
