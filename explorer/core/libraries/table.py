"""The official helper libraries: where each builds its host, what it reads, and its region→edge window.

Every fact is from ../shared/helper-libraries.md §1 (each library's own source at the tag cited there). A
version is compared with `packaging.version`: the libraries' tags (`9.9.0`, `5.10.7`, `v1.28.8`) are all
plain release numbers, which PEP 440 reads the same way semver does.
"""

from __future__ import annotations

__all__ = [
    "LIBRARIES",
    "REGION_TO_EDGE",
    "AutoMapWindow",
    "Library",
    "UnknownLibraryError",
    "find_library",
    "parse_library_spec",
    "parse_version",
]

from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from explorer.core.errors import InputError, UnknownNameError
from explorer.core.sources import Confidence, Source

REGION_TO_EDGE: dict[str, str] = {
    "au1": "sydney",
    "br1": "sao-paulo",
    "de1": "frankfurt",
    "ie1": "dublin",
    "jp1": "tokyo",
    "jp2": "osaka",
    "sg1": "singapore",
    "us1": "ashburn",
    "us2": "umatilla",
}
"""The region→edge map every library shipped during its 2025-12 auto-map window (identical everywhere)."""


class UnknownLibraryError(UnknownNameError):
    """A library name that is not one of the official helper libraries."""


def parse_version(text: str) -> Version:
    """A library version (`9.9.0`, `v1.28.8`, `5.0.0-rc.1`) as a comparable `Version`.

    Raises:
        InputError: not a version number.
    """
    try:
        return Version(text.strip())
    except InvalidVersion:
        raise InputError(
            f"{text!r} is not a version number", hint="give a release such as 9.9.0 (go: v1.28.8)"
        ) from None


@dataclass(frozen=True, slots=True)
class AutoMapWindow:
    """The releases that filled in an edge from the region (2025-12), and the release that took it out."""

    first: str
    """The first release that mapped."""
    last: str
    """The last release that mapped."""
    removed_in: str
    """The release that removed the mapping."""
    source: Source
    """The pull request that added it."""

    def contains(self, version: Version) -> bool:
        """True when `version` maps a region to an edge."""
        return parse_version(self.first) <= version <= parse_version(self.last)

    def describe(self) -> str:
        """`9.8.8–9.10.0`."""
        return f"{self.first}–{self.last}"


@dataclass(frozen=True, slots=True)
class Library:
    """One official helper library (or twilio-cli) and the facts its host rule depends on."""

    name: str
    """The short name used on the command line: `python`, `node`, ..., `twilio-cli`."""
    package: str
    """What people call it: `twilio-python`."""
    install: str
    """The package as its registry names it: `twilio` on PyPI, `com.twilio.sdk:twilio` on Maven."""
    latest: str
    """The newest release read for the facts; later releases are modelled by the same rule."""
    added_in: str
    """The release that added region and edge settings; earlier releases always build product.twilio.com."""
    window: AutoMapWindow
    """The region→edge auto-map window."""
    reads_environment: str
    """Which of TWILIO_REGION / TWILIO_EDGE it reads, in words."""
    code: Source
    """The function that builds the host, with file, line and tag."""
    aliases: tuple[str, ...] = ()
    """Other names accepted for it (`twilio-python`, `cli-core`)."""

    def version(self, text: str | None) -> Version:
        """The version `text` names, or the newest one read when None.

        Raises:
            InputError: not a version number.
        """
        return parse_version(text) if text else parse_version(self.latest)


def _code(ref: str) -> Source:
    return Source(ref, Confidence.CODE)


def _pr(repo: str, number: int) -> Source:
    return Source(f"https://github.com/twilio/{repo}/pull/{number}", Confidence.CODE)


