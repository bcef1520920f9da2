"""Keep the index in step with the content: every change writes outbox rows (PendingSync).

The rows are written in the change's own transaction, so a change that commits can never be
lost, and one that rolls back leaves none; after commit a task is enqueued that drains them in
the worker (``search.tasks``). Nothing here talks to the search node.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from casestudies.documents import DOCUMENT_COLUMNS, FACET_COLUMNS, TERM_COLUMNS
from casestudies.models import Approach, CaseStudyPage, CouncilPage, Theme

from . import labels, sync, tasks
from .models import Synonym

logger = logging.getLogger(__name__)


def lent_fields():
    """What a council, approach or theme lends to its case studies' documents, read from the
    columns the documents are built from, so a new column re-indexes when it changes."""
    fields = {Approach: TERM_COLUMNS, Theme: TERM_COLUMNS}
    for column in dict.fromkeys([*DOCUMENT_COLUMNS, *FACET_COLUMNS.values()]):
        relation, _, name = column.partition("__")
        if name:
            model = CaseStudyPage._meta.get_field(relation).related_model
            fields[model] = (*fields.get(model, ()), name)
    return fields


INDEXED_FIELDS = lent_fields()


def record_change(page_ids, reason):
    """Outbox rows for ``page_ids`` now, in the current transaction; a drain after commit."""
    page_ids = set(page_ids)
    if page_ids:
        sync.queue(page_ids, reason)
        transaction.on_commit(tasks.request_drain)


def case_studies_under(page):
    return CaseStudyPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)


def case_studies_of(instance):
    if isinstance(instance, CouncilPage):
        return case_studies_under(instance)
    field = "approaches" if isinstance(instance, Approach) else "themes"
    return CaseStudyPage.objects.filter(**{field: instance}).values_list("pk", flat=True)


def indexed_values(instance):
    return tuple(getattr(instance, name) for name in INDEXED_FIELDS[type(instance)])


def on_publish_change(sender, instance, **kwargs):
    record_change([instance.pk], "publish/unpublish")


def on_case_study_deleted(sender, instance, **kwargs):
    record_change([instance.pk], "delete")


def on_page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    record_change(case_studies_under(instance), "move")


def remember_indexed_values(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    before = (
        type(instance).objects.filter(pk=instance.pk).values_list(*INDEXED_FIELDS[type(instance)])
    )
    instance._indexed_before = before.first()


def on_term_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_indexed_before", None)
    if raw or created or before is None or before == indexed_values(instance):
        return
    record_change(case_studies_of(instance), f"rename of {instance}")


def on_term_deleting(sender, instance, **kwargs):
    # Collected before the links disappear; applied once the deletion commits.
    record_change(list(case_studies_of(instance)), f"deletion of {instance}")


def on_restriction_changed(sender, instance, **kwargs):
    record_change(case_studies_under(instance.page), "privacy change")


def connect():
    page_published.connect(on_publish_change, sender=CaseStudyPage)
    page_unpublished.connect(on_publish_change, sender=CaseStudyPage)
    post_delete.connect(on_case_study_deleted, sender=CaseStudyPage)
    post_page_move.connect(on_page_moved)
    for model in INDEXED_FIELDS:
        pre_save.connect(remember_indexed_values, sender=model)
        post_save.connect(on_term_saved, sender=model)
    for model in (Approach, Theme):
        pre_delete.connect(on_term_deleting, sender=model)
    for model in {*(source.model for source in labels.label_sources().values()), Synonym}:
        post_save.connect(labels.forget, sender=model)
        post_delete.connect(labels.forget, sender=model)
    post_save.connect(on_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction)
