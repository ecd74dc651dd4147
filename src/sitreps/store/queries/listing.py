"""What the workbench reads from the store: paginated, filtered, sorted lists, and names for local ids.

Everything here is a read (the workbench runs it in its thread pool). Lists are
always paginated (``Page``) and counted, and only whitelisted columns can be
sorted on. Items refer to actors and places by ids local to their report
(``A3``); ``local_names`` turns those into names for one page of rows at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, literal_column, or_, select
from sqlalchemy.engine import Connection

from sitreps.errors import BadParameter
from sitreps.store import vocabulary
from sitreps.store.queries.filters import Filters
from sitreps.store.queries.search import check_length, full_text
from sitreps.store.queries.statements import articles_statement, items_statement
from sitreps.store.schema import ITEM_TABLES, articles, corrections, places

if TYPE_CHECKING:
    from sitreps.store import Store

actors = ITEM_TABLES["actors"]
MAX_PER_PAGE = 200
# far beyond any real list (200 million rows at 200 a page), and small enough that the offset fits the
# databases' 64-bit integers: ?page=10**20 once reached SQLite and answered 500
MAX_PAGE = 1_000_000

# what -> sortable columns (label -> column name in the item query); the first is the default
SORTS: dict[str, dict[str, str]] = {
    "articles": {"published": "published", "title": "title", "publisher": "publisher"},
    "figures": {"day": "day", "category": "category", "subject": "subject_name", "source": "source_name",
                "value": "amount", "publisher": "publisher"},
    "events": {"day": "day", "type": "type", "modality": "modality", "publisher": "publisher"},
    "claims": {"day": "day", "speaker": "speaker_name", "kind": "kind", "publisher": "publisher"},
    "places": {"name": "name", "country": "country"},
    "times": {"value": "value", "publisher": "publisher"},
    "actors": {"articles": "articles", "name": "name", "kind": "kind"},
}


@dataclass(frozen=True, slots=True)
class Page:
    """Which page of a list, and how long pages are (at most ``MAX_PER_PAGE`` rows: every list is paged)."""

    number: int = 1
    size: int = 50

    def __post_init__(self) -> None:
        if self.number < 1:
            raise BadParameter("page", "page: pages are numbered from 1")
        if self.number > MAX_PAGE:
            raise BadParameter("page", f"page: at most {MAX_PAGE}")
        if not 1 <= self.size <= MAX_PER_PAGE:
            raise BadParameter("per_page", f"per_page: between 1 and {MAX_PER_PAGE}")

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


@dataclass(slots=True)
class Listing:
    """One page of rows, and how many rows there are in all."""

    rows: list[Any]  # the store's rows as dicts; the fusion ledger pages its quantities with it too
    total: int
    page: Page

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page.size))

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "page": self.page.number, "per_page": self.page.size, "pages": self.pages,
                "items": self.rows}


def sort_column(what: str, sort: str | None) -> str:
    options = SORTS[what]
    if sort is None:
        return next(iter(options.values()))
    if sort not in options:
        raise BadParameter("sort", f"sort: one of {', '.join(options)} for {what}")
    return options[sort]


def list_articles(store: "Store", *, q: str | None = None, filters: Filters | None = None, page: Page = Page(),
                  sort: str | None = None, descending: bool = True) -> Listing:
    """Articles (title, outlet, date, the start of the text); ``q`` is a full-text query (ranked when given)."""
    statement = articles_statement(filters or Filters())
    ranked = None
    if q and q.strip():
        statement, ranked = full_text(statement, q, store.backend)
    statement = statement.order_by(None)
    column = sort_column("articles", sort)
    order: ColumnElement[Any] = literal_column(column).desc() if descending else literal_column(column).asc()
    ordering = [ranked, order] if ranked is not None and sort is None else [order]
    statement = statement.with_only_columns(
        articles.c.id, articles.c.title, articles.c.publisher, articles.c.host, articles.c.published,
        articles.c.url, articles.c.genre, func.substr(articles.c.text, 1, 240).label("lead"),
        func.length(articles.c.text).label("length"), maintain_column_froms=True)
    return _listing(store, statement, ordering, page)


def list_items(store: "Store", what: str, *, filters: Filters | None = None, page: Page = Page(),
               sort: str | None = None, descending: bool = False, article_id: str | None = None,
               subject: str | None = None, q: str | None = None, speaker: str | None = None,
               place: str | None = None, total: int | None = None) -> Listing:
    """Items of one kind across the corpus, with the names of the actors and places they point to.
    ``subject`` (figures) is a country by code or name, or an actor's name; ``speaker`` (figures, claims)
    who gives the figure or makes the claim, by name (any case); ``place`` (events, figures) the place's name
    (any case); ``q`` words of the item's text. ``total``: the count of the view when the caller knows it
    (``count_items``, cached: it is the same on every page and in every order), else it is counted."""
    keys, rows_of, counted = _page_statements(what, filters, sort, descending, article_id, subject, q, speaker, place)
    with store.engine.connect() as connection:
        if total is None:
            total = connection.execute(counted).scalar_one()
        wanted = [row[0] for row in connection.execute(keys.limit(page.size).offset(page.offset))]
        rows = connection.execute(rows_of, {"wanted": wanted}).mappings().all() if wanted else []
    listing = Listing([_plain(dict(row)) for row in rows], total, page)
    _resolve_local_ids(store, what, listing.rows)
    return listing


@functools.lru_cache(maxsize=256)
def _page_statements(what: str, filters: Filters | None, sort: str | None, descending: bool, article_id: str | None,
                     subject: str | None, q: str | None, speaker: str | None,
                     place: str | None) -> tuple[Select, Select, Select]:
    """The statements of one view (its page's keys, the rows of given keys, its count), made once per view.

    The page's keys are sorted first and the rows read whole afterwards: sorting whole rows (their JSON
    included) of a large store to keep fifty of them is what made a plain /api/figures take seconds. In the
    default order the database reads the keys straight from the list-order index (migration 0007). Building
    the statements (subqueries, joins, labels) cost more than running them once the index served the page,
    so they are kept per view; statements are immutable, and the page's limit and offset are bound later."""
    statement, ordering = _items(what, filters, sort=sort, descending=descending, article_id=article_id,
                                 subject=subject, q=q, speaker=speaker, place=place)
    table = ITEM_TABLES[what]
    column = sort_column(what, sort)
    named = bool(subject or speaker or place)  # filters on the names and places joined to the items
    bare = None if named else _items(what, filters, article_id=article_id, q=q, bare=True)[0]
    if bare is not None and column in table.c:
        # the keys of a page need neither the articles' context nor the names: walking the list-order index
        # to a deep page joined each item passed to its place and actors
        keys = bare.order_by(*_in_order([table.c[c] for c in (column, "article_id", "ord")], descending))
    else:
        inner = statement.add_columns(table.c.pk.label("row_pk")).subquery()
        keys = select(inner.c.row_pk).order_by(*_in_order([inner.c[c] for c in (column, "article_id", "ord")],
                                                          descending))
    rows = statement.where(table.c.pk.in_(bindparam("wanted", expanding=True))).order_by(*ordering)
    counted = select(func.count()).select_from((statement if bare is None else bare).order_by(None).subquery())
    return keys, rows, counted


