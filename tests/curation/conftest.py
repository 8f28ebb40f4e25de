import json

import pytest
from curation_testing import FIXTURES


@pytest.fixture
def seeds() -> list[dict]:
    lines = (FIXTURES / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
