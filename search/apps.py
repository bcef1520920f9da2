from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the system checks)
            fulltext,
            signal_handlers,
        )

        signal_handlers.connect()
        fulltext.connect(self)
