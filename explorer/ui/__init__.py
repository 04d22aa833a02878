"""The Textual app: the shell, the region/edge picker and the request inspector.

Nothing here is imported by `explorer.core`; `launch` imports Textual only when the app is opened.
"""
