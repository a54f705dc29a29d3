"""The test run's real service parts answer: Redis, S3 (SeaweedFS) and SMTP."""

from django.core.files.base import ContentFile
from django.core.mail import send_mail

from tests import services


def test_redis_answers(redis_server):
    assert services.redis_answers(redis_server)


def test_a_file_goes_to_the_s3_bucket_and_comes_back(s3_storage):
    name = s3_storage.save("probe/hello.txt", ContentFile(b"halo"))
    with s3_storage.open(name, "rb") as handle:
        assert handle.read() == b"halo"
    assert s3_storage.exists(name)
    s3_storage.delete(name)
    assert not s3_storage.exists(name)


def test_mail_reaches_the_smtp_server(smtp_inbox):
    send_mail("Uji", "Isi", "pulih@example.org", ["petugas@example.org"])
    assert smtp_inbox.messages[0]["to"] == ["petugas@example.org"]
    assert smtp_inbox.messages[0]["message"]["Subject"] == "Uji"
