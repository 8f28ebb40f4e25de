"""Development settings: `invoke build` and `invoke serve` use these."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "Complaint & Channel Tracker"
SITEURL = ""
CANONICAL_SITEURL = "https://complaint-tracker.github.io"  # permalinks in citations
SITE_DESCRIPTION = {
    "en": "A public, sourced record of amplified customer complaints and of brands opening, "
    "closing and changing their customer-service channels.",
    "fr": "Un registre public et sourcé des plaintes clients amplifiées et des marques qui "
    "ouvrent, ferment ou modifient leurs canaux de service client.",
}
REPOSITORY_URL = "https://github.com/complaint-tracker/complaint-tracker"
AUTHOR = "Complaint & Channel Tracker contributors"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PATH = "content"
OUTPUT_PATH = "output"
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT)]
PLUGINS = ["plugins.tracker"]

# Cases are the content type; there are no blog articles.
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGE_TRANSLATION_ID = "translation_key"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
for _kind in (
    "ARTICLE",
    "ARTICLE_LANG",
    "DRAFT",
    "DRAFT_LANG",
    "DRAFT_PAGE",
    "DRAFT_PAGE_LANG",
    "CATEGORY",
    "TAG",
    "AUTHOR",
    "ARCHIVES",
    "AUTHORS",
    "CATEGORIES",
    "TAGS",
    "YEAR_ARCHIVE",
    "MONTH_ARCHIVE",
    "DAY_ARCHIVE",
):
    globals()[f"{_kind}_SAVE_AS"] = ""

# The project's own feeds are written by the plugin (all cases, per brand, per language).
FEED_DOMAIN = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Each feed holds the latest cases, not the whole record (that is the open data): with
# hundreds of brand feeds in two languages, 100 full cases each was a tenth of the build.
FEED_MAX_ITEMS = 30

RELATIVE_URLS = True
# Contributed and scraped text is untrusted: templates escape everything they print;
# only the sanitised Markdown output and build-time SVG are marked safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
# Development builds are incremental: cases come from the content cache, and a page whose
# inputs did not change is neither rendered nor written again (publishconf.py builds clean).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
GZIP_CACHE = False  # compressing 10,000 cases costs more than reading them back
DELETE_OUTPUT_DIRECTORY = False
# A case with `draft: true` is shown in a preview, under a banner; never published.
TRACKER_SHOW_DRAFTS = True

# Share images (og:image cards) are drawn for published builds only (publishconf.py): a local
# preview unfurls nowhere, and a card costs more to draw than its page to render.
TRACKER_SHARE_IMAGES = False
