"""Write a new case file for a contributor to fill in.

The file is the contributor's, not a draft: every part left to write says TODO, and
`invoke validate` names each of them until it is filled in.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml
from slugify import slugify

# The file, with the guidance of the case's language: the `scaffold_*` strings of that
# language's interface catalogue (theme/i18n/<lang>.yaml), so a new language's catalogue
# brings its own guidance. The TODO markers stay as they are in every language: the
# validator looks for them.
TEMPLATE = """\
---
id: {id}
title: {title}
summary: >-
  TODO{g[colon]} {g[scaffold_summary]}
date: TODO                # {g[scaffold_date]}
date_precision: day       # {g[scaffold_date_precision]}
brands: []                # {g[scaffold_brands]}
platform: twitter         # {g[scaffold_platform]}
# channel: direct-message # {g[scaffold_channel]}
event_type: channel-closure   # {g[scaffold_event_type]}
status: ongoing           # ongoing, resolved, reversed, disputed, ended, unknown
# ended: YYYY-MM-DD       # {g[scaffold_ended]}
sources:
  - url: https://example.org/TODO-{g[scaffold_url_slug]}
    title: TODO {g[scaffold_source_title]}
    publisher: TODO {g[scaffold_publisher]}
    published: TODO       # {g[scaffold_published]}
    lang: {lang}
related: []
lang: {lang}
added: {today}
updated: {today}
---
TODO{g[colon]} {g[scaffold_text]}
"""

STRINGS_PATH = Path(__file__).resolve().parent.parent / "theme" / "i18n"


def guidance(lang: str, strings_path: Path = STRINGS_PATH) -> dict[str, str]:
    """The scaffold's comments in `lang` (its catalogue's `scaffold_*` keys), English where
    the catalogue has none; `colon` is how the language writes "TODO:"."""

    def load(code: str) -> dict:
        path = Path(strings_path) / f"{code}.yaml"
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}

    english, own = load("en"), load(lang)
    strings = {k: v for k, v in english.items() if k.startswith("scaffold_")}
    strings.update({k: v for k, v in own.items() if k.startswith("scaffold_")})
    return {**strings, "colon": strings.get("scaffold_colon", ":")}


def write_case(
    title: str,
    folder: Path,
    lang: str = "en",
    today: dt.date | None = None,
    default_lang: str = "en",
    strings_path: Path = STRINGS_PATH,
) -> Path:
    """Create `<folder>/<slug>.md` (other languages than `default_lang` under <lang>/);
    refuse to overwrite."""
    case_id = slugify(title, max_length=80, word_boundary=True)
    if not case_id:
        raise SystemExit("the title needs at least one letter or digit")
    target = Path(folder) / ("" if lang == default_lang else lang) / f"{case_id}.md"
    if target.exists():
        raise SystemExit(f"{target} already exists: choose another title")
    target.parent.mkdir(parents=True, exist_ok=True)
    today = today or dt.date.today()
    # A JSON string is a YAML double-quoted string: any title comes back exactly as typed.
    quoted_title = json.dumps(title, ensure_ascii=False)
    target.write_text(
        TEMPLATE.format(
            id=case_id,
            title=quoted_title,
            today=today.isoformat(),
            lang=lang,
            g=guidance(lang, strings_path),
        ),
        encoding="utf-8",
    )
    return target
