"""The database fallback: the same filters and facet counts as the index, counted by the ORM.

Facet semantics match Elasticsearch exactly (OR within a facet, AND across, each facet counted
without its own selection). Text matching depends on the database, and only here:

- PostgreSQL searches the stored, GIN-indexed vectors of ``search.fulltext`` with
  ``websearch_to_tsquery('english', ...)`` (stemming, quoted phrases, ``-word``, ``or``), each
  synonym phrase added as an alternative, and "relevance" ranks by ``ts_rank_cd`` with the
  vectors' weights (title above summary above body above names), newest first among equals.
- SQLite looks for each word (crudely stemmed) or synonym phrase at the start of a word of the
  title, summary, council, partners, approaches, themes and tags, and orders by recency.

Everything is paginated in the database with a constant number of queries. On PostgreSQL the
eight facet counts and the total come from one statement over the matching pages' rows,
materialised once, instead of one join per facet; the listing sorts ids only, then loads the
page of results by id.
"""

import html
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, IntegerField, Q

from casestudies.models import CaseStudyPage, CaseStudyPartner, CaseStudyTag
from network_site.page_urls import UrlBuilder

from .facets import FACETS
from .stop_words import ELASTICSEARCH_ENGLISH_STOP_WORDS
from .synonyms import synonym_phrases

MAX_TERMS = 20
TEXT_CONFIG = "english"
# ts_rank_cd's weights for D, C, B, A: names, body, summary, title.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
APPROACH_LINKS = CaseStudyPage.approaches.through
THEME_LINKS = CaseStudyPage.themes.through
NEWEST = [F("first_published_at").desc(nulls_last=True), F("id").desc()]
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


def text_query(query, synonyms):
    """What the visitor typed, in web search syntax, or any of the synonym phrases."""
    tsquery = SearchQuery(query, search_type="websearch", config=TEXT_CONFIG)
    for phrase in synonyms:
        tsquery |= SearchQuery(phrase, search_type="phrase", config=TEXT_CONFIG)
    return tsquery


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


def link_tables(facet):
    """(link table, its page column, its term column, the term table, the term's counted
    column) of a facet counted through a link table (``links_of``)."""
    through, page, term, counted = links_of(facet)
    term_field = through._meta.get_field(term)
    return (
        through._meta.db_table,
        through._meta.get_field(page).column,
        term_field.column,
        term_field.related_model._meta.db_table,
        term_field.related_model._meta.get_field(counted).column,
    )


def selection_sql(name, values):
    """(SQL condition on a row of ``counted_rows``, params) for one facet's selection."""
    facet = FACETS[name]
    values = model_values(facet, values)
    if not values:
        return ("FALSE", [])
    if links_of(facet):
        links, page_column, term_column, terms, counted = link_tables(facet)
        return (
            f'row_id IN (SELECT l."{page_column}" FROM "{links}" l JOIN "{terms}" t '
            f'ON t.id = l."{term_column}" WHERE t."{counted}" = ANY(%s))',
            [values],
        )
    return (f"{name}_value = ANY(%s)", [values])


def count_together(base, filters):
    """({facet: {value: count}}, total) in one PostgreSQL statement.

    The matching rows (with the columns counted) are materialised once; each facet is then a
    GROUP BY over them restricted by the other facets' selections, as ``count_separately``.
    """
    rows = base.order_by().values(
        row_id=F("pk"),
        **{
            f"{name}_value": F(facet.model_path)
            for name, facet in FACETS.items()
            if not links_of(facet)
        },
    )
    rows_sql, rows_params = rows.query.sql_with_params()
    conditions = {name: selection_sql(name, values) for name, values in filters.items() if values}

    def where(names):
        chosen = [conditions[name] for name in names if name in conditions]
        sql = " AND ".join(f"({condition})" for condition, _ in chosen) or "TRUE"
        return sql, [param for _, params in chosen for param in params]

    branches, params = [], []
    for name, facet in FACETS.items():
        condition, condition_params = where([other for other in FACETS if other != name])
        if links_of(facet):
            links, page_column, term_column, terms, counted = link_tables(facet)
            # Counted by term id first, so only the handful of terms is joined for slugs.
            branches.append(
                f'SELECT %s, t."{counted}"::text, n FROM (SELECT l."{term_column}" AS term_id, '
                f"count(*) AS n FROM counted_rows "
                f'JOIN "{links}" l ON l."{page_column}" = row_id '
                f"WHERE {condition} GROUP BY 1) counted "
                f'JOIN "{terms}" t ON t.id = counted.term_id'
            )
        else:
            column = f"{name}_value"
            branches.append(
                f"SELECT %s, {column}::text, count(*) FROM counted_rows "
                f"WHERE {condition} AND {column} IS NOT NULL GROUP BY {column}"
            )
        params += [name, *condition_params]
    condition, condition_params = where(FACETS)
    branches.append(f"SELECT '', NULL, count(*) FROM counted_rows WHERE {condition}")
    params += condition_params
    sql = f"WITH counted_rows AS MATERIALIZED ({rows_sql}) " + " UNION ALL ".join(branches)
    counts, total = {name: {} for name in FACETS}, 0
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rows_params, *params])
        for name, value, count in cursor.fetchall():
            if not name:
                total = count
            elif value not in ("", None):
                counts[name][value] = count
    return counts, total


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
        "council": {"slug": council.slug, "name": council.title}
        if council
        else {"slug": "", "name": ""},
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
    }


@dataclass
class DatabasePage:
    total: int
    results: list
    counts: dict


def search(params, synonym_groups):
    synonyms = synonym_phrases(params.query, synonym_groups) if params.query else []
    terms = search_terms(params.query, [phrase.lower() for phrase in synonyms])
    base = CaseStudyPage.objects.live().public()
    ordering = ORDERINGS[params.sort]
    if params.query and full_text():
        tsquery = text_query(params.query, synonyms)
        base = base.filter(search_text__vector=tsquery)
        if params.sort == "relevance":
            rank = SearchRank(
                F("search_text__vector"), tsquery, weights=RANK_WEIGHTS, cover_density=True
            )
            ordering = [rank.desc(), *NEWEST]
    elif params.query:
        base = base.filter(reduce(or_, map(term_q, terms))) if terms else base.none()
    selections = {name: facet_q(name, values) for name, values in params.filters.items() if values}
    if full_text():
        counts, total = count_together(base, params.filters)
    else:
        counts, total = count_separately(base, selections)
    # Sorting bare ids is cheaper than sorting whole pages; the page is then loaded by id.
    ids = list(
        base.filter(*selections.values())
        .order_by(*ordering)
        .values_list("pk", flat=True)[params.offset : params.offset + params.page_size]
    )
    loaded = CaseStudyPage.objects.filter(pk__in=ids).select_related("council")
    by_id = {page.pk: page for page in loaded.prefetch_related("approaches", "themes")}
    pages = [by_id[pk] for pk in ids]
    url_for = UrlBuilder()
    return DatabasePage(total, [result_from_page(page, url_for, terms) for page in pages], counts)


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
