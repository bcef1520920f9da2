from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class DeploymentConfig(AppConfig):
    name = "network_site.deployment"
    label = "deployment"
    verbose_name = "Deployment"

    def ready(self):
        from .site_address import replace_placeholder

        # Once per migrate, after every migration. Sent only for apps with models, which this
        # one has none of: listen for the app whose Site table it is.
        post_migrate.connect(
            replace_placeholder, sender=apps.get_app_config("wagtailcore"), dispatch_uid="site"
        )
