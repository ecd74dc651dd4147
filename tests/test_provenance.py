from sitreps.provenance import default_rules, read_provenance, split_person_names


def test_copyright_line_names_the_authors_and_the_disclaimer_the_publisher():
    removed = ["Copyright 2024. Jane Q. Public and Mark C. Roe. All rights reserved.",
               "The opinions expressed here are the writers’ own and do not necessarily reflect those of Kyiv Post."]
    result = read_provenance(["Some text."], removed)
    assert result.authors == ["Jane Q. Public", "Mark C. Roe"]
    assert result.publisher == "Kyiv Post"
    assert result.genre == "opinion"


def test_wire_dateline_gives_publisher_and_news_genre():
    body = ["KHARKIV, Ukraine, March 14 (Meridian Wire) - Russian drones struck the city overnight."]
    result = read_provenance(body, ["Reporting by Olena Petrenko in Kharkiv and Ivan Sydorenko in Kyiv; Editing by Mark Hale"])
    assert result.publisher == "Meridian Wire"
    assert result.genre == "news"
    assert result.authors == ["Olena Petrenko", "Ivan Sydorenko"]


def test_byline_outranks_wire_credits_and_organisations_are_not_authors():
    result = read_provenance(["Text."], ["Reporting by Someone Else", "Copyright 2025 Meridian Wire. All rights reserved."],
                             byline="Jane Doe, Meridian Wire")
    assert result.authors == ["Jane Doe"]
    assert result.publisher == "Meridian Wire"


def test_press_release_cues():
    assert read_provenance(["FOR IMMEDIATE RELEASE", "Text."], []).genre == "press-release"
    assert read_provenance(["Plain prose without cues."], []).genre == "unknown"


def test_name_splitting():
    rules = default_rules()
    assert split_person_names("Ann Lee, Bo Kim and Cy Young", rules) == ["Ann Lee", "Bo Kim", "Cy Young"]
    assert split_person_names("Meridian Wire", rules) == []
