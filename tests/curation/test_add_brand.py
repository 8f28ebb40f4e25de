"""A brand the vocabulary lacks, added from the review."""

import pytest
import yaml
from curation_testing import write_jsonl
from review_testing import cli_args, make_folders, validates

from casebook import vocabulary
from casebook.frontmatter import read
from curation import add_brand, review
from curation.cli import main

ITEM = {
    "id": "bluewave",
    "url": "https://news.example.org/bluewave-dm",
    "title": "Bluewave Telecom ends customer service by direct message on Twitter",
    "summary": "The operator Bluewave Telecom no longer answers customers by DM on Twitter.",
    "published": "2023-06-01",
    "publisher": "Example News",
    "lang": "en",
}


@pytest.fixture
def folders(tmp_path):
    folders = make_folders(tmp_path)
    write_jsonl(folders.inbox / "2023-06.jsonl", [ITEM])
    return folders


def test_accept_with_a_new_brand_adds_a_valid_entry_and_keeps_the_file(folders, capsys):
    brands_file = folders.vocab / "brands.yaml"
    before = brands_file.read_text(encoding="utf-8")
    (cluster,) = review.pending(folders)
    assert cluster.brands == []
    assert "no brand found" in review.describe(cluster)
    code = main(
        [
            "review",
            *cli_args(folders),
            "--accept",
            "bluewave",
            "--case",
            "NEW",
            "--new-brand",
            "Bluewave Telecom",
            "--industry",
            "telecoms",
            "--country",
            "gb",
            "--aliases",
            "Bluewave, BW Telecom",
        ]
    )
    assert code == 0, capsys.readouterr().err
    after = brands_file.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments and every existing entry unchanged
    assert after[len(before) :] == (
        "bluewave-telecom:\n  name: Bluewave Telecom\n  industry: telecoms\n  country: GB\n"
        "  aliases: [Bluewave, BW Telecom]\n"
    )
    assert vocabulary.load(folders.vocab)["brands"]["bluewave-telecom"]["country"] == "GB"
    (path,) = folders.cases.rglob("*.md")
    assert read(path).meta["brands"] == ["bluewave-telecom"]
    validates(folders, capsys)


@pytest.mark.parametrize(
    "brand, problem",
    [
        (add_brand.NewBrand("Air France", "airlines", "FR"), "already brand 'air-france'"),
        (add_brand.NewBrand("Bluewave", "space", "GB"), "industry: 'space' is not one of"),
        (add_brand.NewBrand("Bluewave", "telecoms", "GBR"), "country: 'GBR' is not"),
        (add_brand.NewBrand("Bluewave", "telecoms", "GB", ["KLM"]), "'KLM' is already brand"),
    ],
)
def test_a_brand_entry_that_would_be_wrong_is_refused(folders, brand, problem):
    vocab = vocabulary.load(folders.vocab)
    with pytest.raises(add_brand.BrandError, match=problem):
        add_brand.check(brand, vocab)


def test_a_refused_brand_writes_nothing(folders, capsys):
    brands_file = folders.vocab / "brands.yaml"
    before = brands_file.read_text(encoding="utf-8")
    code = main(
        [
            "review",
            *cli_args(folders),
            "--accept",
            "bluewave",
            "--case",
            "NEW",
            "--new-brand",
            "Bluewave Telecom",
            "--industry",
            "space",
            "--country",
            "GB",
        ]
    )
    assert code == 1
    assert "industry: 'space'" in capsys.readouterr().err
    assert brands_file.read_text(encoding="utf-8") == before
    assert not list(folders.cases.rglob("*.md")) if folders.cases.exists() else True


def test_interactive_review_offers_to_add_the_brand(folders, capsys):
    answers = iter(["b", "", "telecoms", "GB", "", "n"])
    said = []
    review.interactive(folders, ask=lambda _: next(answers), say=said.append)
    entry = yaml.safe_load((folders.vocab / "brands.yaml").read_text())["bluewave-telecom"]
    assert entry == {"name": "Bluewave Telecom", "industry": "telecoms", "country": "GB",
                     "aliases": []}  # fmt: skip
    (path,) = folders.cases.rglob("*.md")
    assert read(path).meta["brands"] == ["bluewave-telecom"]
    validates(folders, capsys)


def test_name_guesses_come_from_the_title():
    vocab = vocabulary.load()
    assert add_brand.guesses(ITEM, vocab)[0] == "Bluewave Telecom"
