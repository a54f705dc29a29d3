"""The one paginator of every list page, and its one query-string parameter."""

from django.core.paginator import Page
from django.core.paginator import Paginator
from django.http import HttpRequest

PAGE_PARAM = "page"
# The evaluation list once used "halaman": old bookmarks still open the page they name.
PAGE_ALIASES = ("halaman",)


def paginate(request: HttpRequest, items, per_page: int) -> Page:
    """The page of `items` the request asks for (the last page when past the end, the first when bad)."""
    number = request.GET.get(PAGE_PARAM)
    for alias in PAGE_ALIASES:
        number = number or request.GET.get(alias)
    page = Paginator(items, per_page).get_page(number)
    # The numbered links around the current page (the template cannot pass it an argument).
    page.elided_range = list(page.paginator.get_elided_page_range(page.number))
    return page
