"""`python -m curation ...`"""

from casebook.pipes import exit_with
from curation.cli import main

if __name__ == "__main__":
    exit_with(main)
