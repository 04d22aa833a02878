"""Twilio Region Explorer: exact regional hosts, verdicts, docs-safe curl and a local regional simulator."""

__version__ = "0.1.0"
