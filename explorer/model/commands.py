"""The `:` commands, k9s style: `:region ie1`, `:edge dublin`, `:product messaging`, `:profile NAME`, `:theme NAME`."""

from __future__ import annotations

__all__ = ["COMMANDS", "Command", "parse_command", "retarget", "unknown_command"]

import difflib
from dataclasses import dataclass, replace

from explorer.core.errors import InputError
from explorer.core.hosts import validate_label
from explorer.core.redaction import looks_like_secret, redact_secretish
from explorer.core.regions import require_region
from explorer.model.target import Target

COMMANDS: dict[str, str] = {
    "region": "switch the Region: us1, ie1, au1 (the edge follows); `none` unsets it",
    "edge": "set the edge: dublin, sydney, roaming, ashburn-ix, a legacy ID...; `none` unsets it",
    "product": "set the product host: api, messaging, conversations...",
    "profile": "send as a stored profile (`demo` for the local simulator)",
    "theme": "switch the theme: dark, light, high-contrast",
    "open": "open a resource in the browser: :open applications, or just :applications, :api:calls",
    "request": "show the request view (picker and inspector)",
    "browse": "browse every list resource of the catalogue in this Region",
    "profiles": "show the profiles and the OS keyring",
    "history": "show the requests sent",
    "send": "send the current request",
    "copy": "copy the curl command (OSC 52) and save it to a file",
    "doctor": "check the target end to end: DNS, TLS, the credential's Region, the product, the clock",
    "scan": "find every Twilio client in a folder: :scan PATH (host, verdict, fix); Enter opens one",
    "help": "show the keys and commands",
    "quit": "leave the app",
}
"""Every command and what it does; the command bar, the palette and the help screen share this."""

_ALIASES = {"r": "region", "e": "edge", "p": "product", "t": "theme", "q": "quit", "y": "copy", "?": "help"}


@dataclass(frozen=True, slots=True)
class Command:
    """One parsed command."""

    name: str
    """The command (`region`)."""
    argument: str
    """Its argument, stripped (`ie1`), possibly empty."""
    bare: bool = False
    """An `open` implied by a bare name (`:applications`): when no resource has that name, the user most
    likely mistyped a command, and `unknown_command` says so."""


def unknown_command(word: str) -> InputError:
    """The error for `:word` that is neither a command nor a resource: a did-you-mean from the commands."""
    known = [*COMMANDS, *_ALIASES]
    close = difflib.get_close_matches(word.lower(), known, n=1, cutoff=0.6)
    guess = f"did you mean :{_ALIASES.get(close[0], close[0])}? " if close else ""
    return InputError(
        f"there is no command {word!r}",
        hint=f"{guess}the commands are {', '.join(COMMANDS)}; a resource's name opens it (:applications)",
        title="Unknown command",
    )


def parse_command(text: str) -> Command:
    """Parse `:region ie1` (the colon is optional).

    Raises:
        InputError: an empty or unknown command, a missing argument, or a value that looks like a secret.
    """
    words = text.strip().removeprefix(":").split(maxsplit=1)
    if not words:
        raise InputError("no command given", hint="try :region au1 or :help")
    if looks_like_secret(text):
        # A secret pasted into the bar (`:profile <the Auth Token>`) is neither used nor echoed back.
        raise InputError(
            f"{redact_secretish(text.strip())!r} holds a value that looks like a secret (32 or more letters and "
            "digits), so the command was not run",
            hint="commands take names (:profile au1-prod, :region ie1), never a secret; rotate the secret if "
            "others could see the screen",
            title="Looks like a secret",
        )
    name = _ALIASES.get(words[0].lower(), words[0].lower())
    argument = words[1].strip() if len(words) > 1 else ""
    if name not in COMMANDS:
        if argument:
            raise unknown_command(words[0])
        # k9s style: `:applications`, `:api:calls` open that resource in the browser.
        return Command("open", words[0], bare=True)
    if name in ("region", "edge", "product", "profile", "theme", "open") and not argument:
        raise InputError(f":{name} needs a value", hint=f":{name} — {COMMANDS[name]}")
    return Command(name, argument)


_UNSET = ("none", "unset", "-")


def retarget(command: Command, target: Target) -> Target | None:
    """The target after `:region`, `:edge` or `:product` (`none` unsets a Region or edge); None for others.

    Raises:
        LabelError: a value that is not a host label.
    """
    value = command.argument
    unset = value.lower() in _UNSET
    if command.name == "region":
        return target.with_region(None if unset else require_region(value, ":region"))
    if command.name == "edge":
        return replace(target, edge=None if unset else validate_label(value, "edge"))
    if command.name == "product":
        return replace(target, product=validate_label(value, "product"))
    return None
