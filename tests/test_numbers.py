"""Amounts in every form news uses (no spaCy needed: the scanner reads plain text)."""

import pytest

from sitreps.extract.numbers import find_amounts


def read(text: str) -> list[tuple]:
    return [(text[q.start:q.end], q.value, q.low, q.high, q.qualifier, q.unit) for q in find_amounts(text)]


@pytest.mark.parametrize("text,expected", [
    ("675,800 casualties", ("675,800", 675800, None, None, "exact", None)),
    ("1.5 million people", ("1.5 million", 1.5e6, None, None, "exact", None)),
    ("6.7k views", ("6.7k", 6700, None, None, "exact", None)),
    ("eleven thousand troops", ("eleven thousand", 11000, None, None, "exact", None)),
    ("a dozen drones", ("a dozen", 12, None, None, "exact", None)),
    ("twenty-five tanks", ("twenty-five", 25, None, None, "exact", None)),
    ("one hundred and twenty men", ("one hundred and twenty", 120, None, None, "exact", None)),
    ("11 thousand soldiers", ("11 thousand", 11000, None, None, "exact", None)),
    ("between 11 thousand and 12 thousand", ("between 11 thousand and 12 thousand", None, 11000, 12000, "range", None)),
    ("10,000 to 12,000 troops", ("10,000 to 12,000", None, 10000, 12000, "range", None)),
    ("10,000-12,000 troops", ("10,000-12,000", None, 10000, 12000, "range", None)),
    ("10–12 thousand troops", ("10–12 thousand", None, 10000, 12000, "range", None)),
    ("two or three drones", ("two or three", None, 2, 3, "range", None)),
    ("over 1,000 soldiers", ("over 1,000", None, 1000, None, "at-least", None)),
    ("more than 40 drones", ("more than 40", None, 40, None, "at-least", None)),
    ("at least seven", ("at least seven", None, 7, None, "at-least", None)),
    ("as many as 15,000", ("as many as 15,000", None, None, 15000, "at-most", None)),
    ("up to 20,000 troops", ("up to 20,000", None, None, 20000, "at-most", None)),
    ("fewer than 100 trucks", ("fewer than 100", None, None, 100, "at-most", None)),
    ("nearly 35%", ("nearly 35%", 35, None, None, "approx", "percent")),
    ("about 3,000 tonnes", ("about 3,000 tonnes", 3000, None, None, "approx", "tonne")),
    ("some 8.8 million", ("some 8.8 million", 8.8e6, None, None, "approx", None)),
    ("roughly 30 km", ("roughly 30 km", 30, None, None, "approx", "km")),
    ("several thousand fighters", ("several thousand", None, 3000, 9000, "vague", None)),
    ("dozens of people", ("dozens", None, 12, 99, "vague", None)),
    ("hundreds of thousands of homes", ("hundreds of thousands", None, 100000, 999999, "vague", None)),
    ("a handful of boats", ("a handful", None, 3, 5, "vague", None)),
    ("tens of millions of euros", ("tens of millions of euros", None, 1e7, 99999999, "vague", "EUR")),
    ("$2,000 bonus", ("$2,000", 2000, None, None, "exact", "USD")),
    ("US$1 billion", ("US$1 billion", 1e9, None, None, "exact", "USD")),
    ("€5m package", ("€5m", 5e6, None, None, "exact", "EUR")),
    ("2 billion rubles", ("2 billion rubles", 2e9, None, None, "exact", "RUB")),
    ("₴300 a month", ("₴300", 300, None, None, "exact", "UAH")),
    ("£2.26 billion", ("£2.26 billion", 2.26e9, None, None, "exact", "GBP")),
    ("250 million Norwegian crowns", ("250 million Norwegian crowns", 2.5e8, None, None, "exact", "NOK")),
    ("$10-12 billion", ("$10-12 billion", None, 10e9, 12e9, "range", "USD")),
    ("past 920,000 rials", ("past 920,000 rials", None, 920000, None, "at-least", "IRR")),
])
def test_amount_forms(text, expected):
    assert read(text)[0] == expected


def test_a_range_is_never_averaged():
    (_, value, low, high, qualifier, _), = read("between 800 and 1,000 killed")
    assert value is None and (low, high, qualifier) == (800, 1000, "range")


def test_a_change_from_one_figure_to_another_is_two_figures():
    assert [r[1] for r in read("raising battlegroups from four to eight")] == [4, 8]


def test_glued_number_and_sentence_end():
    assert read("amassing 1,530 Russian casualties")[0][:2] == ("1,530", 1530)
    assert read("from four to eight.")[-1][0] == "eight"


def test_five_m_without_a_currency_is_not_five_million():
    assert read("a 5m wall") == []


@pytest.mark.parametrize("text,value", [("around half of the population", 0.5), ("two-thirds of the city", 2 / 3),
                                        ("one and a half million people", 1.5e6), ("a quarter of the fleet", 0.25)])
def test_fractions(text, value):
    assert find_amounts(text)[0].value == pytest.approx(value)


def test_an_ordinal_is_not_a_fraction():
    assert find_amounts("on the third day") == []


def test_a_third_party_is_not_a_fraction():
    assert find_amounts("aided and abetted by a third: China") == []


@pytest.mark.parametrize("text,expected", [
    ("10 000 troops", ("10 000", 10000, None, None, "exact", None)),
    ("738 660 troops", ("738 660", 738660, None, None, "exact", None)),
    ("a $20-billion package", ("$20-billion", 2e10, None, None, "exact", "USD")),
    ("KSh17.3 million in drugs", ("KSh17.3 million", 17.3e6, None, None, "exact", "KES")),
    ("between 3.3 and 4.6 million people", ("between 3.3 and 4.6 million", None, 3.3e6, 4.6e6, "range", None)),
    ("between 500 and 2 million", ("between 500 and 2 million", None, 500, 2e6, "range", None)),
    ("3.7 million or more rallied", ("3.7 million or more", None, 3.7e6, None, "at-least", None)),
    ("an estimated 20,000 or more", ("an estimated 20,000 or more", None, 20000, None, "at-least", None)),
    ("four or more people", ("four or more", None, 4, None, "at-least", None)),
    ("200 or fewer", ("200 or fewer", None, None, 200, "at-most", None)),
    ("a few hundred meters away", ("a few hundred meters", None, 200, 500, "vague", "m")),
    ("felt several miles away", ("several miles", None, 3, 9, "vague", "mile")),
    ("by several percentage points", ("several percentage points", None, 3, 9, "vague", "percent")),
    ("several hundred square kilometres", ("several hundred square kilometres", None, 300, 900, "vague", "km2")),
    ("flew at 50m above the road", ("50m", 50, None, None, "exact", "m")),
    ("the 7m people displaced", ("7m", 7e6, None, None, "exact", None)),
    ("a tower 984ft tall", ("984ft", 984, None, None, "exact", "ft")),
    ("a depot 8km from the border", ("8km", 8, None, None, "exact", "km")),
    ("not one marcher", ("one", 0, None, None, "exact", None)),
])
def test_amount_forms_of_real_news(text, expected):
    assert read(text)[0] == expected


def test_a_day_and_a_count_after_a_month_are_two_numbers():
    assert [r[1] for r in read("On March 3 500 people marched")] == [3, 500]


def test_a_share_and_a_price_are_not_a_range():
    assert [r[5] for r in read("shares fell 2.5 percent to €2.73")] == ["percent", "EUR"]
