"""The search tests' index and case study helpers, shared with the benchmark tests."""

from tests.search.conftest import make_case_study, search_index  # noqa: F401
