"""`doctor`: a configuration checked end to end, one step at a time (UI-free: CLI, app and notebook share it).

settings = resolve_settings(region="au1", profile=profile, environ=os.environ)
for step in run_doctor(Checkup(settings, credential=credential, profiles=book.profiles())):
    print(step.verdict, step.title, step.detail, step.fix)
"""

from __future__ import annotations

__all__ = [
    "STEPS",
    "Checkup",
    "DoctorSettings",
    "Setting",
    "Step",
    "StepVerdict",
    "resolve_settings",
    "run_doctor",
    "session_checkup",
]

from explorer.model.doctor.for_session import session_checkup
from explorer.model.doctor.run import Checkup, run_doctor
from explorer.model.doctor.settings import DoctorSettings, Setting, resolve_settings
from explorer.model.doctor.step import STEPS, Step, StepVerdict