def count_items(store: "Store", what: str, *, filters: Filters | None = None, article_id: str | None = None,
                subject: str | None = None, q: str | None = None, speaker: str | None = None,
                place: str | None = None) -> int:
    """How many items ``list_items`` would list over all its pages."""
    _, _, counted = _page_statements(what, filters, None, False, article_id, subject, q, speaker, place)
    with store.engine.connect() as connection:
        return connection.execute(counted).scalar_one()


def iter_items(store: "Store", what: str, *, filters: Filters | None = None, sort: str | None = None,
               descending: bool = False, subject: str | None = None, q: str | None = None,
               speaker: str | None = None, place: str | None = None,
               chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every item ``list_items`` would list over all its pages, in its order, read a chunk at a time (for a
    download of exactly the filtered view)."""
    statement, ordering = _items(what, filters, sort=sort, descending=descending, subject=subject, q=q,
                                 speaker=speaker, place=place)
    with store.engine.connect() as connection:
        result = connection.execution_options(stream_results=True).execute(statement.order_by(*ordering))
        for rows in iter(lambda: result.mappings().fetchmany(chunk), []):
            plain = [_plain(dict(row)) for row in rows]
            _resolve_local_ids(store, what, plain)
            yield from plain


# what -> facet name -> the column counted (the item query's label)
FACETS: dict[str, dict[str, str]] = {
    "figures": {"category": "category", "outlet": "publisher"},
    "events": {"type": "type", "modality": "modality", "outlet": "publisher"},
    "claims": {"kind": "kind", "outlet": "publisher"},
}
_FACET_FILTER = {"category": "category", "type": "type", "outlet": "source"}


def facets(store: "Store", what: str, *, filters: Filters | None = None, subject: str | None = None,
           q: str | None = None, speaker: str | None = None, place: str | None = None, limit: int = 40) -> dict[str, list[tuple[str, int]]]:
    """For each facet of ``what``, its values and how many items each would give with the other filters
    kept (a facet's own filter is left out, so every choice shows what picking it would give), commonest
    first."""
    import dataclasses

    filters = filters or Filters()
    found: dict[str, list[tuple[str, int]]] = {}
    with store.engine.connect() as connection:
        for name, column in FACETS.get(what, {}).items():
            own = _FACET_FILTER.get(name)
            # the facet's own filter is lifted (set to None); Any: the fields differ in type
            others = dataclasses.replace(filters, **cast(dict[str, Any], {own: None})) if own else filters
            table = ITEM_TABLES[what]
            inner: Any
            if subject or speaker or place:  # filters on the names and places joined to the items
                statement, _ = _items(what, others, subject=subject, q=q, speaker=speaker, place=place)
                inner = statement.subquery()
                value = inner.c[column]
            else:
                # the items' keys alone under the same filters (each item joined to its article, place and
                # actors made the facets of a 200,000-figure store take seconds); an item's outlet is its
                # article's
                statement, _ = _items(what, others, q=q, bare=True)
                if column in table.c:
                    inner = statement.add_columns(table.c[column]).subquery()
                    value = inner.c[column]
                else:
                    keys = statement.add_columns(table.c.article_id.label("of_article")).subquery()
                    inner = keys.join(articles, articles.c.id == keys.c.of_article)
                    value = articles.c[column]
            counted = (select(value, func.count()).select_from(inner).where(value.is_not(None))
                       .group_by(value).order_by(func.count().desc(), value).limit(limit))
            found[name] = [(str(found_value), int(count)) for found_value, count in connection.execute(counted)]
    return found


def _items(what: str, filters: Filters | None, *, sort: str | None = None, descending: bool = False,
           article_id: str | None = None, subject: str | None = None, q: str | None = None,
           speaker: str | None = None, place: str | None = None, bare: bool = False) -> tuple[Select, list[Any]]:
    """The view's statement and order; ``bare``: its items' keys alone (``items_statement``), to count it."""
    if what not in ITEM_TABLES:
        raise BadParameter("what", f"what: one of {', '.join(ITEM_TABLES)}")
    table = ITEM_TABLES[what]
    filters = filters or Filters()
    filters.check(what)
    statement = items_statement(what, filters, bare=bare).order_by(None)
    named: dict[str, Any] = {}
    if not bare:
        statement, named = _with_names(what, table, statement)
    if article_id:
        statement = statement.where(table.c.article_id == article_id)
    if subject and subject.strip():
        subject_column = named.get("subject_name")
        if subject_column is None:
            raise BadParameter("subject", "subject: only figures have a subject")
        wanted = " ".join(subject.split())
        code = vocabulary.country_code(wanted)
        matches = [func.lower(subject_column) == wanted.lower()]
        if code is not None:
            matches.append(named["subject_country"] == code)
        statement = statement.where(or_(*matches))
    if speaker and speaker.strip():
        speaker_column = named.get("source_name", named.get("speaker_name"))
        if speaker_column is None:
            raise BadParameter("speaker", "speaker: only figures and claims have a speaker")
        statement = statement.where(func.lower(speaker_column) == " ".join(speaker.split()).lower())
    if place and place.strip():
        if "place_name" not in statement.selected_columns:
            raise BadParameter("place", "place: only events and figures have a place")
        named_place = statement.selected_columns["place_name"].element
        statement = statement.where(func.lower(named_place) == " ".join(place.split()).lower())
    if q and q.strip() and "text" in table.c:
        check_length(q)
        statement = statement.where(func.lower(table.c.text).contains(q.strip().lower()))
    return statement, _in_order([literal_column(sort_column(what, sort)), table.c.article_id, table.c.ord], descending)


def _in_order(columns: list[Any], descending: bool) -> list[Any]:
    """A list's order: its sort column, then article and position. Descending is the ascending order reversed,
    ties included, so that the list-order index read backwards serves it."""
    return [column.desc() if descending else column.asc() for column in columns]


def _with_names(what: str, table: Any, statement: Select) -> tuple[Select, dict[str, Any]]:
    """Join the actor names a table's rows point to, so they can be shown, filtered and sorted on."""
    named: dict[str, Any] = {}
    if what == "figures":
        subject, source = actors.alias("subject_actor"), actors.alias("source_actor")
        statement = statement.outerjoin_from(table, subject, and_(subject.c.article_id == table.c.article_id,
                                                      subject.c.item_id == table.c.subject))
        statement = statement.outerjoin_from(table, source, and_(source.c.article_id == table.c.article_id,
                                                     source.c.item_id == table.c.source))
        named = {"subject_name": subject.c.name, "subject_country": subject.c.country,
                 "source_name": func.coalesce(source.c.name, table.c.source)}
        amount = func.coalesce(table.c.value, table.c.low, table.c.high)
        statement = statement.add_columns(*(c.label(k) for k, c in named.items()), amount.label("amount"))
    elif what == "claims":
        speaker = actors.alias("speaker_actor")
        statement = statement.outerjoin_from(table, speaker, and_(speaker.c.article_id == table.c.article_id,
                                                      speaker.c.item_id == table.c.speaker))
        named = {"speaker_name": func.coalesce(speaker.c.name, table.c.speaker)}
        statement = statement.add_columns(named["speaker_name"].label("speaker_name"))
    return statement, named


def _listing(store: "Store", statement: Select, ordering: list[Any], page: Page, *,
             total: int | None = None) -> Listing:
    with store.engine.connect() as connection:
        if total is None:
            total = connection.execute(select(func.count()).select_from(statement.order_by(None).subquery())
                                       ).scalar_one()
        rows = connection.execute(statement.order_by(*ordering).limit(page.size).offset(page.offset)).mappings().all()
    return Listing([_plain(dict(row)) for row in rows], total, page)


def _resolve_local_ids(store: "Store", what: str, rows: list[dict[str, Any]]) -> None:
    """Add ``*_names`` beside the local ids of events (actors, recipients, place)."""
    if what != "events" or not rows:
        return
    wanted = {(row["article_id"], ref) for row in rows
              for ref in (*(row.get("actor") or []), *(row.get("recipient") or []), row.get("place")) if ref}
    names = local_names(store, only=wanted)
    for row in rows:
        article = row["article_id"]
        row["actor_names"] = [names.get((article, a), a) for a in row.get("actor") or []]
        row["recipient_names"] = [names.get((article, a), a) for a in row.get("recipient") or []]
        row["place_name"] = row.get("place_name") or names.get((article, cast(str, row.get("place"))), None)


def local_names(store: "Store", article_ids: Iterable[str] = (), *,
                only: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], str]:
    """(article id, local actor or place id) -> name, for every actor and place of the articles, or, given
    ``only``, for those (article, local id) pairs alone (``article_ids`` is then not read): a page of fifty events names a few dozen of the thousand actors and
    places its articles hold, and reading them all was most of the page's time."""
    ids = list(article_ids)
    found: dict[tuple[str, str], str] = {}
    with store.engine.connect() as connection:
        for table in (actors, places):
            statement = select(table.c.article_id, table.c.item_id, table.c.name)
            if only is not None:
                if not only:
                    continue
                # both lists, not row values: SQLite walks the (article, item) index for each pair of them,
                # while it scanned the table for a list of row values; the few extra pairs are dropped below
                statement = statement.where(table.c.article_id.in_(sorted({a for a, _ in only})),
                                            table.c.item_id.in_(sorted({i for _, i in only})))
            else:
                statement = statement.where(table.c.article_id.in_(ids))
            for row in connection.execute(statement):
                if only is None or (row.article_id, row.item_id) in only:
                    found[(row.article_id, row.item_id)] = row.name
    return found


# -- actors and places across the corpus -------------------------------------------------------------------

def actor_index(store: "Store", *, q: str | None = None, country: str | None = None, page: Page = Page(),
                sort: str | None = None, descending: bool | None = None) -> Listing:
    """Actors by name across articles, with how many articles name them; ``country`` is the commonest
    country the extractors gave the name and ``countries`` every one with its count (a person is one row,
    not one per country a sentence suggested). ``country`` filters by code or name."""
    statement = (select(actors.c.name, func.min(actors.c.kind).label("kind"),
                        func.min(actors.c.sector).label("sector"),
                        func.count(func.distinct(actors.c.article_id)).label("articles"))
                 .select_from(actors.join(articles, articles.c.id == actors.c.article_id))
                 .where(articles.c.duplicate_of.is_(None))
                 .group_by(actors.c.name))
    if q and q.strip():
        statement = statement.where(func.lower(actors.c.name).contains(check_length(q).strip().lower()))
    if country and country.strip():
        code = Filters(country=country).country
        named = select(actors.c.name).where(actors.c.country == code)
        statement = statement.where(actors.c.name.in_(named))
    column = sort_column("actors", sort)
    down = (column == "articles") if descending is None else descending
    order: ColumnElement[Any] = literal_column(column).desc() if down else literal_column(column).asc()
    listing = _listing(store, statement, [order, actors.c.name], page)
    names = [row["name"] for row in listing.rows]
    if names:
        with store.engine.connect() as connection:
            counted = connection.execute(
                select(actors.c.name, actors.c.country, func.count().label("n"))
                .select_from(actors.join(articles, articles.c.id == actors.c.article_id))
                .where(actors.c.name.in_(names), actors.c.country.is_not(None), articles.c.duplicate_of.is_(None))
                .group_by(actors.c.name, actors.c.country)).all()
        by_name: dict[str, list[tuple[str, int]]] = {}
        for name, code, n in counted:
            by_name.setdefault(name, []).append((code, int(n)))
        for row in listing.rows:
            found = sorted(by_name.get(row["name"], []), key=lambda pair: (-pair[1], pair[0]))
            row["countries"] = [{"country": code, "mentions": n} for code, n in found]
            row["country"] = found[0][0] if found else None
    return listing


def actor_profile(store: "Store", name: str) -> dict[str, Any] | None:
    """One actor (by name) across the corpus: where it appears, and its events, figures and claims."""
    with store.engine.connect() as connection:
        local = connection.execute(
            select(actors.c.article_id, actors.c.item_id, actors.c.country, actors.c.kind, actors.c.sector,
                   actors.c.wikidata).where(actors.c.name == name)).all()
        if not local:
            return None
        ids = {(row.article_id, row.item_id) for row in local}
        article_ids = sorted({row.article_id for row in local})
        found = {key: _related(connection, key, ids, article_ids) for key in ("events", "figures", "claims")}
    names = local_names(store, article_ids)
    for event in found["events"]:
        event["actor_names"] = [names.get((event["article_id"], a), a) for a in event.get("actor") or []]
        event["recipient_names"] = [names.get((event["article_id"], a), a) for a in event.get("recipient") or []]
        event["place_name"] = names.get((event["article_id"], cast(str, event.get("place"))))  # None finds none
    first = local[0]
    return {"name": name, "country": first.country, "kind": first.kind, "sector": first.sector,
            "wikidata": first.wikidata, "articles": len(article_ids), **found}


def _related(connection: Connection, what: str, ids: set[tuple[str, str]], article_ids: list[str]) -> list[dict]:
    table = ITEM_TABLES[what]
    rows = connection.execute(
        select(table, articles.c.title, articles.c.publisher, articles.c.published)
        .select_from(table.join(articles, articles.c.id == table.c.article_id))
        .where(table.c.article_id.in_(article_ids)).order_by(table.c.day, table.c.article_id, table.c.ord)
    ).mappings().all()
    keep: list[dict] = []
    for found in rows:
        row = _plain(dict(found))
        refs = {"events": (row.get("actor") or []) + (row.get("recipient") or []),
                "figures": [row.get("subject"), row.get("source")], "claims": [row.get("speaker")]}[what]
        if any((row["article_id"], ref) in ids for ref in refs if ref):
            keep.append(row)
    return keep


def place_points(store: "Store", filters: Filters | None = None) -> list[dict[str, Any]]:
    """Places that events happened at, with coordinates and counts, for the map."""
    filters = filters or Filters()
    filters.check("events")
    statement = items_statement("events", filters).order_by(None).subquery()
    query = (select(statement.c.place_name.label("name"), func.avg(statement.c.lat).label("lat"),
                    func.avg(statement.c.lon).label("lon"), func.count().label("events"),
                    func.min(statement.c.day).label("first"), func.max(statement.c.day).label("last"),
                    func.max(statement.c.place_kind).label("kind"))
             .where(statement.c.lat.is_not(None)).group_by(statement.c.place_name)
             .order_by(func.count().desc()))
    with store.engine.connect() as connection:
        return [dict(row) for row in connection.execute(query).mappings()]


def place_index(store: "Store", *, page: Page = Page(), q: str | None = None) -> Listing:
    """Places by name and country across articles, with their mean coordinates and how many articles name
    them (``q``: a part of the name)."""
    statement = (select(places.c.name, places.c.country, func.min(places.c.kind).label("kind"),
                        func.avg(places.c.lat).label("lat"), func.avg(places.c.lon).label("lon"),
                        func.count(func.distinct(places.c.article_id)).label("articles"))
                 .select_from(places.join(articles, articles.c.id == places.c.article_id))
                 .where(articles.c.duplicate_of.is_(None)).group_by(places.c.name, places.c.country))
    if q and q.strip():
        statement = statement.where(func.lower(places.c.name).contains(check_length(q).strip().lower()))
    return _listing(store, statement, [literal_column("articles").desc(), places.c.name], page)


# -- corrections ---------------------------------------------------------------------------------------------

def list_corrections(store: "Store", *, status: str | None = None, article_id: str | None = None,
                     page: Page = Page()) -> Listing:
    """Corrections of extractions, newest first, with their article's title (dismissed contradictions are
    read by ``dismissed_contradictions``)."""
    statement = (select(corrections, articles.c.title)
                 .select_from(corrections.outerjoin(articles, articles.c.id == corrections.c.article_id))
                 .where(corrections.c.kind != "dismissed"))
    if status:
        statement = statement.where(corrections.c.status == status)
    if article_id:
        statement = statement.where(corrections.c.article_id == article_id)
    return _listing(store, statement, [corrections.c.created.desc(), corrections.c.id.desc()], page)


def corrections_at(store: "Store", article_id: str, start: int, end: int) -> list[dict[str, Any]]:
    """The corrections of one passage that are not rejected (to find a second report of the same fact)."""
    statement = select(corrections).where(corrections.c.article_id == article_id, corrections.c.start == start,
                                          corrections.c.end == end, corrections.c.status != "rejected")
    with store.engine.connect() as connection:
        return [_plain(dict(row)) for row in connection.execute(statement.order_by(corrections.c.id)).mappings()]


def dismissed_contradictions(store: "Store") -> dict[str, dict[str, Any]]:
    """Contradiction id -> who dismissed it and when (reviewers' dismissals of fusion's flags)."""
    statement = (select(corrections.c.id, corrections.c.item_id, corrections.c.reviewer, corrections.c.created,
                        corrections.c.note)
                 .where(corrections.c.component == "contradictions", corrections.c.kind == "dismissed",
                        corrections.c.status == "accepted"))
    with store.engine.connect() as connection:
        return {row.item_id: {"id": row.id, "by": row.reviewer, "when": row.created, "note": row.note}
                for row in connection.execute(statement)}


def correction(store: "Store", correction_id: int) -> dict[str, Any] | None:
    """One correction, or None."""
    with store.engine.connect() as connection:
        row = connection.execute(select(corrections).where(corrections.c.id == correction_id)).mappings().first()
    return _plain(dict(row)) if row is not None else None


def commonest_category(store: "Store", *, excluding: Iterable[str] = ("other",)) -> str | None:
    """The figure category with the most figures (not "other", nor any of ``excluding``), for a chart when
    none is asked for."""
    figures = ITEM_TABLES["figures"]
    with store.engine.connect() as connection:
        return connection.execute(select(figures.c.category).where(figures.c.category.is_not(None),
                                                                   figures.c.category.not_in(list(excluding)))
                                  .group_by(figures.c.category).order_by(func.count().desc(), figures.c.category)
                                  .limit(1)).scalar()


def item_count(store: "Store", what: str) -> int:
    """How many items of one kind (or articles) the store holds, filters aside (the M of "N of M")."""
    table = articles if what == "articles" else ITEM_TABLES[what]
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def counts(store: "Store") -> dict[str, int]:
    """How many articles and items of each kind the store holds (open corrections: ``open_corrections``,
    which change without any article changing)."""
    with store.engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("articles", articles), *ITEM_TABLES.items())}


def open_corrections(store: "Store") -> int:
    """How many corrections wait for a reviewer (they change without any article changing)."""
    with store.engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(corrections).where(corrections.c.status == "open")).scalar_one()


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready values: datetimes as ISO strings, drop the internal primary key."""
    row.pop("pk", None)
    for key, value in row.items():
        if hasattr(value, "isoformat"):
            row[key] = value.isoformat()
    return row


__all__ = ["FACETS", "MAX_PAGE", "MAX_PER_PAGE", "SORTS", "Listing", "Page", "actor_index", "actor_profile", "commonest_category",
           "correction", "corrections_at", "count_items", "counts", "dismissed_contradictions", "facets", "item_count",
           "iter_items", "list_articles", "list_corrections", "list_items", "local_names", "open_corrections",
           "place_index",
           "place_points", "sort_column"]
