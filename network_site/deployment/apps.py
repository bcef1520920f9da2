from django.apps import AppConfig


class DeploymentConfig(AppConfig):
    name = "network_site.deployment"
    label = "deployment"
    verbose_name = "Deployment"
