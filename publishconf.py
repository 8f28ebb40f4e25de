"""Publishing settings: absolute URLs for SITEURL, a clean full build, no drafts."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://complaint-tracker.github.io")
FEED_DOMAIN = SITEURL
CANONICAL_SITEURL = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
TRACKER_SHOW_DRAFTS = False
TRACKER_SHARE_IMAGES = True  # a card per case and per brand page, for link previews
