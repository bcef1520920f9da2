"""Stop words shared by the database fallback and the search page's suggestion check."""

# Elasticsearch's ``_english_`` stop words (Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET), so
# the fallback ignores the words the index's analyzer ignores; a test checks it against the node.
ELASTICSEARCH_ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)
