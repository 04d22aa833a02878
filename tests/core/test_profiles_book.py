"""The profile book: adding, listing and removing profiles, and what happens when the keyring is unusable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring.backends.fail
import keyring.errors
import pytest

from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import InMemoryStore, KeyringStore
from explorer.core.errors import (
    ConfigFileError,
    CredentialError,
    InputError,
    KeyringUnavailableError,
    ProfileNotFoundError,
)
from explorer.core.profile_book import ProfileBook, resolve_account_sid
from explorer.core.profiles import Profile, ProfileSource

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "Zq8xSecretValue0123456789abcdefX"
NO_BACKEND = "no OS keyring is available: keyring found no usable backend and fell back to keyring.backends.fail.Keyring"
NO_BACKEND_HINT = (
    "install and unlock a Secret Service such as gnome-keyring (Debian: apt install gnome-keyring) in a D-Bus "
    "session, or use the macOS Keychain or Windows Credential Locker; or put the credential in "
    "TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET (or TWILIO_AUTH_TOKEN) for an environment "
    "profile, or use a session profile in the app; secrets are never written to a plain file"
)


def au1(name: str = "au1-demo") -> Profile:
    return Profile.create(name, ACCOUNT, "au1", api_key_sid=KEY)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


@pytest.fixture
def book(config: Path) -> ProfileBook:
    return ProfileBook(ProfilesFile(config / "profiles.toml"), InMemoryStore(), environ={})


def everything_under(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file())


def test_add_list_load_remove(book: ProfileBook, config: Path) -> None:
    """A saved profile is listed without its secret, loads with it, and is gone after remove."""
    book.add(au1(), SECRET)
    assert [(p.name, p.source) for p in book.profiles()] == [("au1-demo", ProfileSource.KEYRING)]
    assert book.credential("au1-demo").secret == SECRET
    assert SECRET.encode() not in everything_under(config)
    removed = book.remove("au1-demo")
    assert removed.name == "au1-demo"
    assert book.profiles() == []
    with pytest.raises(CredentialError):
        book.store.get_secret("au1-demo")


def test_duplicate_name_is_refused(book: ProfileBook) -> None:
    """Adding a second profile with the same name is refused; the first one's secret stays."""
    book.add(au1(), SECRET)
    with pytest.raises(InputError) as caught:
        book.add(au1(), "another-secret-value")
    assert caught.value.message == "a profile named 'au1-demo' already exists"
    assert book.credential("au1-demo").secret == SECRET


def test_env_name_is_reserved(book: ProfileBook) -> None:
    """'env' names the environment profile only."""
    with pytest.raises(InputError, match="reserved for the TWILIO_\\* environment profile"):
        book.add(au1("env"), SECRET)


def test_missing_profile_lists_the_known_ones(book: ProfileBook) -> None:
    """Asking for an unknown profile names the ones there are."""
    book.add(au1(), SECRET)
    with pytest.raises(ProfileNotFoundError) as caught:
        book.get("ie1")
    assert caught.value.message == "there is no profile named 'ie1' (profiles: au1-demo)"


def test_environment_and_session_profiles_are_listed_with_their_source(config: Path) -> None:
    """The environment profile and a session profile appear next to saved ones, each with its source."""
    env = {"TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": SECRET, "TWILIO_REGION": "ie1"}
    book = ProfileBook(ProfilesFile(config / "profiles.toml"), InMemoryStore(), environ=env)
    book.add(au1(), SECRET)
    book.add_session(Profile.create("scratch", ACCOUNT, "us1"), "session-secret-value")
    assert [(p.name, p.source.value, p.region) for p in book.profiles()] == [
        ("au1-demo", "keyring", "au1"),
        ("env", "environment", "ie1"),
        ("scratch", "session", "us1"),
    ]
    assert book.credential("env").secret == SECRET
    assert book.credential("scratch").secret == "session-secret-value"
    assert "scratch" not in ProfilesFile(config / "profiles.toml").load()
    with pytest.raises(CredentialError, match="cannot be removed here"):
        book.remove("env")
    book.remove("scratch")
    assert [p.name for p in book.profiles()] == ["au1-demo", "env"]


def test_import_env_saves_the_environment_profile(config: Path) -> None:
    """import-env stores the TWILIO_* credential under a new name, secret in the store."""
    env = {
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_API_KEY": KEY,
        "TWILIO_API_SECRET": SECRET,
        "TWILIO_REGION": "au1",
    }
    store = InMemoryStore()
    book = ProfileBook(ProfilesFile(config / "profiles.toml"), store, environ=env)
    saved = book.import_environment("from-env")
    assert (saved.name, saved.source, saved.api_host) == (
        "from-env",
        ProfileSource.KEYRING,
        "api.sydney.au1.twilio.com",
    )
    assert store.get_secret("from-env") == SECRET


