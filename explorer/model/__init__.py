"""The app model, shared by the terminal app and the notebook: target, session, outcomes, commands,
explanations. No Textual, no Rich: a contract in pyproject.toml keeps it that way."""
