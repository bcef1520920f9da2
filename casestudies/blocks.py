"""StreamField blocks for the body of a case study."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from .vocabulary import SectionHeading


class SectionValue(blocks.StructValue):
    def heading_label(self):
        return SectionHeading(self["heading"]).label


class SectionBlock(blocks.StructBlock):
    """A headed section: the standard headings keep case studies comparable."""

    heading = blocks.ChoiceBlock(choices=SectionHeading.choices)
    # Optional: a new story comes with every heading, and the form drops those left empty.
    text = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link", "ol", "ul", "h3"]
    )

    class Meta:
        icon = "doc-full"
        template = "casestudies/blocks/section.html"
        value_class = SectionValue

    def get_comparison_class(self):
        # The compare view names the heading as the form does ("What we did"), not its slug.
        from .compare import LabelledStructComparison

        return LabelledStructComparison


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "casestudies/blocks/quote.html"


class CaseStudyBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3"])
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(max_width=800)
