"""The Elasticsearch index of published, public case studies, and how a page becomes a document.

Analysis uses core features only (standard tokenizer, lowercase, English stop words, hunspell
en_GB, shingles), so the same mapping runs on the project's local node and on any Elasticsearch 8.
"""

import hashlib
import html
import re

import orjson
from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Object,
    Text,
    analyzer,
    token_filter,
)

from .models import CaseStudyPage, CaseStudyPartner, CaseStudyTag
from .vocabulary import BUDGET_BANDS_BY_SLUG

english_hunspell = token_filter("english_hunspell", type="hunspell", locale="en_GB", dedup=True)
english_stop = token_filter("english_stop", type="stop", stopwords="_english_")
word_shingles = token_filter(
    "word_shingles", type="shingle", min_shingle_size=2, max_shingle_size=3
)

# Word forms and stop words: "cupboards" finds "cupboard", "volunteering" finds "volunteer".
english_text = analyzer(
    "english_text", tokenizer="standard", filter=["lowercase", english_stop, english_hunspell]
)
# Word pairs and triples for the phrase suggester ("did you mean").
shingle_text = analyzer("shingle_text", tokenizer="standard", filter=["lowercase", word_shingles])
# Title autocomplete keeps every word, stop words included ("the wigan deal").
plain_text = analyzer("plain_text", tokenizer="standard", filter=["lowercase"])

SPELL_FIELD = "spell"
BODY_BLOCK_TEXT_KEYS = {"section": ("text",), "paragraph": None, "quote": ("quote", "attribution")}
TAG_RE = re.compile(r"<[^>]+>")
SPACE_RE = re.compile(r"\s+")
# C0 controls (tab and newlines aside) and DEL: the completion field refuses U+0000, U+001E and
# U+001F outright, and none of them means anything in a title or a sentence.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


def clean_text(value):
    """``value`` without control characters (each run becomes one space), or ``value`` as is."""
    if not isinstance(value, str) or not CONTROL_RE.search(value):
        return value
    return SPACE_RE.sub(" ", CONTROL_RE.sub(" ", value)).strip()


def text_field(**kwargs):
    return Text(analyzer=english_text, copy_to=SPELL_FIELD, **kwargs)


class CaseStudyIndexDocument(Document):
    page_id = Long()
    title = text_field(fields={"plain": Text(analyzer=plain_text)})
    title_suggest = Completion(analyzer=plain_text, preserve_separators=False)
    summary = text_field()
    body = Text(analyzer=english_text)
    council_name = text_field()
    partners = text_field()
    tags = text_field()
    approach_names = text_field()
    theme_names = text_field()
    spell = Text(analyzer=shingle_text)

    # Facets: one keyword field each, holding the vocabulary slugs (and FACET_COLUMNS').
    approach = Keyword()
    theme = Keyword()
    budget_band = Keyword()
    year = Keyword()

    budget = Long()
    start_year = Integer()
    first_published_at = Date()
    last_published_at = Date()

    # Shown in results without a database lookup; not searchable.
    url = Keyword(index=False)
    display = Object(enabled=False)
    content_hash = Keyword()


# Facet keyword fields that hold a column of the case study's row as it is: field -> column.
# The search side's facet registry (search/facets.py) filters and counts them by field name.
FACET_COLUMNS = {
    "council": "council__slug",
    "region": "council__region",
    "council_type": "council__council_type",
    "status": "status",
    "evidence": "evidence_level",
}


def index_body():
    """Settings and mappings for a new versioned index, sharded as the settings say."""
    body = CaseStudyIndexDocument._index.to_dict()
    body.setdefault("settings", {}).update(
        number_of_shards=settings.SEARCH_SHARDS, number_of_replicas=settings.SEARCH_REPLICAS
    )
    properties = body["mappings"]["properties"]
    for name in FACET_COLUMNS:
        properties.setdefault(name, {"type": "keyword"})
    return body


def body_text(raw_blocks):
    """Plain text of the StreamField body, read from its raw JSON (no block objects built)."""
    parts = []
    for block in raw_blocks or ():
        keys = BODY_BLOCK_TEXT_KEYS.get(block.get("type"), ())
        value = block.get("value")
        if keys is None:
            parts.append(value if isinstance(value, str) else "")
        elif isinstance(value, dict):
            parts.extend(str(value.get(key) or "") for key in keys)
    text = clean_text(html.unescape(TAG_RE.sub(" ", " ".join(parts))))
    return SPACE_RE.sub(" ", text).strip()


def case_studies_to_index():
    """What visitors may see: published, public case studies."""
    return CaseStudyPage.objects.live().public()


DOCUMENT_COLUMNS = (
    "id",
    "title",
    "url_path",
    "summary",
    "budget",
    "budget_band",
    "status",
    "start_year",
    "first_published_at",
    "last_published_at",
    "council__title",
    "council__slug",
    "council__region",
    "council__council_type",
    "council__is_example",
    "body_json",
)


