"""Share images: right size, readable French, drawn once per distinct card."""

import io

from PIL import Image

from plugins.tracker import share_image
from plugins.tracker.share_image import Card

CARD = Card(
    "Fermeture de canal",
    "Air France arrête le service client par message privé sur Twitter",
    ("Air France · Twitter / X · Messages privés", "28 avril 2023"),
    "Observatoire des plaintes et des canaux",
)


def test_a_card_is_a_1200_by_630_png_with_the_title_drawn():
    image = Image.open(io.BytesIO(share_image.render(CARD)))
    assert image.format == "PNG" and image.size == (1200, 630)
    title_band = image.crop((72, 130, 1128, 200)).convert("L")
    assert title_band.getextrema()[0] < 60  # dark ink where the title is


def test_accented_letters_have_real_glyphs():
    font = share_image._font(40)
    missing = bytes(font.getmask("\uffff"))
    for letter in "éèêàçôûœ«»’":
        assert bytes(font.getmask(letter)) != missing, letter


def test_same_card_same_bytes_and_changed_card_new_address():
    assert share_image.render(CARD) == share_image.render(CARD)
    changed = Card(CARD.kicker, CARD.title + " (mise à jour)", CARD.lines, CARD.site)
    assert share_image.save_as(changed) != share_image.save_as(CARD)


def test_an_unchanged_card_is_not_drawn_again(tmp_path, monkeypatch):
    output, cache = tmp_path / "output", tmp_path / "cache"
    first = share_image.write(CARD, output, cache)
    assert (output / first).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def no_drawing(card):
        raise AssertionError("an unchanged card was drawn again")

    monkeypatch.setattr(share_image, "render", no_drawing)
    (output / first).unlink()  # a clean output folder, a warm cache
    assert share_image.write(CARD, output, cache) == first
    assert (output / first).exists()
