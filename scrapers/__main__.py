"""Entry point for ``python -m scrapers``."""

from casebook.pipes import exit_with
from scrapers.cli import main

exit_with(main)