# What a document holds of each approach and theme of its case study.
TERM_COLUMNS = ("slug", "name")


def document_rows(queryset):
    """``queryset`` as the plain rows ``document_sources`` reads, in page id order.

    The body comes as JSON text: StreamField's own conversion builds a field object per row,
    a fifth of the rebuild's database time.
    """
    return (
        queryset.annotate(body_json=Cast("body", TextField()))
        .values(*dict.fromkeys([*DOCUMENT_COLUMNS, *FACET_COLUMNS.values()]))
        .order_by("pk")
    )


def content_hash(source):
    payload = orjson.dumps(source, option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(payload, digest_size=12).hexdigest()


def _grouped(rows, wanted):
    """{page id: [value, ...]} from (page id, value) or (page id, value, value) rows."""
    groups = {}
    for page_id, *values in rows:
        if page_id in wanted:
            groups.setdefault(page_id, []).append(values[0] if len(values) == 1 else tuple(values))
    return groups


def _batch_filter(field, ids):
    """A filter on ``field`` that selects at least the page ids of a batch.

    A rebuild's batches are runs of neighbouring ids: a range costs Django nothing to build,
    where long IN lists are a large share of a rebuild's Python time. Rows of pages outside
    the batch are dropped by ``_grouped``.
    """
    low, high = min(ids), max(ids)
    if high - low < 2 * len(ids):
        return {f"{field}__gte": low, f"{field}__lte": high}
    return {f"{field}__in": ids}


def document_sources(rows, url_for):
    """Documents for a batch of ``document_rows()`` rows.

    Plain rows and one query per relation for the whole batch: model instances with prefetched
    related managers cost several times what Elasticsearch needs to index the result.
    """
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    wanted = set(ids)
    related = {
        "approaches": CaseStudyPage.approaches.through.objects.filter(
            **_batch_filter("casestudypage_id", ids)
        ).values_list("casestudypage_id", *(f"approach__{name}" for name in TERM_COLUMNS)),
        "themes": CaseStudyPage.themes.through.objects.filter(
            **_batch_filter("casestudypage_id", ids)
        ).values_list("casestudypage_id", *(f"theme__{name}" for name in TERM_COLUMNS)),
        "partners": CaseStudyPartner.objects.filter(**_batch_filter("page_id", ids))
        .order_by("sort_order", "pk")
        .values_list("page_id", "name"),
        "tags": CaseStudyTag.objects.filter(**_batch_filter("content_object_id", ids)).values_list(
            "content_object_id", "tag__name"
        ),
    }
    related = {name: _grouped(values, wanted) for name, values in related.items()}
    return [document_source(row, related, url_for) for row in rows]


def document_source(row, related, url_for):
    """The indexed form of one case study row, with its batch's ``related`` values."""
    page_id = row["id"]
    approaches = sorted(
        (slug, clean_text(name)) for slug, name in related["approaches"].get(page_id, ())
    )
    themes = sorted((slug, clean_text(name)) for slug, name in related["themes"].get(page_id, ()))
    title = clean_text(row["title"])
    council = (
        {
            "slug": row["council__slug"],
            "name": clean_text(row["council__title"]),
            "is_example": row["council__is_example"],
        }
        if row["council__slug"] is not None
        else None
    )
    band = row["budget_band"] or ""
    source = {
        "page_id": page_id,
        "title": title,
        "title_suggest": {"input": [title]},
        "summary": clean_text(row["summary"]),
        "body": body_text(orjson.loads(row["body_json"]) if row["body_json"] else ()),
        "council_name": council["name"] if council else "",
        "partners": [clean_text(name) for name in related["partners"].get(page_id, ())],
        "tags": sorted(clean_text(tag) for tag in related["tags"].get(page_id, ())),
        "approach_names": [name for _slug, name in approaches],
        "theme_names": [name for _slug, name in themes],
        "approach": [slug for slug, _name in approaches],
        "theme": [slug for slug, _name in themes],
        "budget_band": band,
        **{name: row[column] for name, column in FACET_COLUMNS.items()},
        "year": str(row["start_year"]) if row["start_year"] else None,
        "budget": row["budget"],
        "start_year": row["start_year"],
        "first_published_at": row["first_published_at"],
        "last_published_at": row["last_published_at"],
        "url": url_for(row["url_path"]),
        "display": {
            "council": council,
            "approaches": [{"slug": slug, "name": name} for slug, name in approaches],
            "themes": [{"slug": slug, "name": name} for slug, name in themes],
            "budget_band_label": BUDGET_BANDS_BY_SLUG[band].label if band else "",
        },
    }
    source["content_hash"] = content_hash(source)
    return source
