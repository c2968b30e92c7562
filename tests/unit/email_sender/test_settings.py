"""The sender's settings: how they reach the transport, and what they refuse."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from services.email_transports import EmlFileTransport, SmtpTransport
from switchyard.services import make_email_transport
from switchyard.settings import Settings


def test_no_smtp_host_writes_eml_files_under_the_data_directory(tmp_path: Path) -> None:
    transport = make_email_transport(Settings(data_dir=tmp_path, smtp_host=""))

    assert isinstance(transport, EmlFileTransport)
    assert transport.directory == tmp_path / "outbox"


@pytest.mark.parametrize(
    ("security", "port", "use_tls", "start_tls"),
    [("none", 25, False, False), ("starttls", 587, False, True), ("tls", 465, True, False)],
)
def test_the_smtp_settings_reach_aiosmtplib(
    tmp_path: Path, security: str, port: int, use_tls: bool, start_tls: bool
) -> None:
    settings = Settings(
        data_dir=tmp_path,
        smtp_host="smtp.example.test",
        smtp_username="mailer",
        smtp_password="s3cret-pass",
        smtp_security=security,
        smtp_timeout_seconds=12,
        smtp_ca_file=tmp_path / "ca.pem",
    )

    transport = make_email_transport(settings)

    assert isinstance(transport, SmtpTransport)
    assert transport.options() == {
        "hostname": "smtp.example.test",
        "port": port,
        "username": "mailer",
        "password": "s3cret-pass",
        "use_tls": use_tls,
        "start_tls": start_tls,
        "timeout": 12,
        "cert_bundle": str(tmp_path / "ca.pem"),
    }


def test_a_given_port_wins_over_the_default_of_the_security_mode(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, smtp_host="mx.test", smtp_port=2525)
    transport = make_email_transport(settings)
    assert isinstance(transport, SmtpTransport)
    assert transport.options()["port"] == 2525


def test_the_password_never_shows_in_the_transports_settings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, smtp_host="mx.test", smtp_password="s3cret-pass")
    transport = make_email_transport(settings)
    assert isinstance(transport, SmtpTransport)
    assert "s3cret-pass" not in repr(transport._settings)
    assert "s3cret-pass" not in repr(settings)


def test_a_lease_shorter_than_a_delivery_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="EMAIL_LEASE_SECONDS"):
        Settings(data_dir=tmp_path, smtp_timeout_seconds=30, email_lease_seconds=30)


def test_an_unknown_security_mode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        Settings(data_dir=tmp_path, smtp_security="ssl")


@pytest.mark.parametrize("mail_from", ["", "service", "Service <service>", "<@example.com>"])
def test_a_mail_from_without_an_address_is_refused(tmp_path: Path, mail_from: str) -> None:
    with pytest.raises(ValidationError, match="must be an email address"):
        Settings(data_dir=tmp_path, mail_from=mail_from)


def test_a_named_or_bare_mail_from_is_taken(tmp_path: Path) -> None:
    for mail_from in ("desk@repairs.example", "Repairs Desk <desk@repairs.example>"):
        assert Settings(data_dir=tmp_path, mail_from=mail_from).mail_from == mail_from
