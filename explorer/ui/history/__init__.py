"""The History view: every request sent, to send again, copy or export."""
