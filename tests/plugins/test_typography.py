"""French spacing on rendered pages: in the text, never in tags, URLs, code or English."""

from __future__ import annotations

from plugins.tracker.typography import NNBSP, for_page, french, french_text


def test_narrow_space_before_high_punctuation_and_inside_guillemets():
    assert french_text("Lien permanent : ici") == f"Lien permanent{NNBSP}: ici"
    assert french_text("Prêt à coller ; le lien") == f"Prêt à coller{NNBSP}; le lien"
    assert french_text("Vraiment?") == f"Vraiment{NNBSP}?"
    assert french_text("Enfin !") == f"Enfin{NNBSP}!"
    assert french_text("« Air France »") == f"«{NNBSP}Air France{NNBSP}»"
    assert french_text("Quoi ?!") == f"Quoi{NNBSP}?!"


def test_urls_times_and_entities_are_left_alone():
    assert french_text("https://example.org/?q=1") == "https://example.org/?q=1"
    assert french_text("10:30") == "10:30"
    assert french_text("AT&amp;T !") == f"AT&amp;T{NNBSP}!"
    assert french_text("&quot;x&quot;") == "&quot;x&quot;"


def test_only_text_is_touched():
    html = (
        '<p title="Note : a">Note : <a href="https://x.example/?a=b">lien !</a></p>'
        "<pre>code : x</pre><code>a ; b</code>"
        '<script type="application/ld+json">{"a": "b : c"}</script>'
        '<span lang="en">Why ?</span><span>Pourquoi ?</span>'
    )
    assert french(html) == (
        f'<p title="Note : a">Note{NNBSP}: <a href="https://x.example/?a=b">lien{NNBSP}!</a></p>'
        "<pre>code : x</pre><code>a ; b</code>"
        '<script type="application/ld+json">{"a": "b : c"}</script>'
        f'<span lang="en">Why ?</span><span>Pourquoi{NNBSP}?</span>'
    )


def test_applied_by_the_page_language_and_idempotent():
    fr = '<!doctype html><html lang="fr"><body><p>Canaux : oui</p></body></html>'
    en = '<!doctype html><html lang="en"><body><p>Channels : yes</p></body></html>'
    assert f"Canaux{NNBSP}: oui" in for_page(fr)
    assert for_page(for_page(fr)) == for_page(fr)
    assert for_page(en) == en


def test_plain_text_keeps_its_ampersands():
    from plugins.tracker.typography import for_text

    assert for_text("A & B : « c »", "fr") == f"A & B{NNBSP}: «{NNBSP}c{NNBSP}»"
    assert for_text("A & B : c", "en") == "A & B : c"
