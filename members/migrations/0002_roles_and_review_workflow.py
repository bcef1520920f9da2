"""Create the moderator and administrator roles and the "Network review" workflow."""

from django.db import migrations


def create_roles_and_workflow(apps, schema_editor):
    from members.roles import ensure_roles
    from members.workflow import ensure_review_workflow

    using = schema_editor.connection.alias
    ensure_roles(apps, using=using)
    ensure_review_workflow(apps, using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("casestudies", "0002_seed_vocabulary_and_home"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
