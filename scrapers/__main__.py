"""Entry point for ``python -m scrapers``."""

import sys

from scrapers.cli import main

sys.exit(main())
