"""Publishing settings: absolute URLs for the configured SITEURL and feed domain."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://complaint-tracker.github.io")
FEED_DOMAIN = SITEURL
CANONICAL_SITEURL = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
