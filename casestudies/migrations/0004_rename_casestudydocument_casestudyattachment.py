from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0003_case_study_validation"),
    ]

    operations = [
        migrations.RenameModel(old_name="CaseStudyDocument", new_name="CaseStudyAttachment"),
    ]
