"""serving/private_files.py: files with conversations or secrets are 0600 whatever the umask."""

import os
import stat

from serving.private_files import make_private, write_private


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_private_even_with_an_open_umask(tmp_path):
    old = os.umask(0)
    try:
        write_private(tmp_path / "run" / "credentials.yml", "secret: x\n")
    finally:
        os.umask(old)
    assert mode(tmp_path / "run" / "credentials.yml") == 0o600
    assert (tmp_path / "run" / "credentials.yml").read_text() == "secret: x\n"


def test_an_existing_readable_file_becomes_private(tmp_path):
    path = tmp_path / "endpoints.yml"
    path.write_text("old")
    path.chmod(0o644)
    write_private(path, "new")
    assert (mode(path), path.read_text()) == (0o600, "new")


def test_an_old_database_is_made_private(tmp_path):
    database = tmp_path / "conversations.db"
    database.write_bytes(b"")
    database.chmod(0o644)
    make_private(database)
    make_private(tmp_path / "absent.db")  # nothing to do
    assert mode(database) == 0o600
