"""Country points: the shipped file's point, with the outline centroid for missing and capital-only points."""

from __future__ import annotations

from importlib import resources

from wirespan.layers.locations import countrypoints as cp


def test_shipped_file_reads_as_codes_and_points():
    points = cp.shipped_country_points()
    assert len(points) > 150
    for code, (lat, lon) in points.items():
        assert len(code) == 2 and code.isupper()
        assert -90 <= lat <= 90 and -180 <= lon <= 180
    text = resources.files("wirespan").joinpath(f"data/{cp.COUNTRY_POINTS_FILE}").read_text("utf-8")
    assert "CC BY 4.0" in text and "GeoNames" in text  # the attribution travels with the data


def test_capital_point_is_within_a_tenth_of_a_degree():
    assert cp.is_capital_point((10.0, 20.0), [(10.05, 19.95)])
    assert not cp.is_capital_point((10.0, 20.0), [(10.2, 20.0)])
    assert not cp.is_capital_point((10.0, 20.0), [])


def test_country_point_falls_back_to_the_outline(monkeypatch):
    monkeypatch.setattr(cp, "shipped_country_points", lambda: {"QQ": (10.0, 20.0), "QZ": (1.0, 2.0)})
    outline = (11.5, 21.5)
    # shipped point used when it is not the capital's
    assert cp.country_point("QQ", 500_000, [(12.0, 22.0)], outline) == (10.0, 20.0)
    # a large country whose shipped point is its capital's: the outline centroid instead
    assert cp.country_point("QQ", 500_000, [(10.01, 20.02)], outline) == outline
    # a small country may be its capital
    assert cp.country_point("QZ", 300, [(1.0, 2.0)], (1.1, 2.1)) == (1.0, 2.0)
    # not in the file: the outline centroid (or None when there is none)
    assert cp.country_point("QX", 500_000, [], outline) == outline
    assert cp.country_point("QX", 500_000, [], None) is None
