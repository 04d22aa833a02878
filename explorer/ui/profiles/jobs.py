"""The credential panel's blocking work: keyring reads and writes, verify and login, as plain callables.

Each job is built on the event loop (where the form's values are read and the secret is taken out of its
input) and returned as a closure to run in a thread worker: a worker's description shows the `repr` of its
arguments, so a secret must never be one. Nothing here imports Textual.
"""

from __future__ import annotations

__all__ = [
    "BookReading",
    "ClientSource",
    "client_source",
    "form_job",
    "import_job",
    "login_job",
    "read_book",
    "save_job",
    "verify_job",
]

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.errors import CredentialError, ExplorerError
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Profile, ProfileSource
from explorer.core.secret import Secret

if TYPE_CHECKING:
    from explorer.core.client import ExplorerClient
    from explorer.core.verify import VerifyOutcome

ClientSource = Callable[[], AbstractContextManager["ExplorerClient"]]
"""Lends a synchronous client on the app's network path for the length of a `with` block (the session's
`sync_client`). `verify_credential` and `login` are synchronous core functions (the command line uses them
too), and login saves to the keyring between its requests, so the whole of each runs in one thread worker
with a synchronous client."""


@dataclass(frozen=True, slots=True)
class BookReading:
    """What the panel lists: the profiles, the secret store, and every problem to explain."""

    profiles: list[Profile]
    """The profiles (none if the file could not be read)."""
    backend: str
    """The secret store, in words (`Secrets: ...`)."""
    unusable: ExplorerError | None
    """Why the store cannot keep secrets now, or None when it can."""
    problems: list[ExplorerError]
    """The profiles file's problems: unreadable, restored from its backup, a damaged copy set aside, a bad
    TWILIO_* environment."""


def read_book(book: ProfileBook) -> BookReading:
    """Read the profiles and check the secret store (this reads the file and opens the keyring: a thread)."""
    problems: list[ExplorerError] = []
    try:
        profiles = book.profiles()
    except ExplorerError as error:
        profiles = []
        problems.append(error)
    if book.recovery is not None:
        problems.append(book.recovery)
    if book.set_aside is not None:
        problems.append(book.set_aside)  # said every time until the damaged copy is restored or deleted
    if book.environment_problem is not None:
        problems.append(book.environment_problem)
    try:
        book.store.check_available()
        unusable: ExplorerError | None = None
    except ExplorerError as error:
        unusable = error
    return BookReading(profiles, f"Secrets: {book.store.description}", unusable, problems)


def save_job(
    book: ProfileBook, profile: Profile, secret: Secret, editing: Profile | None, session_only: bool
) -> Callable[[], str]:
    if editing is None and not secret:
        raise CredentialError("the secret is empty", hint="paste the API key secret or the Auth Token")

    def save() -> str:
        if editing is not None and editing.source is ProfileSource.SESSION:
            kept = secret or book.credential(editing.name).secret
            book.remove(editing.name)
            book.add_session(profile, kept)
            return f"Updated session profile {profile.describe()}."
        if editing is not None:
            kept = secret or book.credential(editing.name).secret
            book.add(profile, kept, replace_existing=True)
            return f"Updated {profile.describe()}; its secret is in the {book.store.description}."
        if session_only:
            added = book.add_session(profile, secret)
            return f"Added {added.describe()}: held in memory until the app exits."
        added = book.add(profile, secret)
        return f"Saved {added.describe()}; its secret is in the {book.store.description}."

    return save


def import_job(book: ProfileBook, name: str) -> Callable[[], str]:
    def run() -> str:
        saved = book.import_environment(name)
        return f"Imported the TWILIO_* environment profile as {saved.describe()}."

    return run


def login_job(
    book: ProfileBook, name: str, account: str, region: str, token: Secret, clients: ClientSource
) -> Callable[[], str]:
    if not token:
        raise CredentialError(
            "the Auth Token is empty", hint="paste the Region's Auth Token from the Console"
        )

    def run() -> str:
        from explorer.core.verify import login

        with clients() as client:
            outcome = login(client, book, name, account_sid=account, region=region, auth_token=token)
        return (
            f"Logged in: created API key {outcome.profile.api_key_sid} ({outcome.key_friendly_name!r}) in "
            f"{outcome.profile.region_label} and saved {outcome.profile.describe()}. The Auth Token was not kept."
        )

    return run


def form_job(
    mode: str,
    book: ProfileBook,
    values: tuple[str, str, str, str | None, bool],
    secret: Secret,
    editing: Profile | None,
    clients: Callable[[], ClientSource],
) -> Callable[[], str]:
    """The job the panel's form asks for: import the environment profile, log in, or save (add or edit).

    Args:
        mode: the form's mode (`import`, `login`, `add` or `edit`).
        values: the form's name, Account SID, Region, API key SID and whether the secret is session-only.
        editing: the profile edited (its edge is kept while its Region is).
        clients: the client source for a login, asked for only then.

    Raises:
        ExplorerError: a value is malformed (before any keyring call), or there is no client to log in with.
    """
    name, account, region, key, session_only = values
    if mode == "import":
        return import_job(book, name)
    if mode == "login":
        return login_job(book, name, account, region, secret, clients())
    edge = editing.edge if editing is not None and editing.region == region else None
    profile = Profile.create(name, account, region, edge=edge, api_key_sid=key)
    return save_job(book, profile, secret, editing, session_only)


def client_source(clients: ClientSource | None) -> ClientSource:
    """`clients`, or an error saying there is none yet (verify and login need the session's)."""
    if clients is None:
        raise CredentialError(
            "there is no connection to verify with yet",
            hint="wait until the session has loaded, then try again",
        )
    return clients


def verify_job(book: ProfileBook, name: str, clients: ClientSource) -> VerifyOutcome:
    """Load profile `name`'s secret and check it on its Region's host (blocking: run it in a thread)."""
    from explorer.core.verify import verify_credential

    credential = book.credential(name)
    with clients() as client:
        return verify_credential(client, credential)
