"""PDF rendering with WeasyPrint: an HTML template plus one print stylesheet, no network."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, *, stylesheet: str) -> bytes:
    """`template` rendered to PDF with the static `stylesheet` (e.g. "css/report_pdf.css")."""
    # Imported here: WeasyPrint takes most of a second to load, and only PDF views need it.
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    css = CSS(filename=finders.find(stylesheet))
    # Only local files: a base URL inside the project, and nothing in the templates to fetch.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[css])
