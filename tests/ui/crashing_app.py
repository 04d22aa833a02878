"""The app, headless, with a bug in a message handler whose frame holds a secret: run as a script by a test.

    python tests/ui/crashing_app.py CANARY explorer|textual

The handler that runs when the header is first painted raises, with the canary in its locals as a careless
handler would hold it: a plain `password`, a `Credential`, and the Basic header. `explorer` runs the app as
`launch` does (its own crash report); `textual` puts back Textual's default report, which prints every
frame's locals, to show that the test watching this script can see a leak. The exit status is `launch`'s.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import httpx
from textual.app import App

from explorer.core.auth import basic_token
from explorer.core.profiles import Credential, Profile
from explorer.core.secret import Secret
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.ui.app import ExplorerApp, make_app
from explorer.ui.shell.main_screen import MainScreen
from explorer.ui.shell.status_header import StatusHeader

ACCOUNT_SID = "AC" + "0" * 24 + "feedc0de"
API_KEY_SID = "SK" + "0" * 28 + "0003"


def main(canary: str, report: str) -> int:
    profile = Profile.create("canary", ACCOUNT_SID, "au1", api_key_sid=API_KEY_SID)

    def painted(self: MainScreen, event: StatusHeader.Painted) -> None:
        password = canary
        credential = Credential(profile, Secret(password))
        authorization = "Basic " + basic_token(credential.username, credential.secret).reveal()
        raise RuntimeError(f"deliberate bug in a message handler ({len(authorization)} characters held)")

    MainScreen.on_status_header_painted = painted  # type: ignore[method-assign]
    if report == "textual":
        ExplorerApp._fatal_error = App._fatal_error  # type: ignore[method-assign]

    def load() -> Session:
        transport = httpx.MockTransport(lambda request: httpx.Response(500))
        credential = Credential(profile, Secret(canary))
        return Session("canary", "keyring", ACCOUNT_SID, (credential,), transport=transport)

    app = make_app(
        Options(copy_path=Path(tempfile.gettempdir()) / "never-written-curl.sh"),
        session_loader=load,
        profile_loader=lambda name: load(),
    )
    result = app.run(headless=True)
    # As `launch` does: a crash leaves no result but sets the return code.
    return result if isinstance(result, int) else (app.return_code or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
