"""French pages read as French: site name, citation, typography, language names."""

from __future__ import annotations

from tests.site.sitelib import case, file_of, page

AF_FR = case("air-france-arrete-les-dm-fixture")
NNBSP = "\u202f"


def test_french_case_page_has_a_french_citation_and_bibtex(site):
    doc = page(site, AF_FR.url)
    assert doc.select_one("a.site-name").get_text() == "Suivi des plaintes et des canaux de service"
    cite = doc.select_one("pre.citation").get_text()
    assert cite.startswith("Suivi des plaintes et des canaux de service. «" + NNBSP)
    assert f"{NNBSP}», cas {AF_FR.id}, dernière mise à jour le" in cite
    bibtex = doc.select_one("pre.bibtex").get_text()
    assert f"note         = {{Cas {AF_FR.id}, dernière mise à jour le" in bibtex
    assert "Contributeurs et contributrices de" in bibtex


def test_french_typography_in_text_never_in_attributes(site):
    html = file_of(site, AF_FR.url).read_text(encoding="utf-8")
    doc = page(site, AF_FR.url)
    assert f"Lien permanent{NNBSP}:" in doc.select_one("section.cite p").get_text()
    assert f"Prêt à coller{NNBSP};" in html
    for tag in doc.find_all(True):
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            assert all(NNBSP not in v for v in values), (tag.name, name)
    english = file_of(site, case("air-france-stops-dm-support-fixture").url)
    assert NNBSP not in english.read_text(encoding="utf-8")


def test_french_pages_name_languages_and_mark_english_cases(site):
    doc = page(site, AF_FR.url)
    assert [s.get_text() for s in doc.select(".source-lang")] == ["(anglais)"]
    timeline = page(site, "/fr/timeline/")
    marks = {m.get_text() for m in timeline.select(".lang-mark")}
    assert marks == {"(en anglais)"}
