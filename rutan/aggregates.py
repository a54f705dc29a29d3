"""Several single-row aggregates, each over its own queryset, in one round trip.

A page made of cards (counts of evaluations waiting, of agreements, of follow-ups…) asked the
database once per card. `aggregate_together` sends them as one statement:

    SELECT part0.*, part1.* FROM (SELECT COUNT(…) … FROM a WHERE …) part0
                         CROSS JOIN (SELECT COUNT(…), MAX(…) … FROM b WHERE …) part1

An aggregate without GROUP BY yields exactly one row, so the cross join is one row. PostgreSQL
plans each part on its own (an aggregating subquery in FROM is not flattened), so every part
keeps the plan and index it had as a query of its own; only the round trips are saved.
"""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Aggregate
from django.db.models import Model
from django.db.models import QuerySet
from django.db.models import Value
from django.db.models.query import get_related_populators


def aggregate_together(*parts: tuple[QuerySet, dict[str, Aggregate]]) -> dict[str, Any]:
    """`queryset.aggregate(**aggregates)` of each part, merged into one dict; names are unique."""
    selects, params, names, converted = [], [], [], []
    using = parts[0][0].db
    for i, (queryset, aggregates) in enumerate(parts):
        clash = set(aggregates) & set(names)
        assert not clash, f"aggregate names used twice: {clash}"
        # Grouping by a constant leaves out GROUP BY: one row, like QuerySet.aggregate().
        one_row = (
            queryset.order_by()
            .annotate(_one_row=Value(1))
            .values("_one_row")
            .annotate(**aggregates)
            .values(*aggregates)
        )
        compiler = one_row.query.get_compiler(using)
        sql, part_params = compiler.as_sql()
        selects.append(f"({sql}) part{i}")
        params.extend(part_params)
        fields = [column for column, _sql, _alias in compiler.select]
        converted.append((compiler, compiler.get_converters(fields), list(aggregates)))
        names.extend(aggregates)
    columns = ", ".join(
        f"part{i}.{connections[using].ops.quote_name(name)}"
        for i, (_c, _v, part_names) in enumerate(converted)
        for name in part_names
    )
    # Only SQL Django compiled and names it quoted; every value travels in `params`.
    statement = f"SELECT {columns} FROM {' CROSS JOIN '.join(selects)}"  # noqa: S608
    with connections[using].cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
    values: dict[str, Any] = {}
    start = 0
    for compiler, converters, part_names in converted:
        part = list(row[start : start + len(part_names)])
        start += len(part_names)
        if converters:
            part = list(next(compiler.apply_converters([part], converters)))
        values.update(zip(part_names, part, strict=True))
    return values


def fetch_together(*querysets: QuerySet) -> list[list[Model]]:
    """`list(queryset)` of each of several small querysets, in one round trip.

    A page made of short lists (a person's consents, hearings, handovers…) asked the database
    once per list. Here each queryset is compiled by Django as usual (its filters, ordering,
    select_related joins) and runs as a subquery of one UNION ALL, in columns of its own:

        SELECT 0, ROW_NUMBER() OVER (), p0.*, NULL…  FROM (SELECT … FROM a …) p0
        UNION ALL SELECT 1, ROW_NUMBER() OVER (), NULL…, p1.* FROM (SELECT … FROM b …) p1
        ORDER BY 1, 2

    The rows of each part are then made into objects as QuerySet iteration makes them, in the
    order its subquery gave them (ROW_NUMBER() numbers them as they come). Only for querysets
    of model instances; prefetch_related is not applied. A part known to be empty (`.none()`,
    or filtered by one) is left out, and no query is sent when every part is.
    """
    using = querysets[0].db
    connection = connections[using]
    compiled, empty = [], set()
    for i, queryset in enumerate(querysets):
        compiler = queryset.query.get_compiler(using)
        try:
            sql, params = compiler.as_sql(with_col_aliases=True)
        except EmptyResultSet:
            empty.add(i)
            continue
        compiled.append((queryset, compiler, sql, params))
    if not compiled:
        return [[] for _queryset in querysets]
    # A NULL of the column's own type: PostgreSQL types a UNION's columns pairwise.
    nulls = [
        [f"CAST(NULL AS {col.output_field.cast_db_type(connection)})" for col, _s, _a in c.select]
        for _q, c, _s, _p in compiled
    ]
    selects, params = [], []
    for i, (_queryset, _compiler, sql, part_params) in enumerate(compiled):
        columns = [f"p{i}.*" if j == i else ", ".join(nulls[j]) for j in range(len(compiled))]
        # Only SQL Django compiled and the column types it names; values travel in `params`.
        selects.append(
            f"SELECT {i}, ROW_NUMBER() OVER (), {', '.join(columns)} FROM ({sql}) p{i}"  # noqa: S608
        )
        params.extend(part_params)
    statement = " UNION ALL ".join(selects) + " ORDER BY 1, 2"
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    fetched, start = [], 2
    for i, (queryset, compiler, _sql, _params) in enumerate(compiled):
        width = len(compiler.select)
        own = [row[start : start + width] for row in rows if row[0] == i]
        fetched.append(list(_instances(queryset, compiler, own)))
        start += width
    parts = iter(fetched)
    return [[] if i in empty else next(parts) for i in range(len(querysets))]


def _instances(queryset: QuerySet, compiler, rows: list):
    """Model instances of `rows` of `queryset`'s compiled SELECT (as ModelIterable does)."""
    select, klass_info = compiler.select, compiler.klass_info
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, queryset.db)
    for row in compiler.results_iter(results=[rows]):
        obj = klass_info["model"].from_db(queryset.db, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        for name, position in compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        yield obj


def prefetched(instance: Model, relation: str, objects: list[Model]) -> None:
    """Keep `objects` as `instance`'s prefetched `relation` (a reverse foreign key), as
    prefetch_related does: `instance.<relation>.all()` then reads them without a query."""
    field = getattr(type(instance), relation).field
    for obj in objects:
        field.set_cached_value(obj, instance)
    queryset = getattr(instance, relation).all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset
