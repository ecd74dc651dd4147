import pytest

import sitreps
from sitreps.schema import schema_errors
from tests.pages import ARTICLE_HTML, GERMAN_TEXT, SHORT_WIRE


def test_extract_text_gives_a_report_with_offsets_into_the_cleaned_text():
    report = sitreps.extract(SHORT_WIRE, published="2024-10-22")
    article = report.article
    assert article.published == "2024-10-22" and article.published_basis == "given"
    assert article.genre == "news" and article.publisher == "Meridian Wire"
    assert "Copyright" not in article.text
    assert len(article.id) == 16
    texts = [article.text[s.start:s.end] for s in report.sentences]
    assert texts[0].startswith("KYIV, Oct 22") and texts[-1].endswith("killed in Kharkiv.")
    assert report.sentence_of(article.text.index("Kharkiv")) == len(texts) - 1


def test_extract_html_string_reads_its_metadata():
    report = sitreps.extract(ARTICLE_HTML, url="https://news.example/2024/10/22/port.html")
    assert report.article.title == "Drones strike grain port near Odesa"
    assert report.article.published_basis == "metadata"
    assert report.article.url == "https://news.example/2024/10/22/port.html"


def test_url_date_pattern_dates_a_plain_text_article():
    report = sitreps.extract("Officials said 12 people died in the attack on Tuesday.",
                             url="https://news.example/world/2024/10/22/attack")
    assert (report.article.published, report.article.published_basis) == ("2024-10-22", "metadata")


def test_paragraphs_never_share_a_sentence():
    report = sitreps.extract("The ministry said 300 troops moved north.\nTroop movements near the border\n"
                             "Officials declined to comment.")
    assert [report.article.text[s.start:s.end] for s in report.sentences] == [
        "The ministry said 300 troops moved north.", "Troop movements near the border", "Officials declined to comment."]


def test_first_line_that_does_not_end_like_a_sentence_is_the_title():
    report = sitreps.extract("Gaza truce talks enter final stretch as mediators press Israel and Hamas\n"
                             "DOHA, Jan 14 (Meridian Wire) - Negotiators met on Tuesday.")
    assert report.article.title.startswith("Gaza truce talks")
    assert report.article.text.startswith("DOHA")


def test_extract_many_matches_extract_and_keeps_order():
    items = [SHORT_WIRE, GERMAN_TEXT, ARTICLE_HTML]
    many = list(sitreps.extract_many(items))
    assert [r.to_dict() for r in many] == [sitreps.extract(i).to_dict() for i in items]
    assert [r.article.language for r in many] == ["en", "de", "en"]


def test_non_english_report_is_valid_with_a_warning():
    report = sitreps.extract(GERMAN_TEXT)
    assert report.article.language == "de"
    assert any("non-English" in w for w in report.warnings)
    assert schema_errors(report.to_dict()) == []


def test_bad_published_date_is_a_clear_value_error():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        sitreps.extract(SHORT_WIRE, published="last Tuesday")


def test_schema_rejects_a_broken_report():
    data = sitreps.extract(SHORT_WIRE).to_dict()
    data["article"]["genre"] = "gossip"
    data["figures"] = [{"id": "F1"}]
    errors = schema_errors(data)
    assert any("genre" in e for e in errors) and any(e.startswith("figures/0") for e in errors)
