"""The commands beyond build: watch, batch, preview, new, press kit and its one-pager and ledger."""
