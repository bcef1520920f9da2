"""Facet tokens, budget and publication date beside each stored vector (PostgreSQL only).

The database fallback filters, counts and sorts on this one narrow table instead of joining the
page tables: ``facets`` holds ``name:value`` tokens (GIN-indexed for ``&&``), and the sort
columns have their own indexes. SQLite has no array type and keeps the table as it was; it does
not store vectors at all. The stored rows are derived data, so they are dropped here and written
again with the new columns after ``migrate`` (``search.fulltext`` fills missing rows on
``post_migrate``).
"""

from django.db import migrations

FORWARDS = [
    "DELETE FROM search_searchtext",
    "ALTER TABLE search_searchtext ADD COLUMN facets text[] NOT NULL DEFAULT '{}', "
    "ADD COLUMN budget bigint NULL, ADD COLUMN published_at timestamptz NULL",
    "CREATE INDEX search_text_facets_gin ON search_searchtext USING gin (facets)",
    "CREATE INDEX search_text_newest ON search_searchtext "
    "(published_at DESC NULLS LAST, page_id DESC)",
    "CREATE INDEX search_text_budget_asc ON search_searchtext "
    "(budget ASC NULLS LAST, published_at DESC NULLS LAST, page_id DESC)",
    "CREATE INDEX search_text_budget_desc ON search_searchtext "
    "(budget DESC NULLS LAST, published_at DESC NULLS LAST, page_id DESC)",
]
BACKWARDS = [
    "ALTER TABLE search_searchtext DROP COLUMN facets, DROP COLUMN budget, "
    "DROP COLUMN published_at",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_seed_everyday_synonyms"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(FORWARDS), run_on_postgresql(BACKWARDS)),
    ]
