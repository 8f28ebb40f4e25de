"""Gather news items about customer-service channel changes into the inbox."""

__version__ = "0.1.0"

PROJECT_URL = "https://github.com/complaint-tracker/complaint-tracker"
USER_AGENT = f"complaint-tracker-bot/{__version__} (+{PROJECT_URL})"
