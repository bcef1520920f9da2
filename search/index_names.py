"""Names of the search indices."""

from django.conf import settings


def alias_name():
    """The alias every search and every live update goes through."""
    return f"{settings.SEARCH_INDEX_PREFIX}-casestudies"
