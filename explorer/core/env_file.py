"""Writing an environment as a shell file of `export NAME=VALUE` lines, atomically (the simulator's, the app's demo).

Values are quoted with `shlex.quote`, so any value survives `. ./env.sh` unchanged. The file holds demo
secrets, so it is created readable by its owner only, and it replaces any previous file in one rename: a
shell never sources half a file.
"""

from __future__ import annotations

__all__ = ["render_env_file", "write_env_file"]

import re
import shlex
from collections.abc import Iterable, Mapping
from pathlib import Path

from explorer.core.atomic_file import write_atomically
from explorer.core.errors import SimulatorError

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def render_env_file(values: Mapping[str, str], header: str = "", unset: Iterable[str] = ()) -> str:
    """The file's text: an optional `#` comment header, `unset` names, then one `export NAME=VALUE` per value.

    Raises:
        SimulatorError: a name that is not a shell variable name.
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    removed = list(unset)
    for name in [*removed, *values]:
        if not _NAME.fullmatch(name):
            raise SimulatorError(f"{name!r} is not a shell variable name")
    if removed:
        lines.append("unset " + " ".join(removed))
    lines += [f"export {name}={shlex.quote(value)}" for name, value in values.items()]
    return "\n".join(lines) + "\n"


def write_env_file(
    path: Path, values: Mapping[str, str], header: str = "", unset: Iterable[str] = ()
) -> None:
    """Write `values` to `path` atomically, mode 0600 (`unset` names are removed from the sourcing shell first).

    Raises:
        SimulatorError: the directory is not writable.
    """
    text = render_env_file(values, header, unset)
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as error:
        raise SimulatorError(
            f"cannot write {path}: {error.strerror}", hint="choose a file in a writable folder"
        ) from error
