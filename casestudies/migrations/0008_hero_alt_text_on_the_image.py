"""The hero's alt text moves onto the image, where it is asked for once."""

from django.db import migrations


def copy_alt_text_to_images(apps, schema_editor):
    # An image without a description takes the first alt text a page gave it.
    CaseStudyPage = apps.get_model("casestudies", "CaseStudyPage")
    pages = CaseStudyPage.objects.exclude(hero_image=None).exclude(hero_alt="")
    for page in pages.select_related("hero_image").order_by("pk"):
        image = page.hero_image
        if not image.description.strip():
            image.description = page.hero_alt[:255]
            image.save(update_fields=["description"])


def copy_alt_text_to_pages(apps, schema_editor):
    CaseStudyPage = apps.get_model("casestudies", "CaseStudyPage")
    for page in CaseStudyPage.objects.exclude(hero_image=None).select_related("hero_image"):
        page.hero_alt = page.hero_image.description[:200]
        page.save(update_fields=["hero_alt"])


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0007_section_text_optional"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(copy_alt_text_to_images, copy_alt_text_to_pages),
        migrations.RemoveField(model_name="casestudypage", name="hero_alt"),
    ]
