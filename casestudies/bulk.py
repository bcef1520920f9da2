"""Insert many live pages at once, for benchmark data: no signals, no revisions.

Wagtail's ``add_child`` costs several queries per page and Django's ``bulk_create`` refuses
multi-table models, so this computes the treebeard paths itself, bulk-inserts the
``wagtailcore_page`` rows, then the rows of the specific table with their ``page_ptr``.
Nothing is indexed: rebuild the search index afterwards.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Page

BATCH_SIZE = 500


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
    specific_fields = [
        field for field in model._meta.local_concrete_fields if field.name != "page_ptr"
    ]
    for start_at in range(0, len(pages), BATCH_SIZE):
        batch = pages[start_at : start_at + BATCH_SIZE]
        rows = [
            Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in batch
        ]
        Page.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        for page, row in zip(batch, rows, strict=True):
            page.id = page.page_ptr_id = row.id
        # bulk_create cannot write a multi-table child; _insert is the step it would use.
        model._base_manager._insert(
            batch,
            fields=[model._meta.get_field("page_ptr"), *specific_fields],
            using=connection.alias,
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages
