"""The resource browser: catalogue tree, paged records table, record view, and writes from the browser."""
