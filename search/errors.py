"""Which Elasticsearch failures mean "the node is unavailable" rather than "our bug"."""

from elastic_transport import TransportError
from elasticsearch import ApiError

# A 500 or 501 is the node failing to run this one request (a query it cannot execute): our
# bug, which a fallback answers without trusting the node less. A 429 or any other 5xx is the
# node or what stands in front of it being overloaded or broken: fall back and trip the
# breaker (so do transport errors, timeouts among them, and slowness: search/breaker.py).
REQUEST_FAILED_STATUSES = {500, 501}


def is_unavailable_status(status):
    """True for the answers that say the node cannot take requests now."""
    return status == 429 or (status >= 500 and status not in REQUEST_FAILED_STATUSES)


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
        return is_unavailable_status(error.status)
    return isinstance(error, ApiError) and is_unavailable_status(error.meta.status)


SEARCH_ERRORS = (TransportError, ApiError, SearchPartError)
