"""Insert many live pages at once, for benchmark data: no signals, no revisions.

Wagtail's ``add_child`` costs several queries per page and Django's ``bulk_create`` refuses
multi-table models, so this computes the treebeard paths itself and writes the
``wagtailcore_page`` rows and the specific table's rows with plain executemany INSERTs.
Nothing is indexed: rebuild the search index afterwards.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from wagtail.models import Page

BATCH_SIZE = 500


def insert_rows(model, fields, rows):
    """One executemany INSERT of database-ready values: no model instances, no SQL compiler."""
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})",
            list(rows),
        )


def prepared(objects, fields):
    """Each object's values for these fields, converted for the database."""
    connection = connections[DEFAULT_DB_ALIAS]
    converters = [(field.attname, field.get_db_prep_save) for field in fields]
    for obj in objects:
        yield [to_db(getattr(obj, name), connection) for name, to_db in converters]


def add_m2m_links(field, links):
    """Insert (page id, term id) pairs into the through table of a many-to-many field."""
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    insert_rows(through, [through._meta.get_field(source), through._meta.get_field(target)], links)


def next_child_position(parent):
    """The treebeard step of the parent's next child (1 for a parent without children)."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def bulk_add_children(parent, pages, *, published_at, rng, start=None):
    """Insert unsaved specific pages as live children of ``parent``; returns them with ids.

    ``published_at(page)`` gives each page's publication time and ``rng`` its translation key,
    so that a seeded run is repeatable. ``start`` is the first treebeard step, when the caller
    already knows it (it must then add every child of this parent in this run).
    """
    if not pages:
        return pages
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    position = next_child_position(parent) if start is None else start
    depth = parent.depth + 1
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, depth, position + offset)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.translation_key = uuid.UUID(int=rng.getrandbits(128), version=4)
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = published_at(page)

    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    specific_fields = [model._meta.get_field("page_ptr")] + [
        field for field in model._meta.local_concrete_fields if field.name != "page_ptr"
    ]
    for start_at in range(0, len(pages), BATCH_SIZE):
        batch = pages[start_at : start_at + BATCH_SIZE]
        # bulk_create refuses multi-table models: insert the page rows, read their ids back by
        # path (unique), then insert the specific rows that point at them.
        insert_rows(Page, base_fields, prepared(batch, base_fields))
        ids = dict(
            Page.objects.filter(path__in=[page.path for page in batch]).values_list("path", "id")
        )
        for page in batch:
            page.id = page.page_ptr_id = ids[page.path]
        insert_rows(model, specific_fields, prepared(batch, specific_fields))
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages
