"""Councils, officers and drafts from the members tests, for the admin form tests here."""

from tests.members.conftest import (  # noqa: F401 (fixtures)
    client_a,
    council_a,
    council_b,
    draft_a,
    draft_b,
    live_b,
    moderator,
    officer_a,
    officer_b,
)
