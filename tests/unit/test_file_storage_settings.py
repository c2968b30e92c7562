"""The settings of tickets' files: the folder, the size limit and the allowed types."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from switchyard.settings import Settings

MIB = 1024 * 1024


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "SWITCHYARD_FILES_DIR",
        "SWITCHYARD_MAX_UPLOAD_BYTES",
        "SWITCHYARD_ALLOWED_FILE_TYPES",
        "SWITCHYARD_DATA_DIR",
    ):
        monkeypatch.delenv(name, raising=False)


def test_files_are_kept_under_the_data_dir_by_default(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.files_root == tmp_path / "files"
    assert settings.max_upload_bytes == 10 * MIB
    assert settings.allowed_file_types == [
        "image/jpeg",
        "image/png",
        "image/webp",
        "application/pdf",
    ]


def test_the_environment_sets_the_folder_limit_and_types(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SWITCHYARD_FILES_DIR", str(tmp_path / "uploads"))
    monkeypatch.setenv("SWITCHYARD_MAX_UPLOAD_BYTES", str(2 * MIB))
    monkeypatch.setenv("SWITCHYARD_ALLOWED_FILE_TYPES", "image/png, Application/PDF,")
    settings = Settings()
    assert settings.files_root == tmp_path / "uploads"
    assert settings.max_upload_bytes == 2 * MIB
    assert settings.allowed_file_types == ["image/png", "application/pdf"]


@pytest.mark.parametrize("types", ["image/pngg", "text/html", "", " , "])
def test_a_type_the_bytes_cannot_tell_or_none_at_all_is_refused(
    monkeypatch: pytest.MonkeyPatch, types: str
) -> None:
    monkeypatch.setenv("SWITCHYARD_ALLOWED_FILE_TYPES", types)
    with pytest.raises(ValidationError, match="allowed_file_types"):
        Settings()


@pytest.mark.parametrize("size", [0, 1023, 2 * 1024 * MIB])
def test_the_upload_limit_is_bounded(size: int) -> None:
    with pytest.raises(ValidationError, match="max_upload_bytes"):
        Settings(max_upload_bytes=size)
