"""Operations on a journal: what each command does, usable from Python without the CLI.

Each operation reads through ``store``, decides through ``core`` and returns plain results;
printing is the CLI's and the renderers' job.
"""
