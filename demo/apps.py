from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content, generated case studies and their loaders; no app imports this one."""

    name = "demo"
    verbose_name = "Demo content"
