"""Admin views that Wagtail opens to every editor but that would show officers other councils'
drafts; these URLs are matched before Wagtail's own (see network_site/urls.py)."""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView


class PublishersPageTypesUsageReportView(PageTypesUsageReportView):
    # The report names the last edited page of each type, whoever's draft it is.
    any_permission_required = ["publish"]


urlpatterns = [
    path(
        "reports/page-types-usage/",
        require_admin_access(PublishersPageTypesUsageReportView.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        require_admin_access(PublishersPageTypesUsageReportView.as_view(results_only=True)),
    ),
]
