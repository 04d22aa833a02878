"""The app model: what the screen holds and passes down (target, session, outcomes, commands, explanations); no Textual."""
