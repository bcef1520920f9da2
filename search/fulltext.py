"""The stored full-text vectors the database fallback searches on PostgreSQL.

Each case study's vector is built from the same plain rows as its index document: title (A),
summary (B), body text (C), and council, partners, tags, approach and theme names (D), with the
``english`` configuration. Beside it go the document's facet values as ``name:value`` tokens
and its budget and first publication date, so the fallback filters, counts and sorts on this
table alone. Only pages visitors may see (live and public) have one. A vector is
rewritten in the transaction that changes what it holds (save, publish, unpublish, a move, a
view restriction, a renamed or deleted council, approach or theme), so it never disagrees with
the committed content. Pages without one (bulk-inserted, or there before the table) get theirs
after ``migrate``, after ``generate_case_studies`` and from ``manage.py search_text``. On SQLite
nothing is stored: the fallback matches words with LIKE there.
"""

from itertools import islice

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from casestudies.documents import case_studies_to_index
from casestudies.models import Approach, CaseStudyPage, CouncilPage, Theme
from casestudies.signals import case_studies_bulk_created

from .facets import FACETS
from .models import SearchText
from .sync import iter_sources

CONFIG = "english"
BATCH_SIZE = 500
WEIGHTED_PARTS = ("A", "B", "C", "D")


def enabled(using=DEFAULT_DB_ALIAS):
    return connections[using].vendor == "postgresql"


def weighted_texts(source):
    """(title, summary, body, names) of one index document source, weights A to D."""
    names = [
        source["council_name"],
        *source["partners"],
        *source["tags"],
        *source["approach_names"],
        *source["theme_names"],
    ]
    return (source["title"], source["summary"], source["body"], " ".join(filter(None, names)))


def token(name, value):
    """How a facet value is stored and asked for: ``approach:volunteer-led``."""
    return f"{name}:{value}"


def facet_tokens(source):
    """Every facet value of one index document source, as tokens."""
    tokens = []
    for name, facet in FACETS.items():
        values = source.get(facet.index_field)
        for value in values if isinstance(values, list) else [values]:
            if value not in ("", None):
                tokens.append(token(name, value))
    return tokens


def row_values(source):
    return (
        source["page_id"],
        facet_tokens(source),
        source["budget"],
        source["first_published_at"],
        *weighted_texts(source),
    )


def upsert_sql(connection):
    vector = " || ".join(
        f"setweight(to_tsvector('{CONFIG}', %s), '{weight}')" for weight in WEIGHTED_PARTS
    )
    table = connection.ops.quote_name(SearchText._meta.db_table)
    columns = ("vector", "facets", "budget", "published_at")
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in columns)
    return (
        f"INSERT INTO {table} (page_id, facets, budget, published_at, vector) "
        f"VALUES (%s, %s, %s, %s, {vector}) ON CONFLICT (page_id) DO UPDATE SET {updates}"
    )


def store(queryset):
    """Write the vectors of every case study in ``queryset``; returns how many."""
    connection = connections[DEFAULT_DB_ALIAS]
    sql = upsert_sql(connection)
    sources = iter_sources(queryset, batch_size=BATCH_SIZE)
    stored = 0
    with connection.cursor() as cursor:
        while batch := list(islice(sources, BATCH_SIZE)):
            cursor.executemany(sql, [row_values(source) for source in batch])
            stored += len(batch)
    return stored


def refresh(page_ids):
    """Rewrite the vectors of these case studies as visitors see them now; returns how many.

    ``page_ids`` is a list or a query of ids; the hidden ones lose their vector.
    """
    if not enabled():
        return 0
    page_ids = list(page_ids)
    visible = case_studies_to_index().filter(pk__in=page_ids)
    SearchText.objects.filter(page_id__in=page_ids).exclude(page__in=visible).delete()
    return store(visible)


def fill_missing():
    """Vectors for every visible case study that has none yet; returns how many."""
    if not enabled():
        return 0
    return store(case_studies_to_index().filter(search_text__isnull=True))


def rebuild():
    """Every visible case study's vector rewritten, the others' removed: (written, removed)."""
    if not enabled():
        return 0, 0
    removed, _ = SearchText.objects.exclude(page__in=case_studies_to_index()).delete()
    return store(case_studies_to_index()), removed


def case_studies_of(instance):
    """Ids of the case studies whose vector holds something of this council or term."""
    if isinstance(instance, CouncilPage):
        return CaseStudyPage.objects.filter(council=instance).values_list("pk", flat=True)
    field = "approaches" if isinstance(instance, Approach) else "themes"
    return CaseStudyPage.objects.filter(**{field: instance}).values_list("pk", flat=True)


def on_page_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh([instance.pk])


def on_restriction_changed(sender, instance, **kwargs):
    refresh(
        CaseStudyPage.objects.filter(path__startswith=instance.page.path).values_list(
            "pk", flat=True
        )
    )


def on_bulk_created(sender, **kwargs):
    fill_missing()


def on_moved(sender, instance, **kwargs):
    # A moved case study, or every case study under a moved page, may have a new council.
    refresh(
        CaseStudyPage.objects.filter(path__startswith=instance.path).values_list("pk", flat=True)
    )


def on_term_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        refresh(case_studies_of(instance))


def remember_linked(sender, instance, **kwargs):
    # The links are gone by post_delete: note whose vectors name this term first.
    instance._fulltext_pages = list(case_studies_of(instance)) if enabled() else []


def on_term_deleted(sender, instance, **kwargs):
    refresh(getattr(instance, "_fulltext_pages", ()))


def on_migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    if enabled(using) and using == DEFAULT_DB_ALIAS:
        fill_missing()


def connect(app_config):
    # post_save covers plain saves; the publish signals come after partners and tags are saved.
    post_save.connect(on_page_changed, sender=CaseStudyPage)
    page_published.connect(on_page_changed, sender=CaseStudyPage)
    page_unpublished.connect(on_page_changed, sender=CaseStudyPage)
    post_save.connect(on_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction)
    case_studies_bulk_created.connect(on_bulk_created)
    post_page_move.connect(on_moved)
    for model in (CouncilPage, Approach, Theme):
        post_save.connect(on_term_saved, sender=model)
    for model in (Approach, Theme):
        pre_delete.connect(remember_linked, sender=model)
        post_delete.connect(on_term_deleted, sender=model)
    post_migrate.connect(on_migrated, sender=app_config)
