"""Search vocabulary that network staff edit (synonyms), the outbox of index changes, the
documents the index refused and the stored full-text vectors of the database fallback."""

import re

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from wagtail.admin.panels import FieldPanel

from casestudies.models import CaseStudyPage


class Synonym(models.Model):
    """Words and phrases that mean the same to practitioners, expanded at query time."""

    terms = models.CharField(
        max_length=500,
        unique=True,
        help_text=(
            "Words or phrases that mean the same, separated by commas, "
            "e.g. 'PB, participatory budgeting'."
        ),
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why these belong together.")

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        ordering = ["terms"]

    def __str__(self):
        return " ⇄ ".join(self.term_list())

    def term_list(self):
        """The distinct, whitespace-normalised terms of this group, in the order written."""
        seen = {}
        for raw in self.terms.split(","):
            term = re.sub(r"\s+", " ", raw).strip()
            if term and term.lower() not in seen:
                seen[term.lower()] = term
        return list(seen.values())


class PendingSync(models.Model):
    """The outbox: a case study whose index entry is not known to be up to date yet.

    Each content change adds a row in the same transaction as the change; the drain task
    re-reads the page from the database and removes the row once the index has confirmed,
    so the order and the kind of change do not matter and a crash after commit loses nothing.
    """

    page_id = models.PositiveIntegerField(db_index=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "pending index change"

    def __str__(self):
        return f"page {self.page_id} queued at {self.queued_at:%Y-%m-%d %H:%M:%S}"


class RejectedDocument(models.Model):
    """A case study whose document the search node refused; skipped until the page indexes."""

    page_id = models.PositiveIntegerField(unique=True)
    reason = models.TextField()
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = "document rejected by the search index"

    def __str__(self):
        return f"page {self.page_id}: {self.reason[:80]}"


class SearchText(models.Model):
    """A case study's weighted full-text vector, for the database fallback on PostgreSQL.

    Filled by ``search.fulltext`` from the rows the index documents are built from: title (A),
    summary (B), body (C), council, partners, tags, approach and theme names (D). On
    PostgreSQL the table also holds the columns the fallback filters, counts and sorts on
    (``facets``, ``budget``, ``published_at``: migration 0006, plain SQL as SQLite has no array
    type). SQLite leaves the table empty and matches words with LIKE instead.
    """

    page = models.OneToOneField(
        CaseStudyPage,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_text",
    )
    vector = SearchVectorField()

    class Meta:
        indexes = [GinIndex(fields=["vector"], name="search_text_vector_gin")]
        verbose_name = "full-text search vector"

    def __str__(self):
        return f"search text of page {self.page_id}"
