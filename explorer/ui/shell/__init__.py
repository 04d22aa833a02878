"""The app frame: the main screen, its header, command bar, view switcher, help and command palette."""
