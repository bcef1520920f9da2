from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import post_page_move

        from . import checks  # noqa: F401 (registers the system checks)
        from .models import CaseStudyPage, keep_council_after_move

        post_page_move.connect(keep_council_after_move, sender=CaseStudyPage)
