"""The pure core: regional addressing, requests and curl. Never imports textual, rich or explorer.ui."""