def test_import_env_without_variables(book: ProfileBook) -> None:
    """import-env with no TWILIO_ACCOUNT_SID says what to export."""
    with pytest.raises(CredentialError) as caught:
        book.import_environment("x")
    assert (
        caught.value.message == "TWILIO_ACCOUNT_SID is not set, so there is no environment profile to import"
    )


def test_resolve_account_sid_never_touches_the_store(config: Path) -> None:
    """curl --profile gets the Account SID from the file alone."""
    ProfileBook(ProfilesFile(config / "profiles.toml"), InMemoryStore(), environ={}).add(au1(), SECRET)
    locked = ProfileBook(
        ProfilesFile(config / "profiles.toml"),
        KeyringStore(backend=keyring.backends.fail.Keyring()),
        environ={},
    )
    assert resolve_account_sid("au1-demo", book=locked) == ACCOUNT


def test_file_failure_rolls_back_the_secret(book: ProfileBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the profiles file cannot be written, the secret just stored is removed again."""

    def fail(*args: Any, **kwargs: Any) -> None:
        raise ConfigFileError("cannot write profiles.toml: No space left on device")

    monkeypatch.setattr(ProfilesFile, "save", fail)
    with pytest.raises(ConfigFileError):
        book.add(au1(), SECRET)
    with pytest.raises(CredentialError):
        book.store.get_secret("au1-demo")


def test_recovery_is_reported_and_listing_continues(book: ProfileBook) -> None:
    """After a damaged file is restored the book lists the profiles and keeps the notice for the user."""
    book.add(au1(), SECRET)
    book.file.path.write_text("[[broken")
    assert [p.name for p in book.profiles()] == ["au1-demo"]
    assert book.recovery is not None and "restored from profiles.toml.bak: au1-demo" in book.recovery.message


# -- keyring failures ---------------------------------------------------------------------------------


def fail_book(config: Path) -> ProfileBook:
    return ProfileBook(
        ProfilesFile(config / "profiles.toml"),
        KeyringStore(backend=keyring.backends.fail.Keyring()),
        environ={},
    )


def test_no_backend_add_writes_nothing(config: Path) -> None:
    """Without a keyring backend, add explains what to do and writes nothing at all."""
    with pytest.raises(KeyringUnavailableError) as caught:
        fail_book(config).add(au1(), SECRET)
    assert caught.value.message == NO_BACKEND
    assert caught.value.hint == NO_BACKEND_HINT
    assert caught.value.title == "Keyring unavailable"
    assert not config.exists()


def test_no_backend_load_and_remove(config: Path) -> None:
    """Without a backend a saved profile cannot be loaded or removed, and stays in the file."""
    ProfileBook(ProfilesFile(config / "profiles.toml"), InMemoryStore(), environ={}).add(au1(), SECRET)
    book = fail_book(config)
    for action in (book.credential, book.remove):
        with pytest.raises(KeyringUnavailableError) as caught:
            action("au1-demo")
        assert caught.value.message == NO_BACKEND
    assert [p.name for p in book.profiles()] == ["au1-demo"]


class ScriptedBackend:
    """A keyring backend that fails the way real ones do."""

    priority = 1

    def __init__(self, error: Exception | None = None, stored: dict[str, str] | None = None) -> None:
        self.error = error
        self.stored = stored or {}

    def get_password(self, service: str, username: str) -> str | None:
        if self.error:
            raise self.error
        return self.stored.get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.error:
            raise self.error
        self.stored[username] = password

    def delete_password(self, service: str, username: str) -> None:
        if username not in self.stored:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.stored[username]


SCRIPTED = f"{__name__}.ScriptedBackend"


@pytest.mark.parametrize(
    ("error", "message", "title"),
    [
        (
            keyring.errors.InitError("Failed to create the collection: Prompt dismissed.."),
            f"the OS keyring ({SCRIPTED}) could not be opened: "
            "Failed to create the collection: Prompt dismissed..",
            "Keyring unavailable",
        ),
        (
            keyring.errors.KeyringLocked("Failed to unlock the collection!"),
            f"the OS keyring ({SCRIPTED}) is locked and could not be unlocked: "
            "Failed to unlock the collection!",
            "Keyring locked",
        ),
    ],
)
def test_locked_keyring_is_explained_before_anything_is_written(
    config: Path, error: Exception, message: str, title: str
) -> None:
    """A keyring that cannot be unlocked is named with the backend and what to do; nothing is written."""
    book = ProfileBook(
        ProfilesFile(config / "profiles.toml"), KeyringStore(backend=ScriptedBackend(error)), environ={}
    )
    with pytest.raises(KeyringUnavailableError) as caught:
        book.add(au1(), SECRET)
    assert (caught.value.message, caught.value.title) == (message, title)
    assert caught.value.hint.startswith(
        "unlock the keyring (log in to a desktop session, or run gnome-keyring"
    )
    assert not config.exists()


def test_missing_keyring_entry_is_explained(config: Path) -> None:
    """A profile whose secret vanished from the keyring says so and how to fix it."""
    ProfileBook(ProfilesFile(config / "profiles.toml"), InMemoryStore(), environ={}).add(au1(), SECRET)
    book = ProfileBook(
        ProfilesFile(config / "profiles.toml"), KeyringStore(backend=ScriptedBackend()), environ={}
    )
    with pytest.raises(KeyringUnavailableError) as caught:
        book.credential("au1-demo")
    assert caught.value.message == (
        f"the OS keyring ({SCRIPTED}) holds no secret for profile 'au1-demo' (service 'twilio-region-explorer')"
    )
    assert caught.value.title == "Secret missing from the keyring"
    assert "twilio-explorer profiles add au1-demo" in caught.value.hint


def test_backend_error_text_is_redacted(config: Path) -> None:
    """Even a backend that puts the secret in its own error message does not leak it."""

    class Leaky(ScriptedBackend):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.PasswordSetError(f"cannot store {password}")

    book = ProfileBook(ProfilesFile(config / "profiles.toml"), KeyringStore(backend=Leaky()), environ={})
    with pytest.raises(KeyringUnavailableError) as caught:
        book.add(au1(), SECRET)
    assert SECRET not in str(caught.value)
    assert caught.value.message.endswith(
        "failed to store the secret for profile 'au1-demo': PasswordSetError: cannot store [secret]"
    )


def test_plaintext_backend_is_refused(config: Path) -> None:
    """keyrings.alt's plaintext file backend is never used, even if keyring picks it."""
    plaintext = type("PlaintextKeyring", (ScriptedBackend,), {"__module__": "keyrings.alt.file"})
    book = ProfileBook(ProfilesFile(config / "profiles.toml"), KeyringStore(backend=plaintext()), environ={})
    with pytest.raises(KeyringUnavailableError) as caught:
        book.add(au1(), SECRET)
    assert caught.value.message == (
        "keyring chose keyrings.alt.file.PlaintextKeyring, which keeps secrets in a file on disk; "
        "the explorer refuses to use it"
    )
    assert not config.exists()


def test_half_set_environment_does_not_hide_saved_profiles(config: Path) -> None:
    """TWILIO_ACCOUNT_SID without a secret leaves the env profile out, keeps the rest, and says why."""
    env = {"TWILIO_ACCOUNT_SID": ACCOUNT}
    book = ProfileBook(ProfilesFile(config / "profiles.toml"), InMemoryStore(), environ=env)
    book.add(au1(), SECRET)
    assert [p.name for p in book.profiles()] == ["au1-demo"]
    assert book.environment_problem is not None
    assert book.environment_problem.message.startswith("TWILIO_ACCOUNT_SID is set but neither TWILIO_API_KEY")


def test_a_set_aside_copy_is_named_until_it_is_dealt_with(book: ProfileBook) -> None:
    """No good copy to restore: later reads list nothing but name the damaged copy, also when a profile is missing."""
    book.file.path.parent.mkdir(parents=True, exist_ok=True)
    book.file.path.write_text("[[broken")
    with pytest.raises(ConfigFileError):
        book.profiles()
    [kept] = book.file.path.parent.glob("profiles.toml.corrupt-*")
    assert book.profiles() == []
    with pytest.raises(ProfileNotFoundError) as caught:
        book.get("work")
    assert str(kept) in caught.value.message and f"rm {kept}" in caught.value.hint
    assert book.set_aside is not None
    assert book.set_aside.message == (
        f"a damaged profiles file is kept aside at {kept}; the profiles in it are not loaded"
    )
    assert f"mv {kept} {book.file.path}" in book.set_aside.hint and f"rm {kept}" in book.set_aside.hint
    assert book.file.set_aside_copies() == (kept,)
    kept.unlink()
    assert book.profiles() == [] and book.set_aside is None
