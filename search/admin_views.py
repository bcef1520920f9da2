"""The rejected-documents report, for network staff (those who may publish)."""

from django.shortcuts import render
from wagtail.models import Page

from operations.views import staff_only

from .models import RejectedDocument


def rejected_rows():
    """Each rejection with its page (None once the page is deleted), newest first."""
    rejections = list(RejectedDocument.objects.all())
    pages = Page.objects.in_bulk([rejection.page_id for rejection in rejections])
    return [(rejection, pages.get(rejection.page_id)) for rejection in rejections]


@staff_only
def rejected_documents_view(request):
    return render(
        request,
        "search/admin/rejected_documents.html",
        {"page_title": "Rejected search documents", "rows": rejected_rows()},
    )
