"""Large PDFs render in a real worker: the page polls, the file waits in storage for its asker."""

import datetime as dt

from django.core.files.storage import default_storage
from django.urls import reverse

from rehab.models import ReportJob
from tests.jobs.test_import_worker import poll as import_poll


def poll(client, url):
    return import_poll(client, url, timeout=60, progress=b"report-progress")


def test_the_monthly_report_pdf_is_rendered_by_the_worker(client, kepala, kanwil, celery_worker):
    client.force_login(kepala)
    month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    url = reverse("rehab:report_monthly_pdf", args=[kepala.facility.code, month.year, month.month])
    response = client.get(url)
    job = ReportJob.objects.get()
    job_url = reverse("rehab:report_job", args=[job.pk])
    assert response.status_code == 302 and response.url == job_url  # not rendered here
    assert poll(client, job_url) == job_url
    page = client.get(job_url).content.decode()
    download = reverse("rehab:report_job_download", args=[job.pk])
    assert 'data-testid="report-ready"' in page and download in page
    pdf = client.get(download)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF")
    assert (
        f'filename="laporan-bulanan-{kepala.facility.code}-{month:%Y-%m}.pdf"'
        in (pdf["Content-Disposition"])
    )
    job.refresh_from_db()
    assert default_storage.exists(job.file)
    assert "report_pdf" in celery_worker.read_text()

    # The closed month was kept: asked again, it comes at once, with no second job.
    again = client.get(url)
    assert again.status_code == 200 and again["Content-Type"] == "application/pdf"
    assert again.content == body and ReportJob.objects.count() == 1

    # Only the person who asked sees the job and its file.
    client.force_login(kanwil)
    assert client.get(job_url).status_code == 404
    assert client.get(download).status_code == 404


def test_the_recap_pdf_is_rendered_by_the_worker_in_the_askers_language(
    client, pusat, celery_worker
):
    client.force_login(pusat)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("rehab:recap_pdf", args=["nasional", "2025-11"]))
    job = ReportJob.objects.get()
    assert response.url == reverse("rehab:report_job", args=[job.pk])
    assert job.language == "en" and job.params["scope"] == "nasional"
    poll(client, response.url)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE, job.message
    with default_storage.open(job.file, "rb") as handle:
        assert handle.read(4) == b"%PDF"
