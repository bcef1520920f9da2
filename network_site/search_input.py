"""Search words for Wagtail's own database search, cleaned before Wagtail sees them.

Wagtail's SQLite backend wraps each word in double quotes for FTS5 without escaping the quotes
inside it (``"`` gives "unterminated string"), a NUL ends the FTS5 string early, and PostgreSQL
refuses NUL in any text parameter; a blank search builds no query at all and fails. All of
these were server errors in the pages API (``?search=``) and the admin choosers (``?q=``).
"""

import re
import unicodedata

# Path prefix -> the query parameter Wagtail searches with there.
SEARCH_PARAMETERS = {"/api/v2/": "search", "/admin/": "q"}
MAX_LENGTH = 255


def clean_text(value, limit):
    """Drop control and format characters, collapse whitespace, cap the length."""
    value = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} else char for char in value
    )
    return re.sub(r"\s+", " ", value).strip()[:limit].strip()


def clean_words(value):
    """Words without control or format characters or double quotes, one space apart."""
    return clean_text(value.replace('"', " "), MAX_LENGTH)


class SearchInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for prefix, name in SEARCH_PARAMETERS.items():
            if request.path.startswith(prefix) and name in request.GET:
                query = request.GET.copy()
                query.setlist(name, [clean_words(value) for value in query.getlist(name)])
                query._mutable = False
                request.GET = query
        return self.get_response(request)
