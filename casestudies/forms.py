"""Admin forms for the content model: clear messages for every rule an officer can break."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText

from .vocabulary import SectionHeading

SUMMARY_MAX_LENGTH = 300

# Messages written for officers; the model's validators say the same for code paths without a form.
MESSAGES = {
    "summary": {
        "required": "Write a short summary of the project.",
        "max_length": f"The summary must be {SUMMARY_MAX_LENGTH} characters or fewer.",
    },
    "approaches": {"required": "Choose at least one approach."},
    "themes": {"required": "Choose at least one theme."},
    "budget": {
        "min_value": "The budget cannot be negative. Leave it empty when it is not stated.",
        "invalid": "Give the budget in whole pounds, using numbers only, for example 25000.",
    },
    "people_reached": {"min_value": "People reached cannot be negative."},
    "volunteers": {"min_value": "The number of volunteers cannot be negative."},
}


# C0 controls except tab, newline and carriage return, then DEL and the C1 controls: invisible,
# usually pasted in by accident, and refused by Elasticsearch's completion field.
CONTROL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CHARACTER_MESSAGE = (
    "Remove the invisible control characters from this text "
    "(they often come with text pasted from another program)."
)


def has_control_characters(value):
    """Whether a string, or any string inside lists, dicts or a StreamField value, holds one."""
    if isinstance(value, StreamValue):
        value = value.get_prep_value()
    if isinstance(value, str):
        return CONTROL_CHARACTERS_RE.search(value) is not None
    if isinstance(value, dict):
        return any(has_control_characters(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(has_control_characters(item) for item in value)
    return False


def validate_no_control_characters(value):
    if has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_characters")


def refuse_control_characters(form):
    """Add a form error to every cleaned field of ``form`` that holds a control character."""
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        if name not in form.errors and has_control_characters(value):
            form.add_error(name, ValidationError(CONTROL_CHARACTER_MESSAGE))


REFERENCE_MESSAGES = {
    "document": (
        "Choose a document from your council's collection: this one is not available to you."
    ),
    "image": "Choose an image from your council's collection: this one is not available to you.",
    "page": "Link to a published page or one of your council's own pages.",
}
RICH_TEXT_TAG_RE = re.compile(r"<(a|embed)\b([^>]*)>")
ATTRIBUTE_RE = re.compile(r'([\w-]+)="([^"]*)"')
RICH_TEXT_KINDS = {
    ("a", "document"): "document",
    ("a", "page"): "page",
    ("embed", "image"): "image",
}


def rich_text_references(html):
    """{"document"|"page"|"image": {id, ...}} linked or embedded in stored rich text."""
    found = {}
    for tag, attributes in RICH_TEXT_TAG_RE.findall(html):
        attrs = dict(ATTRIBUTE_RE.findall(attributes))
        kind = RICH_TEXT_KINDS.get((tag, attrs.get("linktype") or attrs.get("embedtype")))
        if kind and attrs.get("id", "").isdigit():
            found.setdefault(kind, set()).add(int(attrs["id"]))
    return found


def stream_references(value, found=None):
    """References in a StreamField's stored JSON: image blocks and rich text, at any depth."""
    found = {} if found is None else found
    if isinstance(value, StreamValue):
        value = value.get_prep_value()
    if isinstance(value, str):
        for kind, ids in rich_text_references(value).items():
            found.setdefault(kind, set()).update(ids)
    elif isinstance(value, list | tuple):
        for item in value:
            stream_references(item, found)
    elif isinstance(value, dict):
        if value.get("type") == "image":
            image = value.get("value")
            image = image.get("image") if isinstance(image, dict) else image
            if isinstance(image, int):
                found.setdefault("image", set()).add(image)
        for item in value.values():
            stream_references(item, found)
    return found


def permitted(user, kind, ids):
    """Whether ``user`` may use every one of ``ids``: documents and images of the collections
    they may choose from, pages that are live or theirs to edit."""
    if not ids or user is None or user.is_superuser:
        return True
    if kind == "page":
        editable = PagePermissionPolicy().explorable_instances(user).values("pk")
        allowed = Page.objects.filter(Q(live=True) | Q(pk__in=editable))
    else:
        model = get_document_model() if kind == "document" else get_image_model()
        allowed = policy_registry.get_by_type(model).instances_user_has_permission_for(
            user, "choose"
        )
    return allowed.filter(pk__in=ids).count() == len(set(ids))


TAG_RE = re.compile(r"<[^>]+>")


def is_blank_rich_text(value):
    source = value.source if isinstance(value, RichText) else str(value or "")
    return not TAG_RE.sub("", source).replace("&nbsp;", "").strip()


def standard_sections(stream_block):
    """A new story starts with every standard heading, so officers write under them in order."""
    raw = [
        {"type": "section", "value": {"heading": heading.value, "text": ""}}
        for heading in SectionHeading
    ]
    return stream_block.to_python(raw)


def without_blank_sections(value):
    """The body minus headed sections left empty: a heading with nothing under it says nothing."""
    kept = [
        (child.block_type, child.value, child.id)
        for child in value
        if not (child.block_type == "section" and is_blank_rich_text(child.value["text"]))
    ]
    if len(kept) == len(value):
        return value
    return StreamValue(value.stream_block, kept)


def _pk(value):
    return getattr(value, "pk", value)


class CaseStudyPageForm(WagtailAdminPageForm):
    """The case study editing form; the model's clean() adds the date rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, messages in MESSAGES.items():
            field = self.fields.get(name)
            if field is not None:
                field.error_messages.update(messages)
        body = self.fields.get("body")
        if body is not None and not self.is_bound and not self.instance.pk:
            self.initial["body"] = standard_sections(body.block)

    def clean(self):
        cleaned_data = super().clean()
        if isinstance(cleaned_data.get("body"), StreamValue):
            cleaned_data["body"] = without_blank_sections(cleaned_data["body"])
        refuse_control_characters(self)
        self._refuse_foreign_references()
        return cleaned_data

    def _refuse_foreign_references(self):
        # Choosers only offer what the user may use; a forged POST must meet the same rule.
        user = self.for_user
        hero = _pk(self.cleaned_data.get("hero_image"))
        if hero and not permitted(user, "image", [hero]):
            self.add_error("hero_image", REFERENCE_MESSAGES["image"])
        if "body" in self.cleaned_data:
            for kind, ids in stream_references(self.cleaned_data["body"]).items():
                if not permitted(user, kind, ids):
                    self.add_error("body", REFERENCE_MESSAGES[kind])

    def is_valid(self):
        valid = super().is_valid()
        # Inline rows (partners, outcomes, links) are cleaned by their formsets, after clean().
        for formset in self.formsets.values():
            for form in formset.forms:
                refuse_control_characters(form)
                document = _pk(getattr(form, "cleaned_data", {}).get("document"))
                if document and not permitted(self.for_user, "document", [document]):
                    form.add_error("document", REFERENCE_MESSAGES["document"])
                valid = valid and not form.errors
        return valid
