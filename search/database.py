"""The database fallback: the same filters and facet counts as the index, counted by the ORM.

Facet semantics match Elasticsearch exactly (OR within a facet, AND across, each facet counted
without its own selection). Text matching depends on the database, and only here:

- PostgreSQL searches the narrow table of ``search.fulltext`` alone: one row per visible case
  study with its GIN-indexed vector, its facet values as ``name:value`` tokens (GIN-indexed) and
  its sort columns. Words go through ``websearch_to_tsquery('english', ...)`` (stemming, quoted
  phrases, ``-word``, ``or``), each synonym phrase added as an alternative; "relevance" ranks by
  ``ts_rank`` with the vectors' weights (title above summary above body above names), newest
  first among equals. The eight facet counts and the total come from one statement that unnests
  the tokens of the rows missing at most one selection; the page of ids is sorted on the table's
  own indexes.
- SQLite looks for each word (crudely stemmed) or synonym phrase at the start of a word of the
  title, summary, council, partners, approaches, themes and tags, and orders by recency; each
  facet is counted by its own ORM query.

Either way the page of results is then loaded by id, with a constant number of queries.
"""

import html
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Count, F, IntegerField, Q

from casestudies.models import CaseStudyPage, CaseStudyPartner, CaseStudyTag
from network_site.page_urls import UrlBuilder

from .facets import FACETS
from .fulltext import token
from .models import SearchText
from .results import council_of, iso_datetime
from .stop_words import ELASTICSEARCH_ENGLISH_STOP_WORDS
from .synonyms import synonym_phrases

MAX_TERMS = 20
TEXT_CONFIG = "english"
# ts_rank's weights for D, C, B, A: names, body, summary, title.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
APPROACH_LINKS = CaseStudyPage.approaches.through
THEME_LINKS = CaseStudyPage.themes.through
NEWEST = [F("first_published_at").desc(nulls_last=True), F("id").desc()]
TABLE = SearchText._meta.db_table
NEWEST_SQL = "published_at DESC NULLS LAST, page_id DESC"
SORT_SQL = {
    "budget_asc": f"budget ASC NULLS LAST, {NEWEST_SQL}",
    "budget_desc": f"budget DESC NULLS LAST, {NEWEST_SQL}",
}
ORDERINGS = {
    "relevance": NEWEST,
    "newest": NEWEST,
    "budget_asc": [F("budget").asc(nulls_last=True), *NEWEST],
    "budget_desc": [F("budget").desc(nulls_last=True), *NEWEST],
}


