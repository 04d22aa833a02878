"""Collecting one file's client sites: constructors, setters on the client they made, and global settings.

Every extractor reports what it reads to a `SiteCollector`; a setter on a variable that holds a client
(`client.edge = …`, `$client->setEdge(…)`, `client.SetRegion(…)`) updates that client's site, and global
settings (`TwilioClient.SetRegion`, `Twilio.setEdge`, `Twilio.configure`) form one site per file.
"""

from __future__ import annotations

__all__ = ["SiteCollector", "short"]

from dataclasses import dataclass, replace

from explorer.scan.model import Site, Value


def short(text: str, limit: int = 60) -> str:
    """One line, at most `limit` characters, for quoting an expression."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(slots=True)
class _Open:
    site: Site
    setters: list[str]


class SiteCollector:
    """The sites found in one file, in source order."""

    def __init__(self, path: str, language: str, method: str, library: str) -> None:
        self._path = path
        self._language = language
        self._method = method
        self._library = library
        self._sites: list[_Open] = []
        self._by_var: dict[str, _Open] = {}
        self._global: _Open | None = None

    def create(
        self,
        var: str | None,
        line: int,
        what: str,
        region: Value,
        edge: Value,
        *,
        java_builder: bool = False,
    ) -> None:
        """A client constructed at `line` (assigned to `var`, if any)."""
        site = Site(self._path, line, self._language, self._method, self._library, region, edge, what,
                    java_builder=java_builder)  # fmt: skip
        opened = _Open(site, [])
        self._sites.append(opened)
        if var:
            self._by_var[var] = opened

    def knows(self, var: str) -> bool:
        """True when `var` holds a client made in this file."""
        return var in self._by_var

    def set(self, var: str | None, part: str, value: Value, line: int, what: str) -> None:
        """`part` (`region` or `edge`) set on the client in `var`, or globally when `var` is None."""
        opened = self._by_var.get(var) if var is not None else self._global
        if opened is None:
            blank = Site(self._path, line, self._language, self._method, self._library,
                         Value.unset(), Value.unset(), what)  # fmt: skip
            opened = _Open(blank, [])
            self._sites.append(opened)
            if var is None:
                self._global = opened
            else:
                self._by_var[var] = opened
        opened.site = (
            replace(opened.site, region=value) if part == "region" else replace(opened.site, edge=value)
        )
        if what not in opened.setters and what != opened.site.what:
            opened.setters.append(f"{what} (line {line})")

    def global_site(self, line: int, what: str) -> None:
        """A global client set-up (`Twilio.init`) that global settings in this file apply to."""
        if self._global is None:
            self._global = _Open(Site(self._path, line, self._language, self._method, self._library,
                                      Value.unset(), Value.unset(), what), [])  # fmt: skip
            self._sites.append(self._global)

    def sites(self) -> list[Site]:
        """The sites, each naming the setters that changed it."""
        out: list[Site] = []
        for opened in self._sites:
            site = opened.site
            if opened.setters:
                site = replace(site, what=f"{site.what} + {', '.join(opened.setters)}")
            out.append(site)
        return out
