"""The case study's own admin views: Wagtail's, with what trips officers up taken out."""

from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import PageViewSet

from .models import CaseStudyPage


class CaseStudyCreateView(CreateView):
    """Creating a case study, without autosave.

    Autosave validates a new page every few seconds, so it flags the required fields an officer
    has not reached yet as errors while they are still typing. Edits keep autosave: by then the
    page has its required fields.
    """

    def get_context_data(self, **kwargs):
        self.autosave_enabled = False
        return super().get_context_data(**kwargs)


class CaseStudyPageViewSet(PageViewSet):
    model = CaseStudyPage
    add_view_class = CaseStudyCreateView
