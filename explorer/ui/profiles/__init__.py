"""The Profiles view: the credential panel, its form and its blocking keyring/network jobs."""
