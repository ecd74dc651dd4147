"""The orchestrator: one article in, one ``Report`` out. It reads like the algorithm.

    1. ingest     a file, page, URL or string becomes a RawArticle   (sitreps.ingest)
    2. clean      repairs, boilerplate out, title and byline          (sitreps.clean)
    3. provenance authors, publisher, genre from the text's cues      (sitreps.provenance)
    4. language   a non-English article is reported, not mined        (sitreps.language)
    5. parse      spaCy, once per article; batched in extract_many    (sitreps.nlp)
    6. extract    each extractor reads the parse and earlier results  (sitreps.extract)
    7. report     the sitreps/1 object                                (sitreps.types)

Steps 1-4 are cheap and run per article; step 5 is nearly all the cost, so
``extract_many`` prepares every article first and parses them with
``nlp.pipe`` in batches (and processes, when asked).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from sitreps.clean import clean
from sitreps.config import Settings
from sitreps.extract import EXTRACTORS
from sitreps.ingest import RawArticle, from_text
from sitreps.language import detect_language
from sitreps.nlp import get_nlp
from sitreps.provenance import read_provenance
from sitreps.types import Article, Report, Sentence

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")


@dataclass(slots=True)
class Prepared:
    """An article after steps 1-4, ready to parse."""

    article: Article
    warnings: list[str]

    @property
    def english(self) -> bool:
        return self.article.language == "en"


def prepare(raw: RawArticle, *, published: str | dt.date | None = None) -> Prepared:
    """Steps 2-4: clean the raw article and fill the article's metadata."""
    cleaned = clean(raw.text, detect_title=raw.title is None)
    provenance = read_provenance(cleaned.text.split("\n", 3), [r.text for r in cleaned.removed],
                                 byline=cleaned.byline)
    published_value, basis = _published(published, raw)
    language, _ = detect_language(cleaned.text)
    article = Article(
        id=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()[:16],
        text=cleaned.text,
        url=raw.url,
        title=raw.title or cleaned.title,
        authors=raw.authors or provenance.authors,
        publisher=raw.publisher or provenance.publisher,
        published=published_value,
        published_basis=basis,
        language=language,
        genre=raw.genre_hint or provenance.genre,  # type: ignore[arg-type]
        removed=cleaned.removed,
        repairs=cleaned.repairs,
    )
    warnings = list(raw.warnings)
    if not cleaned.text.strip():
        warnings.append("nothing but boilerplate: no article text left after cleaning")
    if language != "en":
        warnings.append(f"non-English text (detected language: {language}): extraction skipped")
    return Prepared(article, warnings)


def build_report(prepared: Prepared, doc: Doc | None) -> Report:
    """Steps 6-7: run the extractors over the parse and assemble the report."""
    report = Report(article=prepared.article, warnings=list(prepared.warnings))
    if doc is None:
        return report
    report.sentences = [Sentence(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents if s.text.strip()]
    for extractor in EXTRACTORS:
        extractor(doc, report)
    return report


def process(raw: RawArticle, *, published: str | dt.date | None = None, settings: Settings | None = None) -> Report:
    """The whole pipeline for one article that ingest has read."""
    settings = settings or Settings.from_env()
    prepared = prepare(raw, published=published)
    doc = get_nlp(settings.model)(prepared.article.text) if prepared.english and prepared.article.text else None
    return build_report(prepared, doc)


def process_many(raws: Iterable[RawArticle], *, settings: Settings | None = None) -> Iterator[Report]:
    """Reports for many articles, parsed in batches; output order follows input order."""
    settings = settings or Settings.from_env()
    nlp = get_nlp(settings.model)
    prepared = [prepare(raw) for raw in raws]
    parseable = [p for p in prepared if p.english and p.article.text]
    docs = iter(nlp.pipe((p.article.text for p in parseable), batch_size=settings.batch_size,
                         n_process=settings.n_process))
    for item in prepared:
        yield build_report(item, next(docs) if item.english and item.article.text else None)


def extract(text_or_html: str, *, url: str | None = None, published: str | dt.date | None = None,
            settings: Settings | None = None) -> Report:
    """Report for an article given as a string of text or HTML (the library's entry point)."""
    return process(from_text(text_or_html, url=url), published=published, settings=settings)


def extract_many(items: Iterable[str | RawArticle], *, settings: Settings | None = None) -> Iterator[Report]:
    """Reports for many articles (strings or ``RawArticle``), batched through ``nlp.pipe``."""
    raws = (item if isinstance(item, RawArticle) else from_text(item, source=f"<item {i}>")
            for i, item in enumerate(items))
    return process_many(raws, settings=settings)


def _published(given: str | dt.date | None, raw: RawArticle) -> tuple[str | None, str]:
    if given:
        return parse_published(given), "given"
    if raw.published:
        return raw.published[:10], "metadata"
    match = _URL_DATE.search(raw.url or "")
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat(), "metadata"
        except ValueError:
            pass  # /2024/13/45/ is a path, not a date
    return None, "unknown"


def parse_published(value: str | dt.date) -> str:
    """An ISO date (YYYY-MM-DD) from a date or string; ``ValueError`` names what was wrong."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {value!r}") from None
