"""The app's widgets, one widget and its messages per module."""
