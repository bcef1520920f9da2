"""What the moderator's compare view shows: only real changes, in the words the form uses.

Registered for every model's plain fields, so an empty value reads "(empty)" rather than
"None" or nothing; a stream whose blocks only got new ids is not flagged as changed.
"""

from django.db import models
from django.utils.html import escape
from wagtail.admin import compare
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField

EMPTY = "(empty)"


def shown(value):
    return EMPTY if value in (None, "") else value


class ReadableComparison(compare.FieldComparison):
    """Both sides as text, "(empty)" for a missing value."""

    def display(self, value):
        return shown(value)

    def htmldiff(self):
        before, after = str(self.display(self.val_a)), str(self.display(self.val_b))
        if before == after:
            return escape(before)
        return compare.TextDiff([("deletion", before), ("addition", after)]).to_html()


class ReadableTextComparison(compare.TextFieldComparison):
    """Word by word when both sides have text; "(empty)" on the side that has none."""

    def htmldiff(self):
        if self.val_a in (None, "") or self.val_b in (None, ""):
            return ReadableComparison.htmldiff(self)
        return super().htmldiff()

    def display(self, value):
        return shown(value)


class MoneyComparison(ReadableComparison):
    """Whole pounds as the public page shows them: £25,000."""

    def display(self, value):
        return EMPTY if value is None else f"£{value:,}"


class MoneyPanel(FieldPanel):
    """A field of whole pounds: compared as money."""

    def get_comparison_class(self):
        return MoneyComparison


def without_ids(stream):
    return [(child.block_type, child.block.get_prep_value(child.value)) for child in stream or []]


def with_ids_from(stream, reference):
    """``stream`` with each block that has an unknown id given the id at its place in
    ``reference``: re-saving a form can renumber blocks that did not change."""
    known = {child.id for child in reference}
    mine = {child.id for child in stream}
    children = []
    for position, child in enumerate(stream):
        block_id = child.id
        if block_id not in known and position < len(reference):
            candidate = reference[position]
            if candidate.id not in mine and candidate.block_type == child.block_type:
                block_id = candidate.id
        children.append((child.block_type, child.value, block_id))
    return StreamValue(stream.stream_block, children)


class StreamComparison(compare.StreamFieldComparison):
    """Changed only when a block's type or content changed, whatever its id."""

    def has_changed(self):
        return without_ids(self.val_a) != without_ids(self.val_b)

    def htmldiff(self):
        if self.val_a and self.val_b:
            self.val_b = with_ids_from(self.val_b, self.val_a)
        return super().htmldiff()


class LabelledStructComparison(compare.StructBlockComparison):
    """A struct block whose choice fields are compared by their labels, not stored values."""

    def __init__(self, block, exists_a, exists_b, val_a, val_b):
        super().__init__(
            block, exists_a, exists_b, self.labelled(block, val_a), self.labelled(block, val_b)
        )

    @staticmethod
    def labelled(block, value):
        if value is None:
            return value
        children = []
        for name, child_value in value.items():
            child = block.child_blocks[name]
            if hasattr(child, "field") and getattr(child.field, "choices", None):
                child_value = dict(child.field.choices).get(child_value, child_value)
            children.append((name, child_value))
        return type(value)(block, children)


for field_class in (models.CharField, models.TextField):
    compare.register_comparison_class(field_class, comparison_class=ReadableTextComparison)
for field_class in (models.IntegerField, models.DateField, models.FloatField, models.DecimalField):
    compare.register_comparison_class(field_class, comparison_class=ReadableComparison)
compare.register_comparison_class(StreamField, comparison_class=StreamComparison)
