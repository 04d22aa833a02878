"""The core is pure: importing any core module never loads textual or rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import explorer.core
import explorer.model


def test_core_and_model_modules_never_import_the_ui_toolkit() -> None:
    """Every explorer.core and explorer.model module imports in a fresh interpreter without textual or rich."""
    modules = [info.name for info in pkgutil.iter_modules(explorer.core.__path__, "explorer.core.")]
    modules += [info.name for info in pkgutil.iter_modules(explorer.model.__path__, "explorer.model.")]
    assert {"explorer.core.verdict", "explorer.model.session"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('explorer.ui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def _loaded_after(*commands: list[str]) -> str:
    code = (
        "import sys, io, contextlib\n"
        "from explorer.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        + "".join(f"    main({command!r})\n" for command in commands)
        + "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'httpx', 'rich', 'keyring', 'shtab'}))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_fast_commands_do_not_import_textual_or_httpx() -> None:
    """`fqdn`, `regions` and `curl` run without importing textual or httpx (nor rich, unless drawing a table)."""
    assert (
        _loaded_after(
            ["fqdn", "--region", "au1", "--edge", "sydney"],
            ["regions", "-o", "json"],
            ["regions", "--edges", "-o", "tsv"],
            ["curl", "GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "-r", "ie1", "--markdown"],
        )
        == "[]"
    )
    # A table is drawn by rich, imported for it alone.
    assert _loaded_after(["regions"]) == "['rich']"
