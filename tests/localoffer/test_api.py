"""The JSON API the assistant and partners use."""

import pytest


def test_search_returns_the_documented_shape(client):
    body = client.get("/api/v1/services", query_string={"q": "short brakes", "limit": 3}).get_json()
    assert body["meta"]["total"] > 3
    assert "/local-offer/?q=short+brakes" in body["meta"]["search_url"]
    assert len(body["data"]) == 3
    first = body["data"][0]
    assert set(first) == {
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
    }
    assert first["url"].endswith(f"/local-offer/services/{first['id']}")


def test_filters_apply_to_the_api(client):
    body = client.get(
        "/api/v1/services",
        query_string={"age": 20, "category": "care-leavers", "district": "redditch", "limit": 50},
    ).get_json()
    ids = [item["id"] for item in body["data"]]
    assert set(ids[:2]) == {"sample-redditch-care-leavers-hub", "care-leavers-drop-in-duty-points"}
    assert "sample-kidderminster-care-leavers-cafe" not in ids
    assert all("care-leavers" in item["categories"] for item in body["data"])
    assert all(item["age_min"] <= 20 <= item["age_max"] for item in body["data"])


def test_the_parent_category_short_breaks_covers_every_kind(client):
    body = client.get("/api/v1/services", query_string={"category": "short-breaks", "limit": 50}).get_json()
    ids = {item["id"] for item in body["data"]}
    assert {
        "ludlow-road-short-breaks-unit",
        "barnardos-family-based-short-breaks",
        "sample-evesham-family-swim",
    } <= ids


@pytest.mark.parametrize(
    "query",
    [
        {"age": "ten"},
        {"age": "-1"},
        {"limit": "0"},
        {"limit": "500"},
        {"district": "narnia"},
        {"category": "x"},
        {"cost": "cheap"},
    ],
)
def test_bad_parameters_get_a_json_error(client, query):
    response = client.get("/api/v1/services", query_string=query)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_parameter"


def test_one_service_in_full(client):
    body = client.get("/api/v1/services/young-adults-team").get_json()["data"]
    assert body["phone"] == "01905 845715"
    assert body["age_min"] == 16 and body["age_max"] == 25
    assert body["last_reviewed"] == "2019-09-26"
    assert body["sample_data"] is False


def test_an_unknown_service_is_a_json_404(client):
    response = client.get("/api/v1/services/no-such-service")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_the_openapi_document_describes_the_service_endpoints(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/services", "/api/v1/services/{id}"} <= set(document["paths"])
    assert "ServiceSummary" in document["components"]["schemas"]
