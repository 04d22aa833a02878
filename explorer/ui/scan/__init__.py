"""`:scan PATH`: the scan report as a table; Enter opens a hit's request (its host, with its curl)."""
