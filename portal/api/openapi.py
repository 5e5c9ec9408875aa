"""OpenAPI fragments shared by the JSON endpoints the assistant calls."""


def assistant_post(summary: str, schema: str, created: dict) -> dict:
    """A POST that takes the JSON body ``schema``, needs the assistant's bearer token and answers 201."""
    return {
        "post": {
            "summary": summary,
            "security": [{"bearerAuth": []}],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
            },
            "responses": {
                "201": created,
                "400": {"description": "A field is missing or wrong"},
                "401": {"description": "Missing or wrong bearer token"},
            },
        }
    }
