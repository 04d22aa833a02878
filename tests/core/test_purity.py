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


def test_the_fast_commands_do_not_import_textual_or_httpx() -> None:
    """`fqdn`, `regions` and `curl` run without importing textual or httpx."""
    code = (
        "import sys, io, contextlib\n"
        "from explorer.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['fqdn', '--region', 'au1', '--edge', 'sydney'])\n"
        "    main(['regions'])\n"
        "    main(['curl', 'GET', '/2010-04-01/Accounts/{AccountSid}/Calls.json', '--region', 'ie1', '--edge', 'dublin'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'httpx', 'rich', 'keyring')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
