"""The case generator: reads, checks and caches the cases, then writes every page built from them.

It follows Pelican's own ArticlesGenerator: a CachingGenerator that reads each file once
through Pelican's readers (with the shared context, so `{filename}` links resolve), keeps
the result in the content cache, registers every source, and sends signals of its own
(`plugins.tracker.case_signals`). Every file goes through Pelican's writer, or is announced
with `content_written` when it is data rather than a rendered template.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import sys
from functools import partial
from pathlib import Path

from pelican.cache import FileStampDataCacher
from pelican.generators import CachingGenerator
from pelican.plugins import signals as pelican_signals
from pelican.readers import Readers

from casebook.schema import case_schema
from casebook.validate import check_collection
from plugins.tracker import (
    case_signals,
    chart,
    citation,
    feeds,
    i18n,
    inputs,
    opendata,
    search_index,
    share_image,
    structured_data,
    typography,
)
from plugins.tracker.catalogue import FACETS, Catalogue
from plugins.tracker.contents import Case
from plugins.tracker.incremental import (
    EntryCache,
    Manifest,
    fingerprint,
    forget_build,
    last_build_links,
    record_build,
    write_if_changed,
)
from plugins.tracker.reader import InvalidCase


class InvalidContent(SystemExit):
    """The case files do not validate: the build stops with exit code 1 and no traceback.

    The problems are printed first, one validator line each; bad content is the
    contributor's to fix, not a crash of the build.
    """

    def __init__(self, message: str):
        print(message, file=sys.stderr)
        super().__init__(1)


class CaseGenerator(CachingGenerator):
    """Turns content/cases/**/*.md into case pages, timelines, facets and brand pages."""

    def __init__(self, *args, **kwargs):
        self.cases: list[Case] = []  # what this build shows (drafts only in a preview)
        self.drafts: list[Case] = []  # every draft read, shown or not
        self.pages_written: list[dict] = []
        self.deferred: list | None = None  # pages planned, rendered later (see render_deferred)
        self.build_stamp: str | None = None  # development builds: see skip_unchanged_build
        self.nothing_changed = False
        super().__init__(*args, **kwargs)
        settings = self.settings
        # Cases are cached whole at this level, whatever CONTENT_CACHING_LAYER says for
        # Pelican's pages; the cache's name changes with the code and vocabularies that
        # checked them and with the content folder, so a stale check is never reused.
        stamp = hashlib.sha1(
            f"{inputs.reader_stamp(settings)}:{Path(self.path).resolve()}".encode()
        ).hexdigest()[:16]
        self.cache_prefix = "CaseGenerator-"
        self.cache_name = self.cache_prefix + stamp
        # loaded by load_cache, only when the build reads the cases (skip_unchanged_build)
        FileStampDataCacher.__init__(self, settings, self.cache_name, False, False)
        # Its readers do not cache again what the generator caches.
        self.readers = Readers(
            {
                **settings,
                "CACHE_CONTENT": False,
                "LOAD_CONTENT_CACHE": False,
                "TRACKER_CACHE_VOCABULARY": settings["CACHE_CONTENT"],
            }
        )
        case_signals.case_generator_init.send(self)

    # -- reading -------------------------------------------------------------------------------

    def skip_unchanged_build(self) -> bool:
        """True when the output folder already holds the build of exactly these inputs.

        A development build (content cache on) stamps its inputs first: code, templates,
        strings, vocabularies, settings, and the name, size and modification time of every
        content file (`inputs.build_stamp`). When the last complete build of the output
        folder had the same stamp and all its files are there, nothing is read, checked or
        rendered: the case files' link targets come from that build's record, and the case
        signals after `case_generator_init` are not sent (there is nothing new to see).
        """
        settings = self.settings
        if not (settings["CACHE_CONTENT"] and settings["LOAD_CONTENT_CACHE"]):
            return False
        self.build_stamp = inputs.build_stamp(settings, Path(self.path))
        links = last_build_links(Path(self.output_path), self.build_stamp)
        if links is None:
            return False
        self.context["generated_content"].update(links)
        return True

    def load_cache(self) -> None:
        """Load the cached cases (Pelican's content cache, this generator's own file)."""
        settings = self.settings
        FileStampDataCacher.__init__(
            self,
            settings,
            self.cache_name,
            settings["CACHE_CONTENT"],
            settings["LOAD_CONTENT_CACHE"],
        )

    def generate_context(self):
        if self.skip_unchanged_build():
            self.nothing_changed = True
            return
        self.load_cache()
        settle()  # the cached cases live as long as the build
        self.vocab = inputs.load_vocabulary(self.settings)
        problems, cases, documents, seen = [], [], [], []
        # Sorted: the file system's order differs between machines, the output must not.
        # Sorted by path parts, as the validator sorts its Paths (and quicker than Path).
        found = self.get_files(self.settings["CASE_PATHS"], extensions=("md",))
        files = sorted(found, key=lambda f: f.split(os.sep))
        cached = {f: self.get_cached_data(f, None) for f in files}
        fresh = self.read_cases([f for f in files if cached[f] is None])
        for f in files:
            case = cached[f]
            if case is None:
                case = fresh[f]
                if isinstance(case, InvalidCase):
                    problems += case.problems
                    documents += [case.document] if case.document else []
                    self._add_failed_source_path(f)
                    continue
                if case.problems:
                    problems += case.problems
                    documents.append(case.document)
                    self._add_failed_source_path(f)
                    continue
                if not case.is_valid():
                    self._add_failed_source_path(f)
                    continue
                self.cache_data(f, case)
            # a case from the cache or from another process has no context: give it this run's
            case._context = self.context
            seen.append(f)
            cases.append(case)
            documents.append(case.document)
        problems += check_collection(documents)
        problems += getattr(self.vocab, "problems", [])  # the vocabularies' own, where checked
        if problems:
            # Printed, not logged: Pelican's --fatal errors would stop at the first line.
            for problem in sorted(set(problems)):
                print(problem, file=sys.stderr)
            files = len({p.path for p in problems})
            raise InvalidContent(
                f"{len(set(problems))} problem(s) in {files} file(s), listed above; "
                "the site was not built: fix them and build again"
            )
        forgotten = self._keep_only(seen)  # always: other versions' caches go too
        if fresh or forgotten:
            self.save_cache()  # unchanged, the cache is not written again
        self.drafts = [c for c in cases if c.is_draft]
        show_drafts = self.settings["TRACKER_SHOW_DRAFTS"]
        self.cases = cases if show_drafts else [c for c in cases if not c.is_draft]
        for case in self.cases:  # a draft left out is no link target either
            self.add_source_path(case)
        self.languages = list(self.settings["TRACKER_LANGUAGES"])
        self.ui = i18n.strings(i18n.strings_path(self.settings))
        missing = [lang for lang in self.languages if lang not in self.ui]
        if missing:
            folder = i18n.strings_path(self.settings)
            raise InvalidContent(
                f"{folder}: TRACKER_LANGUAGES names {', '.join(missing)} but there is no "
                f"catalogue for it; add {folder}/{missing[0]}.yaml with every key of en.yaml"
            )
        self.catalogue = Catalogue(self.cases, self.vocab, self.languages)
        settle()  # so do the cases read and the catalogue
        self.context["cases"] = self.cases
        self.context["catalogue"] = self.catalogue
        self.context["vocab"] = self.vocab
        case_signals.case_generator_finalized.send(self)

    def read_case(self, f: str):
        """One case through Pelican's readers; an InvalidCase when it cannot be read."""
        try:
            return self.readers.read_file(
                base_path=self.path, path=f, content_class=Case, context=self.context
            )
        except InvalidCase as exc:
            return exc

    def read_cases(self, files: list[str]) -> dict:
        """file -> Case or InvalidCase; in TRACKER_PROCESSES processes when there are many.

        Reading (YAML, checks, Markdown) is most of a cold build and each file is
        independent: forked workers read slices of the sorted list and the results come
        back in that order, so the build is the same whatever the number of processes.
        """
        processes = process_count(self.settings)
        fork = "fork" in multiprocessing.get_all_start_methods()
        if processes < 2 or len(files) < self.settings["TRACKER_PARALLEL_FROM"] or not fork:
            return {f: self.read_case(f) for f in files}
        global _READING
        _READING = self
        try:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                results = pool.map(_read_in_worker, files, chunksize=max(1, len(files) // 16))
        finally:
            _READING = None
        return dict(zip(files, results, strict=True))

    def _keep_only(self, files: list[str]) -> bool:
        """Forget deleted files, and the caches of other code or vocabulary versions.

        True when something was forgotten.
        """
        if not self._cache_data_policy:
            return False
        before = len(self._cache)
        self._cache = {f: self._cache[f] for f in files if f in self._cache}
        inputs.remove_other_stamps(Path(self._cache_path), self.cache_prefix)
        return len(self._cache) != before

    # -- writing -------------------------------------------------------------------------------

    def prefix(self, lang: str) -> str:
        """URL prefix of an interface language ('' for the default, 'fr/' for French)."""
        return "" if lang == self.settings["DEFAULT_LANG"] else f"{lang}/"

    def write(
        self,
        writer,
        save_as,
        template,
        lang,
        alternates=None,
        depends_on=None,
        more=None,
        listed=True,
        **extra,
    ):
        """Render one page, unless the manifest shows it is already built from the same inputs.

        `alternates` maps language -> URL of the same page in it; `depends_on` is what the
        page shows (default: `extra`); `more()` adds values derived from it, computed only
        when the page is rendered.
        """
        url = save_as.removesuffix("index.html")
        if alternates is None:
            alternates = {
                other: self.prefix(other) + url[len(self.prefix(lang)) :]
                for other in self.languages
            }
        if listed:  # in the sitemap (a redirect page is not)
            self.pages_written.append({"url": url, "lang": lang, "alternates": alternates})
        inputs_ = extra if depends_on is None else depends_on
        if self.manifest.unchanged(save_as, template, lang, alternates, inputs_):
            return
        job = partial(self.render, writer, save_as, template, lang, url, alternates, more, extra)
        if self.deferred is not None:
            self.deferred.append(job)  # rendered by render_deferred, maybe in another process
        else:
            job()

    def render(self, writer, save_as, template, lang, url, alternates, more, extra) -> None:
        if more is not None:
            extra = {**extra, **more()}
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            # 404.html is served at any depth: its links must not be relative.
            relative_urls=self.settings["RELATIVE_URLS"] and save_as != "404.html",
            page_lang=lang,
            ui=self.ui[lang],
            SITENAME=self.ui[lang]["site_name"],
            ui_prefix=self.prefix(lang),
            languages=self.languages,
            facet_names=list(FACETS),
            page_url=url,
            alternates=alternates,
            **extra,
        )

    def write_data(self, save_as: str, build, *depends_on) -> None:
        """Write a data file (not a template) unless unchanged, and announce it."""
        if self.manifest.unchanged(save_as, "data", *depends_on):
            return
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(path, build())
        pelican_signals.content_written.send(str(path), context=self.context)

    def write_share_image(self, make_card) -> str | None:
        """The PNG of the card `make_card()` returns, in the output (drawn once per
        distinct card, kept in the cache folder); its path, recorded in the manifest so a
        card no page uses is removed.

        None when TRACKER_SHARE_IMAGES is off: a local preview unfurls nowhere, and drawing
        a card costs more than rendering its page (about 17 ms), so only published builds
        draw them.
        """
        if not self.settings.get("TRACKER_SHARE_IMAGES", True):
            return None
        card = make_card()
        relative = share_image.save_as(card)
        if not self.manifest.unchanged(relative, "share-image", card.digest):
            cache = Path(self.settings.get("CACHE_PATH") or "cache")
            share_image.write(card, Path(self.output_path), cache)
        return relative

    def case_card(self, case: Case) -> share_image.Card:
        """A case's share image, in its own language: event type, title, brands, date."""
        record, lang = case.case, case.lang
        where = [self.vocab.label("brands", b, lang) for b in record.get("brands", [])]
        terms = [
            self.vocab.label(name, record[field], lang)
            for name, field in (("platforms", "platform"), ("channels", "channel"))
            if record.get(field)
        ]
        return share_image.Card(
            self.vocab.label("event_types", record["event_type"], lang),
            case.title,
            (" · ".join([", ".join(where), *terms]), i18n.human_date(record["date"], lang)),
            self.ui[lang]["site_name"],
        )

    def brand_card(self, key: str, count: int, lang: str) -> share_image.Card:
        """A brand page's share image: its name, industry and country, its number of cases."""
        brand = self.vocab["brands"].get(key, {})
        facts = [self.vocab.label("industries", brand["industry"], lang)] if brand else []
        if brand.get("country"):
            facts.append(i18n.country_name(brand["country"], lang))
        return share_image.Card(
            self.ui[lang]["brand"],
            self.vocab.label("brands", key, lang),
            (" · ".join(facts), i18n.case_count(count, lang, self.ui[lang])),
            self.ui[lang]["site_name"],
        )

    def generate_output(self, writer):
        if self.nothing_changed:
            print("Cases: nothing changed since the last build of this folder; no page rendered")
            return
        settings = self.settings
        forget_build(Path(self.output_path))  # until this build is complete
        self.manifest = Manifest(
            Path(self.output_path),
            inputs.output_stamp(settings),
            save=settings["CACHE_CONTENT"],
            load=settings["LOAD_CONTENT_CACHE"],
        )
        # listing entries, rendered once per build and kept for the next development build
        entries = EntryCache(
            settings.get("CACHE_PATH") if settings["CACHE_CONTENT"] else None,
            self.manifest.stamp,
            load=settings["LOAD_CONTENT_CACHE"],
        )
        self.context["listing_cache"] = entries
        base_url = settings["CANONICAL_SITEURL"]
        self.deferred = []
        self.search_keys: dict[str, str] = {}
        for case in self.cases:
            self.write_case(writer, case)
        # the feeds go with the case pages: with a second process, the two halves of the
        # work (case pages and feeds there, listings and data here) take about as long
        feed_context = {**self.context, "SITEURL": base_url, "FEED_DOMAIN": base_url}
        for lang in self.languages:
            feeds.write(
                writer,
                self.manifest,
                feed_context,
                self.catalogue,
                lang,
                self.prefix(lang),
                self.ui[lang]["site_name"],
                self.ui[lang],
                defer=self.deferred.append,
            )
        jobs, self.deferred = self.deferred, None
        waiting = self.render_deferred(jobs)
        for lang in self.languages:
            self.write_listings(writer, lang)
        ordered = sorted(self.cases, key=lambda c: c.sort_key)
        board = self.catalogue.board(settings["DEFAULT_LANG"])
        data_files = opendata.files(ordered, self.vocab, base_url, board)
        dataset = fingerprint(base_url, ordered, board)  # once, not once per data file
        for name, build in data_files.items():
            depends = [] if name in opendata.STATIC_FILES else [dataset]
            self.write_data(f"data/{name}", build, *depends)
        for lang in self.languages:
            self.write_data_page(writer, lang, list(data_files), board)
        self.write_sitemap(writer, base_url)
        if waiting is not None:
            waiting()
        if settings["CACHE_CONTENT"]:
            keys = json.dumps(dict(sorted(self.search_keys.items())), indent=0)
            write_if_changed(Path(self.output_path) / search_index.SEARCH_KEYS, keys + "\n")
        entries.save(
            {e.fingerprint for lang in self.languages for e in self.catalogue.entries(lang)}
        )
        removed = self.manifest.finish()
        if self.build_stamp is not None:
            links = {c.get_relative_source_path(): c.url for c in self.cases}
            record_build(Path(self.output_path), self.build_stamp, links)
        rendered = len(self.manifest.current) - self.manifest.skipped
        shown_drafts = sum(c.is_draft for c in self.cases)
        print(
            f"Cases: {len(self.cases)} shown ({shown_drafts} drafts, "
            f"{len(self.drafts) - shown_drafts} left out); pages and files: {rendered} rendered, "
            f"{self.manifest.skipped} unchanged, {len(removed)} removed; "
            f"listing entries: {entries.rendered} rendered"
        )
        case_signals.case_writer_finalized.send(self, writer=writer)
        gc.unfreeze()  # built: the collector may have it all back (Pelican run in a process)

    def render_deferred(self, jobs: list):
        """Render case pages and feeds (`jobs`, planned in this process): here, or in forked
        workers while this process goes on with the listings and data files; returns the
        function that waits for the workers (None if none).

        Workers take the jobs a slice at a time from a shared counter; this process, done
        with its own work, takes what is left the same way, so no core sits idle while the
        other finishes. Each file is rendered alone from the same data, so the files are the
        same whatever the number of processes. Pelican's `content_written` is sent where the
        page is written.
        """
        workers = process_count(self.settings) - 1
        fork = "fork" in multiprocessing.get_all_start_methods()
        if workers < 1 or len(jobs) < self.settings["TRACKER_PARALLEL_FROM"] or not fork:
            for job in jobs:
                job()
            return None
        global _RENDERING
        forking = multiprocessing.get_context("fork")
        _RENDERING = (jobs, forking.Value("i", 0))
        settle()  # and the jobs: workers share them untouched
        processes = [forking.Process(target=_render_slices) for _ in range(workers)]
        for process in processes:
            process.start()

        def finish():
            global _RENDERING
            try:
                _render_slices()
                for process in processes:
                    process.join()
                failed = [p.exitcode for p in processes if p.exitcode]
                if failed:
                    raise RuntimeError(
                        f"a process rendering case pages failed (exit code {failed[0]}); "
                        "its error is printed above"
                    )
            finally:
                _RENDERING = None

        return finish

    def write_case(self, writer, case: Case) -> None:
        older, newer = self.catalogue.neighbours(case)
        alternates = {case.lang: case.url, **{t.lang: t.url for t in case.translations}}
        related = self.catalogue.related(case)
        self.write(
            writer,
            case.save_as,
            "case",
            case.lang,
            alternates=alternates,
            depends_on=case_page_inputs(case, older, newer, related),
            more=lambda: self.case_extras(case),
            share_image=self.write_share_image(lambda: self.case_card(case)),
            case=case,
            older=older,
            newer=newer,
            related=related,
        )
        self.write_redirects(writer, case)
        # What the search index reads of the page: the case itself (its neighbours' and
        # related cases' titles on the page are not indexed), under the output stamp.
        self.search_keys[case.save_as] = fingerprint(
            self.manifest.stamp, case.source_digest, case.status
        )

    def write_redirects(self, writer, case: Case) -> None:
        """A page at each former id's URL (in the case's own URL scheme) that sends to the case."""
        key = "CASE_SAVE_AS" if case.lang == self.settings["DEFAULT_LANG"] else "CASE_LANG_SAVE_AS"
        for alias in case.case.get("aliases", []):
            save_as = self.settings[key].format(**{**case.url_format, "slug": alias})
            self.write(
                writer,
                save_as,
                "redirect",
                case.lang,
                alternates={},
                listed=False,
                target_url=case.url,
                target_title=case.title,
                former_id=alias,
            )

    def case_file(self, case: Case) -> str:
        """The case file's path in the project's repository."""
        inside = Path(os.path.relpath(case.source_path, self.path)).as_posix()
        return f"{self.settings['TRACKER_CONTENT_IN_REPOSITORY']}/{inside}".lstrip("/")

    def case_extras(self, case: Case) -> dict:
        ui = self.ui[case.lang]
        record, site, settings = case.case, ui["site_name"], self.settings
        permalink = settings["CANONICAL_SITEURL"] + "/" + case.url
        links = citation.links(
            settings.get("REPOSITORY_URL", ""),
            settings.get("TRACKER_REVISION"),
            self.case_file(case),
            record,
        )
        pinned = links.get("revision_url", "")
        return {
            "sources": citation.sources(record),
            "industries": self.vocab.industries_of(record.get("brands", [])),
            "repository_links": links,
            # a citation is text to paste: it carries its language's typography
            "citation": typography.for_text(
                citation.citation(record, site, permalink, ui, pinned), case.lang
            ),
            "bibtex": citation.bibtex(
                record, site, permalink, ui, links.get("revision", ""), pinned
            ),
            "jsonld": structured_data.case_jsonld(record, self.vocab, permalink, site),
        }

    def facet_extras(self, facet: str, key: str, entries: list) -> dict:
        """What a facet or brand page derives from its entries, worked out when it is rendered."""
        extras = {"years": self.catalogue.by_year(entries)}
        if facet == "brands":
            extras["channel_states"] = self.catalogue.channel_states(key, entries)
        return extras

    def write_data_page(self, writer, lang: str, names: list[str], board) -> None:
        """/data/: what the data set holds, as of which commit, and every column documented."""
        folder = Path(self.output_path) / "data"
        sizes = {name: (folder / name).stat().st_size for name in names}
        schema = case_schema()
        self.write(
            writer,
            f"{self.prefix(lang)}data/index.html",
            "data",
            lang,
            schema=schema,
            sizes=sizes,
            counts={
                "cases": len(self.cases),
                "sources": sum(len(c.case["sources"]) for c in self.cases),
                "brands": len({b for c in self.cases for b in c.case.get("brands", [])}),
                "board": sum(len(row.cells) for row in board[1]),
            },
            revision=self.settings.get("TRACKER_REVISION") or "",
            revision_date=self.settings.get("TRACKER_REVISION_DATE") or "",
            columns=opendata.column_docs(schema),
        )

    def write_sitemap(self, writer, base_url: str) -> None:
        """sitemap.xml (every page and its translations) and robots.txt, from templates."""
        updated = {case.url: case.case["updated"] for case in self.cases}
        pages, seen = [], set()
        for page in self.pages_written:
            if page["url"] in seen or page["url"].endswith(".html"):
                continue
            seen.add(page["url"])
            pages.append({**page, "lastmod": updated.get(page["url"])})
        for page in self.context.get("pages", []):
            versions = [page, *page.translations]
            alternates = {p.lang: p.url for p in versions}
            for version in versions:
                if version.url not in seen:
                    seen.add(version.url)
                    pages.append(
                        {"url": version.url, "lang": version.lang, "alternates": alternates}
                    )
        for save_as, template, values in (
            ("sitemap.xml", "sitemap.xml", {"pages": pages}),
            ("robots.txt", "robots.txt", {}),
        ):
            # plain strings all the way down: their JSON text is the quickest fingerprint
            if self.manifest.unchanged(save_as, template, base_url, json.dumps(values)):
                continue
            writer.write_file(
                save_as,
                self.env.get_template(template),
                self.context,
                relative_urls=False,
                base_url=base_url,
                **values,
            )

    def write_listings(self, writer, lang: str):
        prefix = self.prefix(lang)
        ui = self.ui[lang]
        entries = self.catalogue.entries(lang)
        facets = self.catalogue.facets(lang)
        filters = {facet: list(values) for facet, values in facets.items()}
        filters["statuses"] = self.catalogue.statuses(lang)
        self.write(
            writer,
            f"{prefix}index.html",
            "index",
            lang,
            latest=entries[: self.settings["HOME_LATEST"]],
            total=len(entries),
            chart_years=chart.bar_chart(
                chart.every_year({year: len(e) for year, e in facets["years"].items()}),
                ui["chart_years_title"],
            ),
            chart_types=chart.bar_chart(
                [
                    (self.vocab.label("event_types", k, lang), len(e))
                    for k, e in facets["event-types"].items()
                ],
                ui["chart_types_title"],
                horizontal=True,
            ),
        )
        pages = self.catalogue.timeline_pages(lang, self.settings["TIMELINE_PAGE_SIZE"])
        page_urls = [
            f"{prefix}timeline/" + (f"page/{n}/" if n > 1 else "") for n in range(1, len(pages) + 1)
        ]
        for number, years in enumerate(pages, start=1):
            self.write(
                writer,
                page_urls[number - 1] + "index.html",
                "timeline",
                lang,
                years=years,
                page_number=number,
                page_count=len(pages),
                filters=filters,
                page_urls=page_urls,
            )
        for facet, values in facets.items():
            counts = {key: len(facet_entries) for key, facet_entries in values.items()}
            self.write(
                writer, f"{prefix}{facet}/index.html", "facets", lang, facet=facet, counts=counts
            )
            for key, facet_entries in values.items():
                extra = {"facet": facet, "key": key, "count": len(facet_entries)}
                if facet == "brands":
                    extra["brand"] = self.vocab["brands"].get(key, {})
                    count = len(facet_entries)
                    extra["share_image"] = self.write_share_image(
                        lambda k=key, n=count: self.brand_card(k, n, lang)
                    )
                self.write(
                    writer,
                    f"{prefix}{facet}/{key}/index.html",
                    "brand" if facet == "brands" else "facet",
                    lang,
                    # the page shows its entries; years and channel states follow from them
                    depends_on=[extra, facet_entries],
                    more=lambda f=facet, k=key, e=facet_entries: self.facet_extras(f, k, e),
                    **extra,
                )
        columns, rows = self.catalogue.board(lang)
        self.write(
            writer,
            f"{prefix}channels/board/index.html",
            "board",
            lang,
            columns=columns,
            rows=rows,
            industries=sorted({r.industry for r in rows if r.industry}),
            platforms=sorted({p for p, _ in columns if p}),
        )
        self.write(writer, f"{prefix}search/index.html", "search", lang)
        if not prefix:
            self.write(writer, "404.html", "404", lang, alternates={})


def settle() -> None:
    """Take every object alive now out of the garbage collector's scans (`gc.freeze`).

    A build keeps its cases, catalogue and planned pages until it ends; scanning them again
    and again for reference cycles took a fifth of a one-edit build of 10,000 cases. Frozen
    objects are also left untouched by the collector in forked workers, so the memory pages
    they share with the parent stay shared. The build unfreezes them when it is done.
    """
    gc.freeze()


def process_count(settings: dict) -> int:
    """TRACKER_PROCESSES, or one per CPU this process may use, at most two."""
    if settings.get("TRACKER_PROCESSES"):
        return int(settings["TRACKER_PROCESSES"])
    usable = (
        os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    )
    return max(1, min(2, len(usable)))


_READING: CaseGenerator | None = None  # the generator whose files a forked worker reads


def _read_in_worker(f: str):
    return _READING.read_case(f)


def case_page_inputs(case: Case, older, newer, related) -> str:
    """What a case page shows, as one string (ten thousand of them on a no-change build)."""
    parts = [f"{case.source_digest}:{case.status}"]
    parts += [entry.fingerprint if entry else "-" for entry in (older, newer)]
    parts += [entry.fingerprint for entry in related]
    parts += [f"{t.url}:{t.lang}" for t in case.translations]
    return "|".join(parts)


_RENDERING: tuple | None = None  # (jobs, index of the next slice) shared with forked workers
_SLICE = 40  # jobs taken at a time: small enough that both processes finish together


def _render_slices() -> None:
    """Render slices of the deferred jobs until none is left (in a worker, or the parent)."""
    jobs, taken = _RENDERING
    while True:
        with taken.get_lock():
            start = taken.value * _SLICE
            taken.value += 1
        if start >= len(jobs):
            return
        for job in jobs[start : start + _SLICE]:
            job()


def get_generators(pelican):
    return CaseGenerator
