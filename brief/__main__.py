"""`python -m brief`."""

from brief.cli import main

main()
