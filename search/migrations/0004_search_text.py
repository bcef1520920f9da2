"""The stored full-text vectors of the database fallback (PostgreSQL; an unused table on SQLite).

Existing case studies get their vectors after ``migrate`` finishes (``search.fulltext`` fills
every visible page without one on ``post_migrate``), and ``manage.py search_text`` rewrites them
all: filling them here would freeze today's models into this migration.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class AddIndexOnPostgres(migrations.AddIndex):
    """A GIN index exists on PostgreSQL only; SQLite keeps the model state without it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ('casestudies', '0003_case_study_validation'),
        ('search', '0003_rejecteddocument'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchText',
            fields=[
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_text', serialize=False, to='casestudies.casestudypage')),
                ('vector', django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                'verbose_name': 'full-text search vector',
            },
        ),
        AddIndexOnPostgres(
            model_name='searchtext',
            index=django.contrib.postgres.indexes.GinIndex(fields=['vector'], name='search_text_vector_gin'),
        ),
    ]
