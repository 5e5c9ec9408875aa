"""OpenAPI description of the Local Offer endpoints (added to /api/v1/openapi.json)."""

from portal.localoffer.taxonomy import taxonomy

_vocab = taxonomy()
_DISTRICTS = list(_vocab.districts)
_NEEDS = list(_vocab.needs)
_CATEGORIES = list(_vocab.categories) + sorted({t.parent for t in _vocab.categories.values() if t.parent})

_nullable_string = {"type": "string", "nullable": True}
_nullable_int = {"type": "integer", "nullable": True}
_error = {"$ref": "#/components/schemas/Error"}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            }
        },
    },
    "ServiceSummary": {
        "type": "object",
        "required": [
            "id",
            "name",
            "summary",
            "url",
            "phone",
            "email",
            "website",
            "districts",
            "age_min",
            "age_max",
            "categories",
        ],
        "properties": {
            "id": {"type": "string", "description": "Stable Open Referral id of the service"},
            "name": {"type": "string"},
            "summary": {"type": "string"},
            "url": {"type": "string", "description": "The service's page on the Local Offer"},
            "phone": _nullable_string,
            "email": _nullable_string,
            "website": _nullable_string,
            "districts": {"type": "array", "items": {"type": "string", "enum": _DISTRICTS}},
            "age_min": _nullable_int,
            "age_max": _nullable_int,
            "categories": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Service": {
        "allOf": [
            {"$ref": "#/components/schemas/ServiceSummary"},
            {
                "type": "object",
                "required": [
                    "organisation",
                    "description",
                    "needs",
                    "locations",
                    "cost",
                    "last_reviewed",
                    "sample_data",
                ],
                "properties": {
                    "organisation": {"type": "string"},
                    "description": {"type": "string"},
                    "eligibility": {"type": "string"},
                    "needs": {"type": "array", "items": {"type": "string"}},
                    "locations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "name": {"type": "string"},
                                "address": {"type": "string"},
                                "postcode": {"type": "string"},
                                "district": {"type": "string"},
                            },
                        },
                    },
                    "cost": {
                        "type": "object",
                        "properties": {
                            "type": {"type": "string", "enum": ["free", "some", "paid"]},
                            "description": {"type": "string"},
                        },
                    },
                    "access": {"type": "string"},
                    "opening_times": {"type": "string"},
                    "contact_note": {"type": "string"},
                    "last_reviewed": {"type": "string", "format": "date", "nullable": True},
                    "sample_data": {"type": "boolean"},
                },
            },
        ]
    },
}

PATHS = {
    "/api/v1/services": {
        "get": {
            "operationId": "searchServices",
            "summary": "Search the Local Offer",
            "description": (
                "Published services matching the words and filters, best first. Spelling slips are corrected."
            ),
            "parameters": [
                {
                    "name": "q",
                    "in": "query",
                    "schema": {"type": "string", "maxLength": 200},
                    "description": "Words to search for",
                },
                {"name": "age", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 120}},
                {"name": "district", "in": "query", "schema": {"type": "string", "enum": _DISTRICTS}},
                {"name": "category", "in": "query", "schema": {"type": "string", "enum": _CATEGORIES}},
                {"name": "need", "in": "query", "schema": {"type": "string", "enum": _NEEDS}},
                {"name": "cost", "in": "query", "schema": {"type": "string", "enum": ["free", "paid"]}},
                {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
                },
            ],
            "responses": {
                "200": {
                    "description": "Matching services",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["data", "meta"],
                                "properties": {
                                    "data": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/ServiceSummary"},
                                    },
                                    "meta": {
                                        "type": "object",
                                        "required": ["total", "search_url"],
                                        "properties": {
                                            "total": {"type": "integer", "minimum": 0},
                                            "search_url": {"type": "string"},
                                        },
                                    },
                                },
                            }
                        }
                    },
                },
                "400": {
                    "description": "A parameter is not valid",
                    "content": {"application/json": {"schema": _error}},
                },
            },
        }
    },
    "/api/v1/services/{id}": {
        "get": {
            "operationId": "getService",
            "summary": "One service",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {
                "200": {
                    "description": "The service",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["data"],
                                "properties": {"data": {"$ref": "#/components/schemas/Service"}},
                            }
                        }
                    },
                },
                "404": {
                    "description": "No published service has this id",
                    "content": {"application/json": {"schema": _error}},
                },
            },
        }
    },
}
