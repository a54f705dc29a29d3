"""Steps of an evaluation's review, as the kepala or the facilitator takes them in the pages."""

from django.urls import reverse


def review_post(client, view: str, item, data=None, **options):
    """Post to one of the item's review pages (return, approve, edit...) and reload the item
    from the database; returns the response."""
    response = client.post(reverse(view, args=[item.pk]), data or {}, **options)
    item.refresh_from_db()
    return response
