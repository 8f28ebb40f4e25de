"""Write a new case file for a contributor to fill in.

The file is the contributor's, not a draft: every part left to write says TODO, and
`invoke validate` names each of them until it is filled in.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from slugify import slugify

TEMPLATE = """\
---
id: {id}
title: {title}
summary: >-
  TODO: one or two sentences saying what happened, who did it and when.
date: TODO                # when it happened: YYYY-MM-DD, YYYY-MM or YYYY
date_precision: day       # day, month or year, matching the date
brands: []                # keys from data/vocab/brands.yaml, e.g. [air-france]
platform: twitter         # key from data/vocab/platforms.yaml
# channel: direct-message # key from data/vocab/channels.yaml, if a channel is concerned
event_type: channel-closure   # key from data/vocab/event_types.yaml
status: ongoing           # ongoing, resolved, reversed, disputed, ended, unknown
sources:
  - url: https://example.org/TODO-replace-with-the-article-address
    title: TODO title of the article
    publisher: TODO outlet name
    published: TODO       # the article's date: YYYY-MM-DD, YYYY-MM or YYYY
    lang: {lang}
related: []
lang: {lang}
added: {today}
updated: {today}
---
TODO: tell what happened in your own words. Every fact must come from a listed source.
"""

# The same file with its guidance in French, for a case written in French. The TODO markers
# stay as they are: the validator looks for them in every language.
TEMPLATE_FR = """\
---
id: {id}
title: {title}
summary: >-
  TODO : une ou deux phrases qui disent ce qui s’est passé, qui l’a fait et quand.
date: TODO                # quand c’est arrivé : AAAA-MM-JJ, AAAA-MM ou AAAA
date_precision: day       # day (jour), month (mois) ou year (année), selon la date
brands: []                # clés de data/vocab/brands.yaml, par exemple [air-france]
platform: twitter         # clé de data/vocab/platforms.yaml
# channel: direct-message # clé de data/vocab/channels.yaml, si un canal est concerné
event_type: channel-closure   # clé de data/vocab/event_types.yaml
status: ongoing           # ongoing, resolved, reversed, disputed, ended, unknown
sources:
  - url: https://example.org/TODO-remplacer-par-l-adresse-de-l-article
    title: TODO titre de l’article
    publisher: TODO nom du média
    published: TODO       # la date de l’article : AAAA-MM-JJ, AAAA-MM ou AAAA
    lang: {lang}
related: []
lang: {lang}
added: {today}
updated: {today}
---
TODO : racontez ce qui s’est passé avec vos propres mots. Chaque fait doit venir d’une source citée.
"""

# Guidance per case language; any other language gets the English one.
TEMPLATES = {"en": TEMPLATE, "fr": TEMPLATE_FR}


def write_case(title: str, folder: Path, lang: str = "en", today: dt.date | None = None) -> Path:
    """Create `<folder>/<slug>.md` (other languages under <lang>/); refuse to overwrite."""
    case_id = slugify(title, max_length=80, word_boundary=True)
    if not case_id:
        raise SystemExit("the title needs at least one letter or digit")
    target = Path(folder) / ("" if lang == "en" else lang) / f"{case_id}.md"
    if target.exists():
        raise SystemExit(f"{target} already exists: choose another title")
    target.parent.mkdir(parents=True, exist_ok=True)
    today = today or dt.date.today()
    # A JSON string is a YAML double-quoted string: any title comes back exactly as typed.
    quoted_title = json.dumps(title, ensure_ascii=False)
    target.write_text(
        TEMPLATES.get(lang, TEMPLATE).format(
            id=case_id, title=quoted_title, today=today.isoformat(), lang=lang
        ),
        encoding="utf-8",
    )
    return target
