"""The pure core: regional addressing, requests and curl. It never imports the UI toolkit or the app's UI package."""
