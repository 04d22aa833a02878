"""Dialogs shared by several views."""
