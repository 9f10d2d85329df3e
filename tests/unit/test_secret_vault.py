"""The secret vault's file fallback (no OS keyring in the tests): secrets and the audit key are
encrypted at rest, readable back on this machine only while the key file is there, the audit key
made once and kept private."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from clerkapp.infra import secret_vault


def test_put_and_get_through_the_file_fallback(clerkapp_home: Path) -> None:
    assert secret_vault.backend_in_use() == "fernet"
    assert "拿到整块硬盘的人可以解密" in secret_vault.describe()
    stored = secret_vault.put("JH-1", "top-secret-42")
    assert stored.backend == "fernet" and "top-secret-42" not in stored.token
    assert secret_vault.get(stored) == "top-secret-42"
    raw = secret_vault.put("bytes", bytes(range(256)))
    assert secret_vault.get_bytes(raw) == bytes(range(256))
    assert secret_vault.StoredSecret.from_json(stored.as_json()) == stored
    assert secret_vault.StoredSecret.from_json({"backend": 1}) is None
    (clerkapp_home / "keys" / "workstation.key").unlink()  # the copied file without its key
    with pytest.raises(secret_vault.VaultError) as lost:
        secret_vault.get(stored)
    assert "无法读取" in lost.value.user_message


def test_audit_key_is_made_once_and_kept_private(clerkapp_home: Path) -> None:
    assert secret_vault.audit_key(create=False) is None
    key = secret_vault.audit_key()
    assert key is not None and len(key.key) == 32 and key.backend == "fernet"
    assert key.key_id == secret_vault.key_id_of(key.key) and len(key.key_id) == 16
    secret_vault.forget_cached_keys()
    again = secret_vault.audit_key()
    assert again is not None and again.key == key.key
    record_path = secret_vault.audit_key_record_path()
    record = record_path.read_text("utf-8")
    assert key.key.hex() not in record and json.loads(record)["backend"] == "fernet"
    assert stat.S_IMODE(record_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(record_path.parent.stat().st_mode) == 0o700
    record_path.write_text("{broken", encoding="utf-8")
    secret_vault.forget_cached_keys()
    with pytest.raises(secret_vault.VaultError):
        secret_vault.audit_key()
