"""Two app servers sharing PostgreSQL, Redis and S3: a person's requests may land on either."""

import re
import time

import pytest

from participants.models import Participant
from rehab.models import Agreement
from tests.cluster.servers import App
from tests.cluster.servers import Browser
from tests.cluster.servers import Worker
from tests.cluster.servers import database_url
from tests.cluster.servers import server_env
from tests.factories import PASSWORD
from tests.factories import pdf_bytes
from tests.participants.import_files import csv_bytes
from tests.participants.import_files import row
from tests.rehab.test_agreements_documents import form_data
from tests.service_fixtures import s3_env


@pytest.fixture
def cluster(transactional_db, tmp_path, redis_cache_url, redis_broker_url, s3_endpoint, s3_bucket):
    env = server_env(
        DATABASE_URL=database_url(),
        REDIS_URL=redis_cache_url,
        CELERY_BROKER_URL=redis_broker_url,
        **s3_env(s3_endpoint, s3_bucket),
        AXES_FAILURE_LIMIT="3",
        DATABASE_POOL_MIN="0",
        DATABASE_POOL_MAX="4",
    )
    parts = [
        App(env, tmp_path / "a.log").start(),
        App(env, tmp_path / "b.log").start(),
        Worker(env, tmp_path / "worker.log").start(),
    ]
    try:
        for part in parts:
            part.wait()
        yield parts[0].url, parts[1].url
    finally:
        for part in parts:
            part.stop()


def poll(browser, url, timeout=30):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        response = browser.get(url, headers={"HX-Request": "true"})
        if "HX-Redirect" in response.headers:
            return
        time.sleep(0.2)
    raise AssertionError(f"{url} did not finish")


def test_two_servers_share_sessions_imports_documents_and_lockouts(
    cluster, petugas, kepala, admin_user, facility, partner
):
    a, b = cluster
    person = Browser()
    assert person.sign_in(a, "petugas", PASSWORD).status == 302
    home = person.get(f"{b}/")  # the session continues on the other server
    assert home.status == 200 and 'data-testid="user-menu"' in home.data.decode()

    # An import uploaded on A previews and commits on B.
    upload = person.post(
        f"{a}/peserta/impor/",
        {"file": ("sdp.csv", csv_bytes([row(n) for n in range(3)]), "text/csv")},
        multipart=True,
    )
    assert upload.status == 302, upload.data.decode()[:2000]
    poll(person, f"{b}/peserta/impor/pratinjau/")
    preview = person.get(f"{b}/peserta/impor/pratinjau/").data.decode()
    assert 'data-testid="count-create">3<' in preview
    saved = person.post(
        f"{b}/peserta/impor/simpan/",
        {"expect_create": "3", "expect_update": "0"},
        form_url=f"{b}/peserta/impor/pratinjau/",
    )
    job_url = b + saved.headers["Location"]
    poll(person, job_url)
    assert "Impor selesai: 3 warga binaan baru" in person.get(job_url).data.decode()
    assert Participant.objects.count() == 3

    # A document uploaded on A downloads on B.
    admin = Browser()
    admin.sign_in(a, "admin", PASSWORD)
    content = pdf_bytes(pages=2)
    fields = [
        (key, value)
        for key, values in form_data(facility, partner).items()
        for value in (values if isinstance(values, list) else [values])
    ]
    fields.append(("document", ("PKS.pdf", content, "application/pdf")))
    created = admin.post(f"{a}/program/pks/baru/", fields, multipart=True)
    assert created.status == 302, re.findall(r"invalid-feedback[^<]*<[^<]*", created.data.decode())
    agreement = Agreement.objects.get()
    boss = Browser()
    boss.sign_in(b, "kepala", PASSWORD)
    download = boss.get(f"{b}/program/pks/{agreement.pk}/dokumen/")
    assert download.status == 200 and download.data == content

    # A lockout on A holds on B.
    intruder = Browser()
    for _ in range(3):
        intruder.sign_in(a, "kepala", "salah-terus")
    locked = intruder.sign_in(b, "kepala", PASSWORD)
    assert locked.status == 429 and "Akun terkunci sementara" in locked.data.decode()
