"""The case generator: reads and validates the cases, then writes every page built from them."""

from __future__ import annotations

import sys
from pathlib import Path

from pelican.generators import Generator

from casebook import vocabulary
from casebook.schema import case_schema
from casebook.validate import check_files
from plugins.tracker import chart, citation, feeds, i18n, opendata, sitemap, structured_data
from plugins.tracker.catalogue import FACETS, Catalogue
from plugins.tracker.contents import Case


class InvalidContent(Exception):
    """Raised when case files do not validate: the site is not built from bad data."""


class CaseGenerator(Generator):
    """Turns content/cases/**/*.md into case pages, timelines, facets and brand pages."""

    def generate_context(self):
        self.vocab = vocabulary.load(Path(self.settings["VOCABULARY_PATH"]))
        # Sorted: the file system's order differs between machines, the output must not.
        sources = sorted(self.get_files(self.settings["CASE_PATHS"], extensions=("md",)))
        _, problems = check_files([Path(self.path) / p for p in sources], self.vocab)
        if problems:
            # Printed, not logged: Pelican's --fatal errors would stop at the first line.
            for problem in problems:
                print(problem, file=sys.stderr)
            raise InvalidContent(
                f"{len(problems)} problem(s) in the case files, listed above; fix them and rebuild"
            )
        cases = [
            self.readers.read_file(self.path, p, content_class=Case, fmt="md", context=self.context)
            for p in sources
        ]
        for case in cases:  # so that {filename}/cases/ID.md links resolve to the case's URL
            self.add_source_path(case)
        self.languages = list(self.settings["TRACKER_LANGUAGES"])
        self.catalogue = Catalogue(cases, self.vocab, self.languages)
        self.cases = cases
        self.context["cases"] = cases
        self.context["catalogue"] = self.catalogue
        self.context["vocab"] = self.vocab

    # -- helpers for templates -------------------------------------------------------------

    def prefix(self, lang: str) -> str:
        """URL prefix of an interface language ('' for the default, 'fr/' for French)."""
        return "" if lang == self.settings["DEFAULT_LANG"] else f"{lang}/"

    def page_context(self, lang: str, **extra) -> dict:
        strings = i18n.strings()
        return {
            "page_lang": lang,
            "ui": strings[lang],
            "ui_prefix": self.prefix(lang),
            "vocab": self.vocab,
            "label": lambda name, key: self.vocab.label(name, key, lang),
            "human_date": lambda value: i18n.human_date(value, lang),
            "since_date": lambda value: i18n.since_date(value, lang),
            "case_count": lambda count: i18n.case_count(count, lang),
            "catalogue": self.catalogue,
            "languages": self.languages,
            "facet_names": list(FACETS),
            **extra,
        }

    def write(self, writer, save_as: str, template: str, lang: str, alternates=None, **extra):
        """Render one page; `alternates` maps language -> URL of the same page in it."""
        url = save_as.removesuffix("index.html")
        if alternates is None:
            alternates = {
                other: self.prefix(other) + url[len(self.prefix(lang)) :]
                for other in self.languages
            }
        context = self.page_context(lang, page_url=url, alternates=alternates, **extra)
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            # 404.html is served at any depth: its links must not be relative.
            relative_urls=self.settings["RELATIVE_URLS"] and save_as != "404.html",
            **context,
        )
        self.context.setdefault("tracker_pages", []).append(
            {"url": url, "lang": lang, "alternates": alternates}
        )

    # -- output ------------------------------------------------------------------------------

    def generate_output(self, writer):
        for case in self.cases:
            older, newer = self.catalogue.neighbours(case)
            alternates = {case.lang: case.url, **{t.lang: t.url for t in case.translations}}
            self.write(
                writer,
                case.save_as,
                "case",
                case.lang,
                alternates=alternates,
                case=case,
                older=older,
                newer=newer,
                related=self.catalogue.related(case),
                **self.case_extras(case),
            )
        for lang in self.languages:
            self.write_listings(writer, lang)
        base_url = self.settings["CANONICAL_SITEURL"]
        output = Path(self.output_path)
        opendata.write(output / "data", self.cases, self.vocab, base_url)
        feed_context = {**self.context, "SITEURL": base_url, "FEED_DOMAIN": base_url}
        for lang in self.languages:
            feeds.write(
                writer,
                feed_context,
                self.catalogue,
                lang,
                self.prefix(lang),
                self.settings["SITENAME"],
                i18n.strings()[lang],
            )
        sitemap.write(output, self.sitemap_pages(), base_url)

    def sitemap_pages(self) -> list[dict]:
        """Every HTML page written, with its translations, plus the site pages."""
        updated = {case.url: case.case["updated"] for case in self.cases}
        pages = [
            {**page, "lastmod": updated[page["url"]]} if page["url"] in updated else page
            for page in self.context.get("tracker_pages", [])
        ]
        for page in self.context.get("pages", []):
            for version in [page, *page.translations]:
                alternates = {p.lang: p.url for p in [page, *page.translations]}
                pages.append({"url": version.url, "lang": version.lang, "alternates": alternates})
        return pages

    def case_extras(self, case: Case) -> dict:
        record, site = case.case, self.settings["SITENAME"]
        permalink = self.settings["CANONICAL_SITEURL"] + "/" + case.url
        return {
            "sources": citation.sources(record),
            "industries": self.vocab.industries_of(record.get("brands", [])),
            "citation": citation.citation(record, site, permalink),
            "bibtex": citation.bibtex(record, site, permalink),
            "jsonld": structured_data.case_jsonld(record, self.vocab, permalink, site),
        }

    def write_listings(self, writer, lang: str):
        prefix = self.prefix(lang)
        entries = self.catalogue.entries(lang)
        facets = self.catalogue.facets(lang)
        self.write(
            writer,
            f"{prefix}index.html",
            "index",
            lang,
            latest=entries[: self.settings["HOME_LATEST"]],
            total=len(entries),
            chart_years=chart.bar_chart(
                [(year, len(e)) for year, e in reversed(list(facets["years"].items()))],
                i18n.strings()[lang]["chart_years_title"],
            ),
            chart_types=chart.bar_chart(
                [
                    (self.vocab.label("event_types", k, lang), len(e))
                    for k, e in facets["event-types"].items()
                ],
                i18n.strings()[lang]["chart_types_title"],
                horizontal=True,
            ),
        )
        pages = self.catalogue.timeline_pages(lang, self.settings["TIMELINE_PAGE_SIZE"])
        for number, years in enumerate(pages, start=1):
            save_as = f"{prefix}timeline/" + (f"page/{number}/" if number > 1 else "")
            self.write(
                writer,
                save_as + "index.html",
                "timeline",
                lang,
                years=years,
                page_number=number,
                page_count=len(pages),
                facets=facets,
                page_urls=[
                    f"{prefix}timeline/" + (f"page/{n}/" if n > 1 else "")
                    for n in range(1, len(pages) + 1)
                ],
            )
        for facet, values in facets.items():
            self.write(
                writer, f"{prefix}{facet}/index.html", "facets", lang, facet=facet, values=values
            )
            for key, facet_entries in values.items():
                extra = {}
                if facet == "brands":
                    extra["channel_states"] = self.catalogue.channel_states(key, facet_entries)
                    extra["brand"] = self.vocab["brands"].get(key, {})
                self.write(
                    writer,
                    f"{prefix}{facet}/{key}/index.html",
                    "brand" if facet == "brands" else "facet",
                    lang,
                    facet=facet,
                    key=key,
                    years=self.catalogue.by_year(facet_entries),
                    count=len(facet_entries),
                    **extra,
                )
        self.write(writer, f"{prefix}search/index.html", "search", lang, facets=facets)
        self.write(writer, f"{prefix}data/index.html", "data", lang, schema=case_schema())
        if not prefix:
            self.write(writer, "404.html", "404", lang, alternates={})


def get_generators(pelican):
    return CaseGenerator
