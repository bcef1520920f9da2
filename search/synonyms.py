"""Synonym expansion at query time, shared by the Elasticsearch and the database backends."""

import re

MAX_SYNONYM_PHRASES = 10


def synonym_phrases(query, groups):
    """Other phrasings of the words in ``query``, from the staff-edited synonym groups.

    ``groups`` is a list of term lists; a group applies when one of its terms occurs in the
    query as whole words (case-insensitive), and then every other term of the group is added.
    """
    lowered = query.lower()
    phrases = []
    for terms in groups:
        present = [
            term for term in terms if re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", lowered)
        ]
        if present:
            phrases.extend(term for term in terms if term not in present)
    unique = list(dict.fromkeys(phrase for phrase in phrases if phrase.lower() != lowered))
    return unique[:MAX_SYNONYM_PHRASES]
