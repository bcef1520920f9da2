"""Upload forms for images and documents: the words readers will meet, asked for once, well."""

import os

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

ALT_TEXT_HELP = (
    "Describe the image for people who cannot see it, for example 'Volunteers packing food "
    "bags in a village hall'. It is used wherever the image appears."
)
ALT_TEXT_REQUIRED = "Describe the image for people who cannot see it."
FILE_NAME_TITLE_MESSAGE = (
    "Give the document a title that says what it is, for example 'Evaluation report 2024': "
    "readers see the title as the link text, and a file name tells them little."
)


def looks_like_file_name(title, file_name):
    """Whether ``title`` is just the file's name, with or without its extension."""
    base = os.path.basename(file_name or "").lower()
    stem = os.path.splitext(base)[0]
    spelled = " ".join(stem.replace("_", " ").replace("-", " ").split())
    given = " ".join(title.lower().split())
    return given in {base, stem, spelled} - {""}


class ImageForm(BaseImageForm):
    """The image's description is its alt text: asked for here, and nowhere else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        alt = self.fields.get("description")
        if alt is not None:
            alt.label = "Alt text"
            alt.required = True
            alt.help_text = ALT_TEXT_HELP
            alt.error_messages["required"] = ALT_TEXT_REQUIRED


class DocumentForm(BaseDocumentForm):
    """A document's title is its public link text, so it may not be the bare file name."""

    def clean(self):
        cleaned_data = super().clean()
        title = cleaned_data.get("title") or ""
        upload = cleaned_data.get("file") or self.instance.file
        if title and upload and looks_like_file_name(title, upload.name):
            self.add_error("title", ValidationError(FILE_NAME_TITLE_MESSAGE, code="file_name"))
        return cleaned_data
