from tests.conftest import Cli


def test_new_1on1_smoke(journal, cli: Cli) -> None:
    result = cli.ok("new", "1on1", "--rep", "alice")
    assert result.stdout.startswith("1on1/2026/2026-11-24-alice-")
    result = cli.fails("new", "1on1", "--rep", "zed")
    assert "unknown rep 'zed'" in result.stderr
