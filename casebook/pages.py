"""Check the site pages of content/pages/: their fields, slugs and translations."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from slugify import slugify

from casebook import characters, links
from casebook.diagnostics import Problem, field_name
from casebook.frontmatter import Document
from casebook.schema import schema_problems

SCHEMA_PATH = Path(__file__).with_name("page.schema.json")
UNKNOWN_FIX = "a page has title, slug, lang, summary and translation_of; remove the others"


@cache
def page_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _fix_for(doc: Document):
    def fix(path: tuple) -> str:
        name = path[-1] if path else ""
        if name == "slug":
            return f"write the page's address in lower-case words, e.g. 'slug: {_slug(doc)}'"
        if name == "lang":
            return "write 'lang: en' or 'lang: fr'"
        if name == "title":
            return "write the page's title on one line"
        if name == "translation_of":
            return "write the slug of the original page, e.g. 'translation_of: about'"
        return "write one or two sentences"

    return fix


def _slug(doc: Document) -> str:
    return slugify(doc.path.stem, max_length=80) or "about"


def check_page(doc: Document) -> list[Problem]:
    """Every problem of one page taken alone."""
    if "event_type" in doc.meta:
        return [
            Problem(
                doc.path,
                1,
                "file",
                "is a case, but site pages are read from here",
                f"move it to content/cases/{doc.path.name}",
            )
        ]
    problems = [
        Problem(doc.path, f.line, field_name(f.path), f.message, f.fix) for f in doc.findings
    ]
    problems += schema_problems(doc, page_schema(), _fix_for(doc), UNKNOWN_FIX)
    for name in ("title", "summary"):
        value = doc.meta.get(name)
        problem = characters.problem_in(value) if isinstance(value, str) else None
        if problem:
            problems.append(Problem(doc.path, doc.line_of((name,)), name, problem, characters.FIX))
        if isinstance(value, str) and (
            characters.RAW_HTML.search(value) or characters.ENTITY.search(value)
        ):
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of((name,)),
                    name,
                    "contains HTML (a tag or an entity)",
                    "write plain text, each character itself",
                )
            )
        if (name,) in doc.commented:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of((name,)),
                    name,
                    f"the text after ' #' is read as a comment and dropped (only "
                    f"{doc.plain[(name,)]!r} is kept)",
                    "put the whole value in quotes",
                )
            )
    problems += [
        Problem(doc.path, doc.body_line + offset, "text", message, fix)
        for offset, message, fix in links.body_problems(doc.body, doc.path)
    ]
    return problems


def check_pages(docs: Iterable[Document]) -> list[Problem]:
    """Problems of each page and between pages: one slug per language, real originals."""
    docs = list(docs)
    problems = [p for doc in docs for p in check_page(doc)]
    seen: dict[tuple, Document] = {}
    for doc in docs:
        slug, lang = doc.meta.get("slug"), doc.meta.get("lang")
        if not isinstance(slug, str):
            continue
        if (slug, lang) in seen:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(("slug",)),
                    "slug",
                    f"'{slug}' is already the address of {seen[(slug, lang)].path}",
                    "choose another slug",
                )
            )
        else:
            seen[(slug, lang)] = doc
    slugs = {
        doc.meta["slug"]: doc
        for doc in docs
        if isinstance(doc.meta.get("slug"), str) and not doc.meta.get("translation_of")
    }
    for doc in docs:
        original = doc.meta.get("translation_of")
        if isinstance(original, str) and original not in slugs:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(("translation_of",)),
                    "translation_of",
                    f"no original page has the slug '{original}'",
                    f"write one of {', '.join(sorted(slugs))}",
                )
            )
    return problems
