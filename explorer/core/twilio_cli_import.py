"""Importing twilio-cli's profiles: its config file read, its secrets moved to per-Region keyring profiles.

twilio-cli (`@twilio/cli-core`, `src/services/config.js`) keeps `~/.twilio-cli/config.json`:

- `profiles`: `{id: {accountSid, region, apiKey, apiSecret}}`, written by twilio-cli 3 and later, with the
  API key's secret in plain text in that file;
- `projects`: `[{id, accountSid, region}]`, written by older versions, whose API key and secret live in the OS
  keychain (keytar, service `twilio-cli`, account = the profile id, value `apiKey|apiSecret`);
- `edge`: one edge for every profile.

Each becomes a keyring profile of the explorer in its one Region (twilio-cli's `region`, US1 when unset).
A secret is only ever read into a `Secret` and handed to the keyring: never printed, logged or written to a
file. When twilio-cli keeps one in its plain-text config file, the report says so, with how to stop it.
"""

from __future__ import annotations

__all__ = [
    "KEYCHAIN_SERVICE",
    "CliProfile",
    "ImportReport",
    "default_config_path",
    "import_profiles",
    "read_cli_profiles",
]

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explorer.core.errors import ConfigFileError, ExplorerError
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Profile
from explorer.core.secret import Secret

KEYCHAIN_SERVICE = "twilio-cli"
"""The keychain service under which twilio-cli (through keytar) stores `apiKey|apiSecret`."""

KeychainReader = Callable[[str], Secret | None]
"""Reads twilio-cli's keychain entry for a profile id: `apiKey|apiSecret`, or None when there is none."""


def default_config_path() -> Path:
    """twilio-cli's config file: `~/.twilio-cli/config.json`."""
    return Path.home() / ".twilio-cli" / "config.json"


@dataclass(frozen=True, slots=True)
class CliProfile:
    """One twilio-cli profile as its config file describes it (never its secret)."""

    name: str
    """twilio-cli's profile id."""
    account_sid: str
    """Its Account SID."""
    region: str | None
    """Its Region (`au1`), or None for US1."""
    edge: str | None
    """The config file's edge (one for every profile), or None."""
    api_key: str | None = None
    """The API key SID when the config file holds it (twilio-cli 3+), else None (the keychain has it)."""
    plaintext_secret: bool = field(default=False)
    """True when the config file itself holds the secret in plain text."""


@dataclass(slots=True)
class ImportReport:
    """What an import did, profile by profile, in words fit to print (no secret)."""

    imported: list[Profile] = field(default_factory=list)
    """The profiles saved to the keyring."""
    skipped: list[str] = field(default_factory=list)
    """One line per profile not imported, saying why and what to do."""
    plaintext: list[str] = field(default_factory=list)
    """The twilio-cli profiles whose secret sits in plain text in its config file."""


def read_cli_profiles(path: Path) -> list[CliProfile]:
    """twilio-cli's profiles from its config file (`profiles` and the older `projects`).

    Raises:
        ConfigFileError: the file is missing, unreadable or not twilio-cli's JSON.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigFileError(
            f"there is no twilio-cli config file at {path}",
            hint="give its place with --config PATH (twilio-cli keeps it in ~/.twilio-cli/config.json)",
        ) from None
    except OSError as error:
        raise ConfigFileError(
            f"cannot read twilio-cli's config file {path}: {error.strerror}",
            hint="check the file's owner and permissions",
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ConfigFileError(
            f"{path} is not twilio-cli's config file (not JSON)",
            hint="give the right file with --config PATH",
        ) from None
    if not isinstance(document, dict):
        raise ConfigFileError(f"{path} is not twilio-cli's config file (not a JSON object)")
    edge = _text(document.get("edge"))
    found: dict[str, CliProfile] = {}
    for project in document.get("projects") or []:
        if isinstance(project, dict) and _text(project.get("id")):
            name = str(project["id"]).strip()
            found[name] = CliProfile(
                name, _text(project.get("accountSid")) or "", _text(project.get("region")), edge
            )
    profiles = document.get("profiles") or {}
    if isinstance(profiles, dict):
        for name, entry in profiles.items():
            if isinstance(entry, dict):
                found[name.strip()] = CliProfile(
                    name.strip(),
                    _text(entry.get("accountSid")) or "",
                    _text(entry.get("region")),
                    edge,
                    api_key=_text(entry.get("apiKey")),
                    plaintext_secret=bool(_text(entry.get("apiSecret"))),
                )
    return [found[name] for name in sorted(found)]


def import_profiles(
    book: ProfileBook,
    path: Path,
    *,
    keychain: KeychainReader,
    names: tuple[str, ...] = (),
    prefix: str = "",
) -> ImportReport:
    """Save twilio-cli's profiles (all, or those in `names`) as keyring profiles named `prefix` + their id.

    Secrets come from the config file when twilio-cli keeps them there, else from its keychain entry; they go
    to the book's keyring and nowhere else. A profile that cannot be imported (no secret, a name taken, a bad
    SID) is skipped with the reason; the others are still imported.

    Raises:
        ConfigFileError: the config file cannot be read.
        KeyringUnavailableError: the keyring cannot store secrets (checked before anything is read from it).
    """
    cli_profiles = read_cli_profiles(path)
    book.store.check_available()
    plain_secrets = _plaintext_secrets(path)
    report = ImportReport()
    wanted = set(names)
    for cli in cli_profiles:
        if wanted and cli.name not in wanted:
            continue
        if cli.plaintext_secret:
            report.plaintext.append(cli.name)
        try:
            api_key, secret = _credential(cli, plain_secrets.get(cli.name), keychain)
            username_is_account = api_key == cli.account_sid
            profile = Profile.create(
                prefix + cli.name,
                cli.account_sid,
                cli.region or "us1",
                edge=cli.edge,
                api_key_sid=None if username_is_account else api_key,
            )
            report.imported.append(book.add(profile, secret))
        except ExplorerError as error:
            report.skipped.append(f"{cli.name}: {error.message}" + (f"; {error.hint}" if error.hint else ""))
    missing = wanted - {cli.name for cli in cli_profiles}
    report.skipped.extend(f"{name}: twilio-cli has no profile of that name" for name in sorted(missing))
    return report


def _credential(cli: CliProfile, plain: Secret | None, keychain: KeychainReader) -> tuple[str, Secret]:
    if plain is not None and cli.api_key:
        return cli.api_key, plain
    entry = keychain(cli.name)
    if entry is None or "|" not in entry.reveal():
        raise ConfigFileError(
            "twilio-cli's keychain has no key and secret for it (service 'twilio-cli')",
            hint="log in again with twilio-cli, or add it with: twilio-explorer profiles add",
        )
    api_key, _, _ = entry.reveal().partition("|")
    # The secret is cut out of the entry straight into a Secret; the entry's text is not kept.
    return api_key, Secret(entry.reveal().partition("|")[2])


def _plaintext_secrets(path: Path) -> dict[str, Secret]:
    """The secrets twilio-cli keeps in plain text in its config file, each wrapped as soon as it is read."""
    document = json.loads(path.read_text(encoding="utf-8"))
    profiles = document.get("profiles") or {}
    found: dict[str, Secret] = {}
    if isinstance(profiles, dict):
        for name, entry in profiles.items():
            if isinstance(entry, dict) and _text(entry.get("apiSecret")):
                found[name.strip()] = Secret(str(entry["apiSecret"]).strip())
    return found


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
