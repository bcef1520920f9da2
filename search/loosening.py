"""The database fallback's answer for an empty page: what removing each selected value gives.

One query whatever the number of selections: on PostgreSQL one scan of the narrow table with a
filtered count per removal, on SQLite one aggregate with a filtered count per removal.
"""

from functools import reduce
from operator import and_

from django.db import connection
from django.db.models import Count, Q

from .database import TABLE, TokenQuery, facet_q, full_text, like_base, search_terms
from .synonyms import synonym_phrases


def token_counts(params, synonyms, removals):
    """Rows the words match that each (facet, value) removal alone would let in, in one scan."""
    columns, column_params = [], []
    for pair in removals:
        condition, condition_params = TokenQuery(
            params.query, synonyms, params.minus(*pair).filters
        ).matches_selections()
        columns.append(f"count(*) FILTER (WHERE {condition})")
        column_params += condition_params
    text, text_params = TokenQuery(params.query, synonyms, {}).matches_text()
    sql = f"SELECT {', '.join(columns)} FROM {TABLE} WHERE {text}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*column_params, *text_params])
        return list(cursor.fetchone())


def like_counts(base, params, removals):
    """The same counts on SQLite: one aggregate over the pages the words match."""
    counts = {}
    for index, pair in enumerate(removals):
        kept = [
            facet_q(name, values) for name, values in params.minus(*pair).filters.items() if values
        ]
        counts[f"without_{index}"] = Count("pk", filter=reduce(and_, kept, Q()))
    answer = base.order_by().aggregate(**counts)
    return [answer[f"without_{index}"] for index in range(len(removals))]


def loosened(params, synonym_groups):
    """[results without it] for each of ``params.removals()``, in that order."""
    removals = params.removals()
    if not removals:
        return []
    synonyms = synonym_phrases(params.query, synonym_groups) if params.query else []
    if full_text():
        return token_counts(params, synonyms, removals)
    terms = search_terms(params.query, [phrase.lower() for phrase in synonyms])
    return like_counts(like_base(params, terms), params, removals)
