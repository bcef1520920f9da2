"""API v2 representations that read well: names and slugs, not bare database ids."""

from rest_framework import serializers

from .vocabulary import BUDGET_BANDS_BY_SLUG


class ReadOnlyField(serializers.Field):
    """A field that only ever serialises: the API is read-only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class VocabularyTermsField(ReadOnlyField):
    """Approaches or themes as a list of ``{"name", "slug"}``, sorted by name."""

    def to_representation(self, value):
        terms = sorted(value.all(), key=lambda term: term.name)
        return [{"name": term.name, "slug": term.slug} for term in terms]


class BudgetBandField(ReadOnlyField):
    """The budget band as its slug and label."""

    def to_representation(self, value):
        return {"slug": value, "label": BUDGET_BANDS_BY_SLUG[value].label}


class CouncilSummaryField(ReadOnlyField):
    """The owning council: enough to filter "places like mine" without a second request."""

    def to_representation(self, council):
        return {
            "id": council.id,
            "title": council.title,
            "council_type": council.council_type,
            "region": council.region,
            "is_example": council.is_example,
        }


class DocumentSummaryField(ReadOnlyField):
    """A report attached to a case study: title, download link, size in bytes and type."""

    def to_representation(self, document):
        return {
            "id": document.id,
            "title": document.title,
            "url": document.url,
            "file_size": document.file_size,
            "file_extension": document.file_extension,
        }
