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


def test_nested_languages_and_nested_elements_of_one_name():
    html = (
        '<div lang="en">Why ? <div>Still English : yes</div> and here ?'
        '<span lang="fr">Mais ici : oui</span> back ?</div>Et là ?'
    )
    assert french(html) == (
        '<div lang="en">Why ? <div>Still English : yes</div> and here ?'
        f'<span lang="fr">Mais ici{NNBSP}: oui</span> back ?</div>Et là{NNBSP}?'
    )


def test_skipped_elements_inside_french_text_and_uppercase_tags():
    html = "<p>Code : <CODE>a ; b</CODE> fin !</p><PRE lang='fr'>x : y</PRE><kbd>Ctrl : C</kbd>"
    assert french(html) == (
        f"<p>Code{NNBSP}: <CODE>a ; b</CODE> fin{NNBSP}!</p><PRE lang='fr'>x : y</PRE>"
        "<kbd>Ctrl : C</kbd>"
    )


def test_attributes_with_colons_and_marks_are_never_touched():
    html = (
        '<a href="https://x.example/a?b=c;d" title="Titre : « x » ?" style="color: red;">'
        "Voir : ici</a>"
        '<img alt="Légende : photo !" src="/a.png"><br/>Après !'
        '<span title="a > b : c">Texte ?</span>'
    )
    assert french(html) == (
        '<a href="https://x.example/a?b=c;d" title="Titre : « x » ?" style="color: red;">'
        f"Voir{NNBSP}: ici</a>"
        f'<img alt="Légende : photo !" src="/a.png"><br/>Après{NNBSP}!'
        f'<span title="a > b : c">Texte{NNBSP}?</span>'
    )


def test_urls_in_text_and_entities_next_to_marks():
    assert french_text("Voir https://example.org/a:b?c=d !") == (
        f"Voir https://example.org/a:b?c=d{NNBSP}!"
    )
    assert french_text("Il a dit &laquo;oui&raquo; : d&#39;accord ?") == (
        f"Il a dit &laquo;oui&raquo;{NNBSP}: d&#39;accord{NNBSP}?"
    )
    assert french_text("&lt;b&gt;;") == f"&lt;b&gt;{NNBSP};"  # the entity's own ';' stays
    assert french("<p>Marks &amp; Spencer</p>") == "<p>Marks &amp; Spencer</p>"


def test_private_use_characters_in_the_text_are_kept():
    # an icon font or a brand logo character, beside an entity
    text = "Logo \uf8ff et \ue000 &amp; co !"
    assert french_text(text) == f"Logo \uf8ff et \ue000 &amp; co{NNBSP}!"


def test_comments_and_unclosed_elements():
    html = (
        "<!-- note : rien --><p>Un : deux<!-- a > b : c <i> --></p>"
        '<span lang="en">Open ? <p>never closed : x</span> trois ?'
    )
    assert french(html) == (
        f"<!-- note : rien --><p>Un{NNBSP}: deux<!-- a > b : c <i> --></p>"
        f'<span lang="en">Open ? <p>never closed : x</span> trois{NNBSP}?'
    )


def test_text_before_the_first_tag_and_after_the_last():
    assert french("Début : <b>x</b> fin ?") == f"Début{NNBSP}: <b>x</b> fin{NNBSP}?"
    assert french('<span lang="en">never closed : x') == '<span lang="en">never closed : x'


def random_page(rng) -> str:
    """Well-formed HTML with nested elements, languages, skipped elements and comments."""
    parts: list[str] = []

    def element(depth: int) -> None:
        name = rng.choice(["span", "div", "a", "li", "p", "code", "pre", "script", "b"])
        lang = rng.choice(["", "", ' lang="en"', ' lang="fr"', " lang='de'", ' LANG="fr-CA"'])
        parts.append(f"<{name.upper() if rng.random() < 0.1 else name}{lang}>")
        for _ in range(rng.randint(0, 3)):
            roll = rng.random()
            if roll < 0.4 and depth < 5:
                element(depth + 1)
            elif roll < 0.5:
                parts.append(rng.choice(["<!-- a : b -->", "<br>", "<img alt='x : y'>", "<i/>"]))
            else:
                parts.append(rng.choice(["Texte : oui", "Why ?", "« x »", "a;b", "fin !", "x"]))
        parts.append(f"</{name}>")

    for _ in range(rng.randint(1, 6)):
        element(0)
    return '<html lang="fr"><body>' + "".join(parts) + "</body></html>"


def test_following_each_skipped_element_finds_what_the_full_walk_finds():
    import random

    from plugins.tracker.typography import _skipped_elements, _walk_all

    rng = random.Random(7)
    fast = 0
    for _ in range(3000):
        page = random_page(rng)
        found = _skipped_elements(page)
        if found is not None:
            fast += 1
            assert found == _walk_all(page), page
    assert fast > 1000  # most pages take the quick way


def test_the_marks_rule_is_the_one_written_as_an_expression():
    import random
    import re

    from plugins.tracker.typography import _before_marks

    reference = re.compile(
        '(?<![\\s\u00a0\u202f(«\\[;:?!])[ \u00a0\u202f]?([;:?!]+)(?=$|[\\s\u00a0)»\\]"”’,.;:?!])'
    )
    rng = random.Random(11)
    alphabet = list('ab1 ;:?!«»()[].,"”’\t\n\u00a0\u202f\u2003/=') + ["\ue000"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _before_marks(text) == reference.sub(NNBSP + r"\1", text), repr(text)
