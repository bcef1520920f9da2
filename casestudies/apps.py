from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site
        from wagtail.signals import post_page_move

        from network_site.sites import SITES

        from . import checks  # noqa: F401 (registers the system checks)
        from .models import CaseStudyPage, keep_council_after_move

        post_page_move.connect(keep_council_after_move, sender=CaseStudyPage)
        post_save.connect(SITES.forget, sender=Site)
        post_delete.connect(SITES.forget, sender=Site)
