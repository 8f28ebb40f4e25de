"""Helpers shared by the review tests: a review set-up in a temporary folder."""

import shutil
from pathlib import Path

from casebook.__main__ import main as casebook_main
from casebook.vocabulary import VOCAB_DIR
from curation import review

ROOT = Path(__file__).resolve().parents[2]


def make_folders(tmp_path: Path, cases: bool = False) -> review.Folders:
    """Inbox, decisions, cache and a copy of the vocabulary under `tmp_path`; with `cases`, a
    copy of the shipped cases (an empty case folder otherwise)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    vocab = tmp_path / "vocab"
    shutil.copytree(VOCAB_DIR, vocab)
    folders = review.Folders(
        inbox, tmp_path / "cases", tmp_path / "decisions", tmp_path / "cache", vocab
    )
    if cases:
        shutil.copytree(ROOT / "content" / "cases", folders.cases)
    return folders


def cli_args(folders: review.Folders) -> list[str]:
    return [
        "--inbox",
        str(folders.inbox),
        "--cases",
        str(folders.cases),
        "--decisions",
        str(folders.decisions),
        "--cache",
        str(folders.cache),
        "--vocab",
        str(folders.vocab),
    ]


def validates(folders: review.Folders, capsys) -> None:
    """The case folder passes `python -m casebook validate` (what `invoke validate` runs), with
    the test's vocabulary."""
    code = casebook_main(["validate", str(folders.cases), "--vocab", str(folders.vocab)])
    out = capsys.readouterr()
    assert code == 0, out.err
