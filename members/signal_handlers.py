"""Keep roles and the review workflow in step with the installed models after every migrate."""

from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver


def _last_app_with_models():
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


@receiver(post_migrate, dispatch_uid="members.ensure_roles")
def ensure_roles_after_migrate(sender, using="default", **kwargs):
    # post_migrate fires once per app: act once, after the last, so models added by any
    # app since the last run (e.g. the search app's Synonym snippet) get their permissions.
    if sender is not _last_app_with_models():
        return
    from .roles import ensure_roles
    from .workflow import ensure_review_workflow

    ensure_roles(using=using)
    ensure_review_workflow(using=using)
