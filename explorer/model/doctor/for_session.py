"""A doctor checkup for the app's (or a notebook's) current target and session: `:doctor`."""

from __future__ import annotations

__all__ = ["session_checkup"]

from collections.abc import Mapping

from explorer.model.doctor.run import Checkup
from explorer.model.doctor.settings import resolve_settings
from explorer.model.session import Session
from explorer.model.target import Target


def session_checkup(session: Session, target: Target, environ: Mapping[str, str]) -> Checkup:
    """Check `target` as `session` would send to it: its proxy and CA, its credentials.

    The credential checked is the one the session would use for the target's host or, when the host is
    processed nowhere or in a Region the session has no credential for, the one the user meant (the target's
    Region's, or a profile session's only one): the credential step then explains the refusal. The session's
    other credentials are the profiles doctor may name as working instead.

    Raises:
        LabelError: a label of the target is not a DNS label.
    """
    credential = session.credential_for(target)
    if credential is None:
        credential = next((c for c in session.credentials if c.profile.region == target.region_id), None)
    if credential is None and len(session.credentials) == 1:
        credential = session.credentials[0]
    held = {c.profile.name: c for c in session.credentials}
    settings = resolve_settings(
        product=target.product, region=target.region, edge=target.edge, environ={}, given_as=":{name}"
    )
    transport = session.sync_transport if session.sync_transport is not None else session.transport
    return Checkup(
        settings,
        credential=credential,
        profiles=tuple(c.profile for c in session.credentials),
        load_credential=held.__getitem__,
        proxy=session.proxy,
        verify=True if session.ca_pem is None else session.ca_pem,
        environ=environ,
        transport=transport,
    )
