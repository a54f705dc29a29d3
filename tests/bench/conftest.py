"""Benchmarks: timed against a trivial view measured in the same run, printed as a table.

The machines are shared and noisy, so a ratio to `/health` (one request through the whole
middleware stack and one trivial query) says more than seconds do.
"""

import statistics
import time
from collections.abc import Callable

import pytest


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


@pytest.fixture
def bench_table(request):
    """Rows of (what, seconds); printed with ratios to the first row when the test ends."""
    rows: list[tuple[str, float]] = []
    yield rows
    if not rows:
        return
    base = rows[0][1]
    width = max(len(name) for name, _seconds in rows)
    lines = [
        "",
        f"{request.node.name}",
        f"{'step'.ljust(width)}  {'seconds':>9}  {'× trivial view':>14}",
        f"{'-' * width}  {'-' * 9}  {'-' * 14}",
    ]
    lines += [
        f"{name.ljust(width)}  {seconds:9.3f}  {seconds / base:14.0f}" for name, seconds in rows
    ]
    print("\n".join(lines))
