"""`twilio-explorer completion SHELL`: a bash, zsh or fish completion script, generated from the parser by shtab.

The script completes commands and options from the parser itself, so it follows every change to it. Values
are completed too: Regions, edges and products from `explorer.core.regions` (written into the script), and
profile names and catalogue resource ids asked at completion time from the hidden helper
`twilio-explorer __complete KIND`, which prints one candidate per line and never fails loudly (a completion
that cannot be computed is no completion, not an error on the user's prompt).

Install, for example: `twilio-explorer completion bash > ~/.local/share/bash-completion/completions/twilio-explorer`,
`twilio-explorer completion zsh > "${fpath[1]}/_twilio-explorer"`, or
`twilio-explorer completion fish > ~/.config/fish/completions/twilio-explorer.fish`.
"""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Iterator
from typing import Any

SHELLS = ("bash", "zsh", "fish")
"""The shells a script can be generated for."""
KINDS = ("regions", "edges", "products", "profiles", "resources")
"""What `__complete KIND` lists."""
PROGRAM = "twilio-explorer"

# Which option (or positional destination) completes with which kind of value.
_OPTION_KINDS = {"--region": "regions", "--edge": "edges", "--product": "products", "--profile": "profiles"}
_POSITIONAL_KINDS = {
    ("curl", "target"): "resources",
    ("remove", "name"): "profiles",
    ("verify", "name"): "profiles",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `completion` command, and the hidden `__complete` helper its scripts call."""
    parser = subparsers.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish)",
        description="Print a completion script for SHELL: commands, options, Regions, edges, products, profile "
        'names and resource ids. bash: `eval "$(twilio-explorer completion bash)"` in ~/.bashrc; zsh: save it '
        "as _twilio-explorer in a directory of $fpath; fish: save it as "
        "~/.config/fish/completions/twilio-explorer.fish.",
    )
    parser.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")
    parser.set_defaults(handler=run)
    # No help=: argparse leaves it out of the command list, and shtab out of the scripts' commands.
    helper = subparsers.add_parser("__complete")
    helper.add_argument("kind", choices=KINDS)
    helper.set_defaults(handler=run_complete)


def run(args: argparse.Namespace) -> int:
    """Print the completion script for `args.shell`."""
    import shtab

    from explorer.cli.main import build_parser

    parser = build_parser()
    for command, action in _actions(parser):
        kind = _kind(command, action)
        if kind is not None and not action.choices:
            action.complete = _completer(kind)  # type: ignore[attr-defined]
    print(shtab.complete(parser, shell=args.shell, root_prefix=None), end="")
    return 0


def run_complete(args: argparse.Namespace) -> int:
    """Print the candidates of one kind, one per line; nothing (and exit 0) when they cannot be known."""
    from explorer.core.errors import ExplorerError

    try:
        words = list(_words(args.kind))
    except (ExplorerError, OSError):
        words = []
    if words:
        print("\n".join(words))
    return 0


def _words(kind: str) -> Iterator[str]:
    from explorer.core.regions import EDGES, PRODUCTS, REGIONS

    if kind == "regions":
        yield from REGIONS
    elif kind == "edges":
        yield from EDGES
    elif kind == "products":
        yield from PRODUCTS
    elif kind == "profiles":
        from explorer.core.profile_book import ProfileBook

        # The profiles file only: listing names never opens the keyring.
        yield from (profile.name for profile in ProfileBook.default().profiles())
    elif kind == "resources":
        from explorer.catalog.loader import load_catalog

        yield from (endpoint.id for endpoint in load_catalog(None).endpoints)


def _completer(kind: str) -> dict[str, Any]:
    """shtab's completer for `kind`: the fixed lists written into the script, the others asked at TAB time."""
    import shtab

    if kind in ("regions", "edges", "products"):
        # Written in: no process starts for these. Names are plain words, but quoted all the same.
        return dict(shtab.cmd("printf '%s\\n' " + " ".join(shlex.quote(word) for word in _words(kind))))
    command = f"{PROGRAM} __complete {kind} 2>/dev/null"
    completer: dict[str, Any] = dict(shtab.cmd(command))
    # shtab's zsh form, `($(command))`, runs when the script loads (once, for every option that uses it);
    # a function runs at TAB time, so a profile added a minute ago is offered.
    function = f"_twilio_explorer_{kind}"
    completer["zsh"] = function
    completer["preamble"] = {
        **completer.get("preamble", {}),
        "zsh": f'{function}() {{\n  local -a words\n  words=(${{(f)"$({command})"}})\n  compadd -a words\n}}\n',
    }
    if kind == "resources":
        completer["bash"] = function
        completer["preamble"]["bash"] = _BASH_COLON_WORDS.format(function=function, command=command)
    return completer


# bash splits `api:calls` at the colon (`:` is in COMP_WORDBREAKS), so the word being completed is only what
# follows the last colon: match the whole id typed so far, and offer each candidate without the part of it
# bash already considers written (as bash-completion's __ltrim_colon_completions does).
_BASH_COLON_WORDS = """
{function}() {{
  local typed=${{COMP_LINE:0:COMP_POINT}}
  typed=${{typed##*[[:space:]]}}
  local written=""
  [[ $typed == *:* && $COMP_WORDBREAKS == *:* ]] && written=${{typed%"${{typed##*:}}"}}
  local word
  compgen -W "$({command})" -- "$typed" | while IFS= read -r word; do printf '%s\\n' "${{word#"$written"}}"; done
}}
"""


def _kind(command: str, action: argparse.Action) -> str | None:
    for option in action.option_strings:
        if option in _OPTION_KINDS:
            return _OPTION_KINDS[option]
    if not action.option_strings:
        return _POSITIONAL_KINDS.get((command, action.dest))
    return None


def _actions(parser: argparse.ArgumentParser, command: str = "") -> Iterator[tuple[str, argparse.Action]]:
    """Every action of `parser` and its subcommands, with the name of the (sub)command it belongs to."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            choices: dict[str, argparse.ArgumentParser] = action.choices
            for name, sub in choices.items():
                yield from _actions(sub, name)
        else:
            yield command, action