LIBRARIES: dict[str, Library] = {
    lib.name: lib
    for lib in (
        Library(
            "python", "twilio-python", "twilio (PyPI)", "9.11.0", "6.40.0",
            AutoMapWindow("9.8.8", "9.10.0", "9.10.1", _pr("twilio-python", 895)),
            "TWILIO_REGION and TWILIO_EDGE (the constructor arguments win)",
            _code("twilio/twilio-python 9.11.0 twilio/base/client_base.py ClientBase.get_hostname"),
            ("twilio-python",),
        ),
        Library(
            "node", "twilio-node", "twilio (npm)", "6.0.2", "3.43.0",
            AutoMapWindow("5.10.7", "5.12.0", "5.12.1", _pr("twilio-node", 1150)),
            "TWILIO_REGION and TWILIO_EDGE (options win, `??`: an empty option still wins)",
            _code("twilio/twilio-node 6.0.2 src/base/BaseTwilio.ts:304 getHostname, setOpts"),
            ("twilio-node",),
        ),
        Library(
            "csharp", "twilio-csharp", "Twilio (NuGet)", "7.14.9", "5.41.0",
            AutoMapWindow("7.13.8", "7.14.2", "7.14.3", _pr("twilio-csharp", 810)),
            "neither (only TWILIO_LOG_LEVEL)",
            _code("twilio/twilio-csharp 7.14.9 src/Twilio/Http/Request.cs:151 Request.buildUri"),
            ("twilio-csharp", "dotnet", "c#"),
        ),
        Library(
            "java", "twilio-java", "com.twilio.sdk:twilio (Maven)", "12.0.0", "7.52.0",
            AutoMapWindow("11.2.0", "11.3.2", "11.3.3", _pr("twilio-java", 928)),
            "both, only on the static Twilio.init path (a TwilioRestClient.Builder ignores them)",
            _code("twilio/twilio-java 12.0.0 src/main/java/com/twilio/http/IRequest.java:197 buildURL; Twilio.java"),
            ("twilio-java",),
        ),
        Library(
            "ruby", "twilio-ruby", "twilio-ruby (RubyGems)", "7.11.0", "5.35.0",
            AutoMapWindow("7.8.8", "7.10.0", "7.10.1", _pr("twilio-ruby", 765)),
            "neither",
            _code("twilio/twilio-ruby 7.11.0 lib/twilio-ruby/base/client_base.rb:80 ClientBase#build_uri"),
            ("twilio-ruby",),
        ),
        Library(
            "php", "twilio-php", "twilio/sdk (Packagist)", "8.12.0", "6.5.0",
            AutoMapWindow("8.9.0", "8.10.1", "8.11.0", _pr("twilio-php", 894)),
            "TWILIO_REGION and TWILIO_EDGE (the constructor region and setEdge() win)",
            _code("twilio/twilio-php 8.12.0 src/Twilio/Base/BaseClient.php:242 buildUri"),
            ("twilio-php",),
        ),
        Library(
            "go", "twilio-go", "github.com/twilio/twilio-go", "v1.30.9", "v0.6.0",
            AutoMapWindow("v1.28.8", "v1.30.0", "v1.30.1", Source("twilio/twilio-go#308", Confidence.CODE)),
            "TWILIO_REGION and TWILIO_EDGE (SetRegion/SetEdge win)",
            _code("twilio/twilio-go v1.30.9 client/request_handler.go:39 RequestHandler.BuildUrl"),
            ("twilio-go",),
        ),
        Library(
            "twilio-cli", "twilio-cli", "@twilio/cli-core (npm; twilio-cli pins it)", "8.3.4", "5.1.0",
            AutoMapWindow("8.2.4", "8.3.1", "8.3.2", _pr("twilio-cli-core", 296)),
            "TWILIO_EDGE always; TWILIO_REGION only with environment credentials (TWILIO_ACCOUNT_SID and a "
            "token or key, and no -p)",
            _code("twilio/twilio-cli-core 8.3.4 src/services/open-api-client.js:100 getHost; "
                  "src/base-commands/twilio-client-command.js buildClient"),
            ("cli", "cli-core", "@twilio/cli-core"),
        ),
    )
}  # fmt: skip
"""Every official helper library, by its short name. twilio-cli's version is its @twilio/cli-core version:
the host is built there, and each twilio-cli release pins one exactly (twilio-cli 6.2.4 pins 8.3.2)."""


def find_library(name: str) -> Library:
    """The library `name` (or one of its aliases) names, case-insensitively.

    Raises:
        UnknownLibraryError: no such library; the hint lists the known ones.
    """
    wanted = name.strip().lower()
    for library in LIBRARIES.values():
        if wanted == library.name or wanted in library.aliases:
            return library
    raise UnknownLibraryError(f"unknown library {name!r}", hint="one of: " + ", ".join(LIBRARIES))


def parse_library_spec(text: str) -> tuple[Library, str | None]:
    """`NAME[==VERSION]` (`python==9.9.0`, `go==v1.29.0`, `node`) as the library and the version text.

    Raises:
        UnknownLibraryError: no such library.
        InputError: the version is not a version number.
    """
    name, sep, version = text.partition("==")
    library = find_library(name)
    if not sep:
        return library, None
    parse_version(version)
    return library, version.strip()
