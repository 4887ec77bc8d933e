"""Hypothesis profiles: `CI=true` runs 500 examples per property, otherwise 60. Every test runs
without PAR_LANG, as a user who has not set it: texts are Vietnamese unless a test asks."""

import os
from typing import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")


@pytest.fixture(autouse=True, scope="session")
def without_par_lang() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PAR_LANG", raising=False)
        yield