def stem(word):
    """A crude English stem, enough for substring matching: volunteering → volunteer."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def search_terms(query, synonyms):
    words = [
        word
        for word in re.findall(r"\w+", query.lower())
        if word not in ELASTICSEARCH_ENGLISH_STOP_WORDS
    ]
    return list(dict.fromkeys([*(stem(word) for word in words), *synonyms]))[:MAX_TERMS]


def starts_word(field, term):
    """``term`` at the start of a word of ``field``: 'pb' must not match 'cupboard'."""
    return (
        Q(**{f"{field}__istartswith": term})
        | Q(**{f"{field}__icontains": f" {term}"})
        | Q(**{f"{field}__icontains": f"-{term}"})
    )


def term_q(term):
    approaches = APPROACH_LINKS.objects.filter(starts_word("approach__name", term))
    themes = THEME_LINKS.objects.filter(starts_word("theme__name", term))
    partners = CaseStudyPartner.objects.filter(starts_word("name", term))
    tags = CaseStudyTag.objects.filter(starts_word("tag__name", term))
    return (
        starts_word("title", term)
        | starts_word("summary", term)
        | starts_word("council__title", term)
        | Q(pk__in=approaches.values("casestudypage_id"))
        | Q(pk__in=themes.values("casestudypage_id"))
        | Q(pk__in=partners.values("page_id"))
        | Q(pk__in=tags.values("content_object_id"))
    )


def full_text():
    """Whether this database has the stored vectors (PostgreSQL) or matches with LIKE."""
    return connection.vendor == "postgresql"


def links_of(facet):
    """(link model, its page field, its term field, the term's field counted) when the facet's
    model path crosses a many-to-many relation (approach, theme), else None."""
    relation, _, counted = facet.model_path.partition("__")
    field = CaseStudyPage._meta.get_field(relation)
    if not field.many_to_many:
        return None
    return (
        field.remote_field.through,
        field.m2m_field_name(),
        field.m2m_reverse_field_name(),
        counted,
    )


def counts_numbers(facet):
    """Whether the facet's model path ends at a whole-number column (year)."""
    model = CaseStudyPage
    for part in facet.model_path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model
    return isinstance(field, IntegerField)


def model_values(facet, values):
    """``values`` as the column holds them: a number column matches whole numbers only, and
    anything else matches nothing, like an unknown slug."""
    if counts_numbers(facet):
        return [int(value) for value in values if value.isascii() and value.isdigit()]
    return list(values)


def facet_q(name, values):
    facet = FACETS[name]
    values = model_values(facet, values)
    links = links_of(facet)
    if links:
        through, page, term, counted = links
        chosen = through.objects.filter(**{f"{term}__{counted}__in": values})
        return Q(pk__in=chosen.values(f"{page}_id"))
    return Q(**{f"{facet.model_path}__in": values})


def count_facet(name, queryset):
    """{value: count} for one facet over ``queryset``."""
    facet = FACETS[name]
    links = links_of(facet)
    if links:
        through, page, term, counted = links
        rows = (
            through.objects.filter(**{f"{page}_id__in": queryset.values("pk")})
            .values_list(f"{term}__{counted}")
            .annotate(n=Count("id"))
            .order_by()
        )
    else:
        field = facet.model_path
        rows = (
            queryset.exclude(**{f"{field}__isnull": True})
            .values_list(field)
            .annotate(n=Count("pk"))
            .order_by()
        )
    return {str(value): count for value, count in rows if value not in ("", None)}


def count_separately(base, selections):
    """({facet: {value: count}}, total) with one query per facet and one for the total."""
    counts = {}
    for name in FACETS:
        others = [q for other, q in selections.items() if other != name]
        counts[name] = count_facet(name, base.filter(*others))
    return counts, base.filter(*selections.values()).count()


def text_sql(query, synonyms):
    """(tsquery SQL, params): what the visitor typed, in web search syntax, or any synonym."""
    parts = [f"websearch_to_tsquery('{TEXT_CONFIG}', %s)"]
    parts += [f"phraseto_tsquery('{TEXT_CONFIG}', %s)"] * len(synonyms)
    return "(" + " || ".join(parts) + ")", [query, *synonyms]


@dataclass
class TokenQuery:
    """A search over the narrow table of ``search.fulltext`` (PostgreSQL): its rows are the
    visible case studies, with their vectors, facet tokens and sort columns."""

    query: str
    synonyms: list
    filters: dict

    def __post_init__(self):
        self.text, self.text_params = (
            text_sql(self.query, self.synonyms) if self.query else ("", [])
        )
        self.selected = {
            name: [token(name, value) for value in values]
            for name, values in self.filters.items()
            if values
        }

    def matches_text(self):
        """(SQL condition, params) for the rows the words match."""
        return (f"vector @@ {self.text}", self.text_params) if self.text else ("TRUE", [])

    def matches_selections(self):
        """(SQL condition, params) for the rows matching every selection (OR within a facet)."""
        conditions = ["facets && %s::text[]"] * len(self.selected)
        return " AND ".join(conditions) or "TRUE", list(self.selected.values())

    def where(self):
        """(WHERE SQL, params) for the rows matching the words and every selection."""
        text, text_params = self.matches_text()
        selections, selection_params = self.matches_selections()
        return f"{text} AND {selections}", [*text_params, *selection_params]

    def counts(self):
        """({facet: {value: count}}, total) in one scan, each facet counted without its own
        selection, over the rows that miss at most one selection."""
        names = list(self.selected)
        flags = "".join(f", facets && %s::text[] AS s{i}" for i in range(len(names)))
        text, text_params = self.matches_text()
        rows = f"SELECT facets{flags} FROM {TABLE} WHERE {text}"
        params = [*self.selected.values(), *text_params]
        if names:
            misses = " + ".join(f"(NOT s{i})::int" for i in range(len(names)))
            rows = f"SELECT * FROM ({rows}) flagged WHERE {misses} <= 1"
        # A token of facet F counts when its row matches every selection but F's own; the
        # empty token every row gets counts the rows matching all of them: the total.
        condition = " AND ".join(f"(starts_with(token, %s) OR s{i})" for i in range(len(names)))
        params += [token(name, "") for name in names]
        sql = (
            f"SELECT token, count(*) FROM ({rows}) candidates, "
            f"unnest(facets || '{{\"\"}}'::text[]) AS token "
            f"WHERE {condition or 'TRUE'} GROUP BY token"
        )
        counts, total = {name: {} for name in FACETS}, 0
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for name_value, count in cursor.fetchall():
                name, _, value = name_value.partition(":")
                if not name_value:
                    total = count
                elif name in counts:
                    counts[name][value] = count
        return counts, total

    def page_ids(self, sort, offset, limit):
        """The ids of one page of results, sorted and paginated in the database."""
        where, params = self.where()
        if sort == "relevance" and self.text:
            order = f"ts_rank(%s::float4[], vector, {self.text}) DESC, {NEWEST_SQL}"
            order_params = [RANK_WEIGHTS, *self.text_params]
        else:
            order, order_params = SORT_SQL.get(sort, NEWEST_SQL), []
        sql = f"SELECT page_id FROM {TABLE} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *order_params, limit, offset])
            return [page_id for (page_id,) in cursor.fetchall()]


def mark(text, terms):
    """Escape ``text`` and wrap the matched terms in <mark>, as the index's highlighter does."""
    if not terms:
        return html.escape(text)
    alternatives = "|".join(re.escape(term) for term in terms)
    pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[last : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    pieces.append(html.escape(text[last:]))
    return "".join(pieces)


def result_from_page(page, url_for, terms):
    council = page.council
    return {
        "id": page.id,
        "title": page.title,
        "url": url_for(page.url_path) or "",
        "summary": page.summary,
        "highlight": mark(page.summary, terms),
        "council": council_of(
            {"slug": council.slug, "name": council.title, "is_example": council.is_example}
            if council
            else {}
        ),
        "approaches": [
            {"slug": term.slug, "name": term.name}
            for term in sorted(page.approaches.all(), key=lambda term: term.slug)
        ],
        "themes": [
            {"slug": term.slug, "name": term.name}
            for term in sorted(page.themes.all(), key=lambda term: term.slug)
        ],
        "budget": page.budget,
        "budget_band": page.budget_band,
        "status": page.status,
        "year": page.start_year,
        "published": iso_datetime(page.first_published_at),
        "updated": iso_datetime(page.last_published_at),
    }


@dataclass
class DatabasePage:
    total: int
    results: list
    counts: dict


def search(params, synonym_groups):
    synonyms = synonym_phrases(params.query, synonym_groups) if params.query else []
    terms = search_terms(params.query, [phrase.lower() for phrase in synonyms])
    if full_text():
        tokens = TokenQuery(params.query, synonyms, params.filters)
        counts, total = tokens.counts()
        ids = tokens.page_ids(params.sort, params.offset, params.page_size)
    else:
        counts, total, ids = like_search(params, terms)
    loaded = CaseStudyPage.objects.filter(pk__in=ids).select_related("council")
    by_id = {page.pk: page for page in loaded.prefetch_related("approaches", "themes")}
    url_for = UrlBuilder()
    results = [result_from_page(by_id[pk], url_for, terms) for pk in ids if pk in by_id]
    return DatabasePage(total, results, counts)


def like_base(params, terms):
    """The live, public pages the words match on SQLite (LIKE), before any facet selection."""
    base = CaseStudyPage.objects.live().public()
    if params.query:
        base = base.filter(reduce(or_, map(term_q, terms))) if terms else base.none()
    return base


def like_search(params, terms):
    """(counts, total, page ids) on SQLite: words matched with LIKE, facets by the ORM."""
    base = like_base(params, terms)
    selections = {name: facet_q(name, values) for name, values in params.filters.items() if values}
    counts, total = count_separately(base, selections)
    # Sorting bare ids is cheaper than sorting whole pages; the page is then loaded by id.
    ids = list(
        base.filter(*selections.values())
        .order_by(*ORDERINGS[params.sort])
        .values_list("pk", flat=True)[params.offset : params.offset + params.page_size]
    )
    return counts, total, ids


def suggest(prefix, size):
    url_for = UrlBuilder()
    rows = (
        CaseStudyPage.objects.live()
        .public()
        .filter(title__istartswith=prefix)
        .order_by("title")
        .values_list("title", "url_path")[:size]
    )
    return [{"title": title, "url": url_for(url_path) or ""} for title, url_path in rows]


def related(page, approaches, themes, size):
    shared = Count("approaches", filter=Q(approaches__slug__in=approaches), distinct=True) + Count(
        "themes", filter=Q(themes__slug__in=themes), distinct=True
    )
    return list(
        CaseStudyPage.objects.live()
        .public()
        .exclude(pk=page.pk)
        .filter(Q(approaches__slug__in=approaches) | Q(themes__slug__in=themes))
        .annotate(shared=shared)
        .order_by("-shared", *NEWEST)
        .select_related("council")[:size]
    )
