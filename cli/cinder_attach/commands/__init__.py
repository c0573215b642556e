"""One module per command, each named for the API call it makes (and its microversion)."""
