"""Other plugins can see cases: the case generator's own signals, and Pelican's."""

from __future__ import annotations

import gc

from pelican import Pelican
from pelican.plugins import signals as pelican_signals
from pelican.settings import read_settings

from plugins.tracker import case_signals
from tests.site.sitelib import FIXTURE_CONTENT, ROOT, fixture_cases


def test_signals_carry_the_cases_and_every_written_file(tmp_path):
    seen: dict[str, list] = {"init": [], "finalized": [], "written": [], "files": []}

    def on_init(generator):
        seen["init"].append(len(generator.cases))

    def on_finalized(generator):
        seen["finalized"].append(sorted(c.case_id for c in generator.cases))

    def on_written(generator, writer):
        seen["written"].append(writer)

    def on_file(path, context):
        seen["files"].append(path)

    case_signals.case_generator_init.connect(on_init)
    case_signals.case_generator_finalized.connect(on_finalized)
    case_signals.case_writer_finalized.connect(on_written)
    pelican_signals.content_written.connect(on_file)
    try:
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={
                "PATH": str(FIXTURE_CONTENT),
                "OUTPUT_PATH": str(tmp_path / "output"),
                "CACHE_PATH": str(tmp_path / "cache"),
            },
        )
        Pelican(settings).run()
    finally:
        case_signals.case_generator_init.disconnect(on_init)
        case_signals.case_generator_finalized.disconnect(on_finalized)
        case_signals.case_writer_finalized.disconnect(on_written)
        pelican_signals.content_written.disconnect(on_file)

    assert gc.get_freeze_count() == 0  # what the build froze is the collector's again
    assert seen["init"] == [0]  # sent before anything is read
    assert seen["finalized"] == [sorted(c.id for c in fixture_cases())]
    assert len(seen["written"]) == 1
    written = {str(p) for p in seen["files"]}
    output = tmp_path / "output"
    for name in ("cases/delta-reply-pledge-fixture/index.html", "sitemap.xml", "data/cases.json"):
        assert str(output / name) in written, name
