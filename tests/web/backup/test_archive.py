"""``halfsky backup`` / ``halfsky restore``: the demo restored table for table; bad archives refused."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from halfsky.web.backup import BackupError, restore_backup
from halfsky.web.backup.fingerprint import Fingerprints, fingerprints

pytestmark = pytest.mark.database  # new instances on the configured database

ROOT = Path(__file__).resolve().parents[3]
EVIDENCE = b"%PDF-1.4 sample evidence\n"
PLAN_FILE = "plan:\n  code: county-women-2026-2030\n"


def database_settings() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def postgresql(database: str) -> Any:
    import psycopg

    db = database_settings()
    return psycopg.connect(dbname=database, user=db["USER"], password=db["PASSWORD"],
                           host=db["HOST"], port=db["PORT"], autocommit=True)


@contextmanager
def new_instance(directory: Path) -> Iterator[dict[str, str]]:
    """The environment of a new, empty instance (SQLite, or a new PostgreSQL database)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "HALFSKY_VAR_DIR": str(directory),
                   "HALFSKY_MEDIA_DIR": str(directory / "media"),
                   "HALFSKY_PLAN_DIR": str(directory / "plans")}
    environment.pop("HALFSKY_SQLITE_PATH", None)
    if "sqlite" in database_settings()["ENGINE"]:
        yield environment
        return
    name = f"halfsky_backup_test_{uuid.uuid4().hex[:8]}"
    with closing(postgresql("postgres")) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield {**environment, "DB": "postgres", "PGDATABASE": name}
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def instance_fingerprints(environment: dict[str, str]) -> Fingerprints:
    if environment.get("DB") != "postgres":
        path = Path(environment["HALFSKY_VAR_DIR"]) / "halfsky.sqlite3"
        with closing(sqlite3.connect(path)) as database:
            return fingerprints(database, "sqlite")
    with closing(postgresql(environment["PGDATABASE"])) as database:
        return fingerprints(database, "postgresql")


def run_cli(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "halfsky.cli", *args], capture_output=True,
                          text=True, env=environment, timeout=300, check=False)


@dataclass(frozen=True)
class DemoBackup:
    archive: Path
    fingerprints: Fingerprints


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoBackup]:
    """The demo (with an evidence file and a plan file) in its own instance, backed up."""
    directory = tmp_path_factory.mktemp("demo-instance")
    with new_instance(directory) as environment:
        for command in (["manage", "migrate", "-v", "0"], ["demo"]):
            result = run_cli(*command, environment=environment)
            assert result.returncode == 0, result.stderr
        (directory / "media" / "evidence").mkdir(parents=True)
        (directory / "media" / "evidence" / "self-evaluation.pdf").write_bytes(EVIDENCE)
        (directory / "plans").mkdir()
        (directory / "plans" / "county.yaml").write_text(PLAN_FILE, encoding="utf-8")
        result = run_cli("backup", str(directory / "backups"), environment=environment)
        assert result.returncode == 0, result.stderr
        assert "backup written" in result.stdout
        (archive,) = (directory / "backups").glob("halfsky-backup-*.tar.gz")
        yield DemoBackup(archive, instance_fingerprints(environment))


def test_the_demo_restored_into_an_empty_instance_has_every_table_and_file(
        demo_backup: DemoBackup, tmp_path: Path) -> None:
    expected = demo_backup.fingerprints
    assert expected["plans_indicator"]["rows"] > 50 and expected["auth_user"]["rows"] >= 8
    assert expected["assessments_assessmentresult"]["rows"] > 100

    with new_instance(tmp_path / "new") as environment:
        result = run_cli("restore", str(demo_backup.archive), environment=environment)
        assert result.returncode == 0, result.stderr
        assert f"{len(expected)} tables" in result.stdout
        restored = instance_fingerprints(environment)

    assert restored.keys() == expected.keys()
    assert [t for t in expected if restored[t] != expected[t]] == []
    new = tmp_path / "new"
    assert (new / "media" / "evidence" / "self-evaluation.pdf").read_bytes() == EVIDENCE
    assert (new / "plans" / "county.yaml").read_text(encoding="utf-8") == PLAN_FILE


def test_an_archive_of_an_older_version_is_migrated_forward(demo_backup: DemoBackup,
                                                            tmp_path: Path) -> None:
    with new_instance(tmp_path / "old") as old:
        # An instance as it was before API tokens existed, and its backup.
        for command in (["restore", str(demo_backup.archive)],
                        ["manage", "migrate", "tokens", "zero", "-v", "0"],
                        ["backup", str(tmp_path / "old-backups")]):
            result = run_cli(*command, environment=old)
            assert result.returncode == 0, result.stderr
        (archive,) = (tmp_path / "old-backups").glob("halfsky-backup-*.tar.gz")
        with new_instance(tmp_path / "new") as new:
            result = run_cli("restore", str(archive), environment=new)
            assert result.returncode == 0, result.stderr
            restored = instance_fingerprints(new)
    assert "the database was migrated to this version" in result.stdout
    expected = demo_backup.fingerprints
    assert restored.keys() == expected.keys()  # tokens_apitoken is back
    assert [t for t in expected
            if t != "django_migrations" and restored[t] != expected[t]] == []


def test_a_truncated_archive_is_refused_with_a_message(demo_backup: DemoBackup,
                                                       tmp_path: Path) -> None:
    archive = demo_backup.archive
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with new_instance(tmp_path / "new") as environment:
        result = run_cli("restore", str(truncated), environment=environment)
    assert result.returncode == 2
    assert "damaged or truncated" in result.stderr
    assert not (tmp_path / "new" / "media").exists()


def rewritten(archive: Path, target: Path, change: Any) -> Path:
    """A copy of the archive whose members went through ``change(name, bytes)``."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            data = change(member.name, data)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def test_a_changed_file_is_refused_as_corrupt(demo_backup: DemoBackup, tmp_path: Path) -> None:
    archive = demo_backup.archive

    def flip(name: str, data: bytes) -> bytes:
        return data.replace(b"sample", b"SAMPLE") if name.startswith("media/") else data

    with pytest.raises(BackupError) as refused:
        restore_backup(rewritten(archive, tmp_path / "changed.tar.gz", flip))
    assert refused.value.code == "restore.corrupt"
    assert "media/evidence/self-evaluation.pdf" in refused.value.message


def test_an_archive_of_a_newer_halfsky_is_refused(demo_backup: DemoBackup, tmp_path: Path) -> None:
    archive = demo_backup.archive

    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["reports"].append("0099_from_the_future")
        return json.dumps(manifest).encode()

    with pytest.raises(BackupError) as refused:
        restore_backup(rewritten(archive, tmp_path / "newer.tar.gz", newer))
    assert refused.value.code == "restore.unknown_migrations"
    assert "reports.0099_from_the_future" in refused.value.message


def test_a_backup_is_not_restored_over_an_instance_with_data(demo_backup: DemoBackup,
                                                              db: None) -> None:
    users = User.objects.count()
    with pytest.raises(BackupError) as refused:
        restore_backup(demo_backup.archive)  # into the test database, which holds the demo
    assert refused.value.code == "restore.not_empty"
    assert "empty instance" in refused.value.message
    assert User.objects.count() == users
