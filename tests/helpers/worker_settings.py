"""Settings for a ``db_worker`` a test starts as a separate process: the test settings (the
database, index prefix and node come from the environment the test passes), with tasks on the
database backend the test process enqueues into."""

from network_site.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
