"""One send as the history sees it: what to show, and the entry of a request that left, answered or not.

A request that left the machine is always recorded, even when no answer came back (`cancelled`, `reset`,
`timeout`, `failed`): the server may have acted on it. One refused while it was being built (an
`InputError`, before any I/O) did not leave, so it is shown and not recorded. The entry is handed to
`record` the moment it is known, before the caller lets the client go: a cancel that arrives while the
client closes cannot lose it.
"""

from __future__ import annotations

__all__ = ["send_recorded"]

import asyncio
from collections.abc import Callable
from datetime import datetime

from explorer.core.client import AsyncExplorerClient
from explorer.core.errors import ExplorerError, InputError, as_explorer_error
from explorer.core.history_entry import HistoryEntry, failure_of
from explorer.core.profiles import Credential
from explorer.core.request import RequestSpec
from explorer.model.explain import explain_error, explain_exchange
from explorer.model.outcome import Outcome
from explorer.model.target import Target


async def send_recorded(
    client: AsyncExplorerClient,
    spec: RequestSpec,
    credential: Credential,
    target: Target,
    *,
    url: str,
    clock: Callable[[], float],
    sent_at: datetime,
    started: float,
    record: Callable[[HistoryEntry], None],
) -> tuple[HistoryEntry | None, Outcome]:
    """Send `spec` and explain what came back; `record` each request that left, answered or not.

    Args:
        client: the session's client.
        spec: the request; its first hop's URL and scope are already checked.
        credential: who it is sent as.
        target: where it is sent, for the explanation.
        url: the request's URL, for an outcome without a response.
        clock: times the request for the history.
        sent_at: when the send began (the history's time of the request).
        started: `clock()` when the send began, before the client was opened.
        record: called at once with the entry of a request that left the machine.

    Returns:
        The entry recorded (None when the request never left) and the outcome to show.

    Raises:
        asyncio.CancelledError: cancelled while in flight (recorded as `cancelled` first).
    """

    def keep(entry: HistoryEntry) -> HistoryEntry:
        record(entry)
        return entry

    def unanswered(failure: str) -> HistoryEntry:
        return HistoryEntry.from_outcome(
            spec, credential.profile, host=spec.fqdn, status=None, duration=clock() - started,
            sent_at=sent_at, failure=failure,
        )  # fmt: skip

    try:
        exchange = await client.send(spec, credential)
    except asyncio.CancelledError:
        # Cancelled here, not on the server, which may have acted on it already: it is recorded.
        keep(unanswered("cancelled"))
        raise
    except InputError as error:
        # Raised while building the request, before its I/O: it did not leave the machine.
        return None, Outcome(target, url, None, explain_error(error, target))
    except ExplorerError as error:
        return keep(unanswered(failure_of(error))), Outcome(target, url, None, explain_error(error, target))
    except Exception as error:  # noqa: BLE001 - a bug must still end as a failed request, not a crash
        # Whether it left the machine is unknown: recorded as failed rather than lost.
        sent = keep(unanswered("failed"))
        failure = as_explorer_error(error, f"sending {spec.method} {url}")
        return sent, Outcome(target, url, None, explain_error(failure, target))
    sent = keep(HistoryEntry.from_exchange(spec, credential.profile, exchange, sent_at=sent_at))
    return sent, Outcome(target, exchange.url, exchange, explain_exchange(exchange, target))
