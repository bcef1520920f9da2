"""The OpenAPI 3.1 description of the public search API, served at /api/search/openapi.json."""

from casestudies.vocabulary import BUDGET_BANDS

from .facets import FACETS
from .params import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_PARAMETERS,
    MAX_QUERY_LENGTH,
    MAX_VALUES_PER_FACET,
    SORT_CHOICES,
)


def _facet_parameter(facet):
    if facet.multi_select:
        how = " Repeat to select several (OR); different facets combine with AND."
        schema = {"type": "array", "items": {"type": "string"}, "maxItems": MAX_VALUES_PER_FACET}
    else:
        how = " One value; different facets combine with AND."
        schema = {"type": "array", "items": {"type": "string"}, "maxItems": 1}
    return {
        "name": facet.name,
        "in": "query",
        "required": False,
        "description": facet.description
        + how
        + " Unknown values are ignored (and not shown as selected).",
        "schema": schema,
        "style": "form",
        "explode": True,
    }


def _facets_schema():
    return {
        "type": "object",
        "required": list(FACETS),
        "additionalProperties": False,
        "properties": {
            name: {"type": "array", "items": {"$ref": "#/components/schemas/FacetOption"}}
            for name in FACETS
        },
    }


TERM = {
    "type": "object",
    "required": ["slug", "name"],
    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
}

SCHEMAS = {
    "Term": TERM,
    "Council": {
        "type": "object",
        "required": [*TERM["required"], "is_example"],
        "properties": {
            **TERM["properties"],
            "is_example": {
                "type": "boolean",
                "description": "A fictional council used for demonstration, not a real one.",
            },
        },
    },
    "Result": {
        "type": "object",
        "required": [
            "id",
            "title",
            "url",
            "summary",
            "highlight",
            "council",
            "approaches",
            "themes",
            "budget",
            "budget_band",
            "status",
            "year",
            "published",
            "updated",
        ],
        "properties": {
            "id": {"type": "integer", "description": "Wagtail page id."},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "summary": {"type": "string"},
            "highlight": {
                "type": "string",
                "description": "Escaped HTML snippet; the only tag is <mark>.",
            },
            "council": {
                "$ref": "#/components/schemas/Council",
                "description": "Empty slug and name when the case study has no council.",
            },
            "approaches": {"type": "array", "items": {"$ref": "#/components/schemas/Term"}},
            "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Term"}},
            "budget": {"type": ["integer", "null"], "description": "Whole pounds."},
            "budget_band": {"type": "string", "enum": [band.slug for band in BUDGET_BANDS]},
            "status": {"type": "string"},
            "year": {"type": ["integer", "null"], "description": "Year started."},
            "published": {
                "type": ["string", "null"],
                "format": "date-time",
                "description": "When the case study was first published (ISO 8601).",
            },
            "updated": {
                "type": ["string", "null"],
                "format": "date-time",
                "description": "When it was last published (ISO 8601).",
            },
        },
    },
    "FacetOption": {
        "type": "object",
        "required": ["value", "label", "count", "selected"],
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
        },
    },
    "SearchResponse": {
        "type": "object",
        "required": [
            "query",
            "backend",
            "total",
            "page",
            "page_size",
            "pages",
            "results",
            "facets",
            "suggestion",
        ],
        "properties": {
            "query": {"type": "string"},
            "backend": {
                "type": "string",
                "enum": ["elasticsearch", "database"],
                "description": "database: the search node is unavailable; results are simpler.",
            },
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "pages": {"type": "integer", "minimum": 0},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Result"}},
            # Filled in from the registry as the schema is served (``openapi_schema``).
            "facets": {},
            "suggestion": {"type": ["string", "null"], "description": "Did you mean …"},
        },
    },
    "SuggestResponse": {
        "type": "object",
        "required": ["query", "backend", "suggestions"],
        "properties": {
            "query": {"type": "string"},
            "backend": {"type": "string", "enum": ["elasticsearch", "database"]},
            "suggestions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["title", "url"],
                    "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
                },
            },
        },
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string"}},
    },
}


def _json(schema_name, description):
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


TOO_MANY = _json(
    "Error",
    "Too many searches from this client; the Retry-After header says how many seconds to wait.",
)
TOO_MANY["headers"] = {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}}


def openapi_schema():
    response = SCHEMAS["SearchResponse"]
    properties = {**response["properties"], "facets": _facets_schema()}
    schemas = {**SCHEMAS, "SearchResponse": {**response, "properties": properties}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Case study search",
            "version": "1",
            "description": (
                "Faceted search over the network's published case studies. Answers from the "
                "search index, or from the database when the index is unavailable."
            ),
        },
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "searchCaseStudies",
                    "summary": "Search case studies with facets",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "description": "Words to search for; empty matches everything.",
                            "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                        },
                        *(_facet_parameter(facet) for facet in FACETS.values()),
                        {
                            "name": "sort",
                            "in": "query",
                            "required": False,
                            "description": "relevance is the default with q, newest without.",
                            "schema": {"type": "string", "enum": list(SORT_CHOICES)},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "default": 1},
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PAGE_SIZE,
                                "default": DEFAULT_PAGE_SIZE,
                            },
                        },
                    ],
                    "responses": {
                        "200": _json("SearchResponse", "A page of results with facet counts."),
                        "400": _json(
                            "Error",
                            "An invalid page, page_size or sort, search words over "
                            f"{MAX_QUERY_LENGTH} characters, over {MAX_VALUES_PER_FACET} values "
                            f"for a facet or over {MAX_PARAMETERS} parameters in all.",
                        ),
                        "429": TOO_MANY,
                    },
                }
            },
            "/api/search/suggest/": {
                "get": {
                    "operationId": "suggestTitles",
                    "summary": "Title completions for autocomplete",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "description": "The start of a title.",
                            "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                        }
                    ],
                    "responses": {
                        "200": _json("SuggestResponse", "Matching titles."),
                        "400": _json("Error", f"A prefix over {MAX_QUERY_LENGTH} characters."),
                        "429": TOO_MANY,
                    },
                }
            },
        },
        "components": {"schemas": schemas},
    }
