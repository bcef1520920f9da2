"""Which Elasticsearch failures mean "the node is unavailable" rather than "our bug"."""

from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError

# Node down, unreachable or overloaded: fall back and trip the breaker (so do transport errors,
# timeouts among them, and slowness: search/breaker.py).
UNAVAILABLE_STATUSES = {429, 502, 503, 504}


class SearchPartError(Exception):
    """One search of an ``_msearch`` failed while the request as a whole succeeded."""

    def __init__(self, status, error):
        super().__init__(f"{status}: {error}")
        self.status = status


def is_unavailable(error):
    """True when the node could not answer (connection, timeout, overload)."""
    if isinstance(error, TransportError):
        return True
    if isinstance(error, SearchPartError):
        return error.status in UNAVAILABLE_STATUSES
    return isinstance(error, ApiError) and error.meta.status in UNAVAILABLE_STATUSES


def is_missing_index(error):
    """True when the alias does not exist yet (no rebuild has run)."""
    return isinstance(error, NotFoundError)


SEARCH_ERRORS = (TransportError, ApiError, SearchPartError)
