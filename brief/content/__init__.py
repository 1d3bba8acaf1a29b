"""Content: the YAML and CSV files read, validated and turned into the typed Brief."""
