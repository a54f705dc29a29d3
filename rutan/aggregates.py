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

from django.db import connections
from django.db.models import Aggregate, QuerySet, Value


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
