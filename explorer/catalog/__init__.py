"""The API catalogue: every resource in Twilio's published API description, as data, and its loader."""
