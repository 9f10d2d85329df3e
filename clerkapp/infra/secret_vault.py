"""The workstation's secret storage (the platform secret, the audit key): one place that decides
where a secret lives and how well it is protected (docs/security.md).

Two backends:

- ``keyring``: the OS keyring (Secret Service on Linux, Windows Credential Manager, macOS
  Keychain) through the ``keyring`` package, when it has a real backend (not the "fail" or a
  plain-text one). The secret is not on the disk at all: a copy of the data directory — or of the
  whole disk — does not reveal it.
- ``fernet``: the file fallback. The secret is encrypted (Fernet) under a key derived (HKDF) from
  a random key file in ``data_dir()/keys/`` (0600, in a 0700 folder) and this machine's id. It
  protects against a copied database or settings file alone; it does **not** protect against
  someone holding the whole disk, who has the key file and the machine id too.

A stored secret is described by a :class:`StoredSecret` (backend, keyring service and name, and
the Fernet token for the file fallback) that the caller keeps where it likes (settings.json, a
key record file); :func:`get` gives the value back.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ClerkAppError
from clerkapp.infra.paths import data_dir

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

KEYRING = "keyring"
FILE = "fernet"  # the name settings.json has always used for the file fallback
DEFAULT_SERVICE = "ClerkApp"
AUDIT_SERVICE = "ClerkApp audit"
AUDIT_KEY_NAME = "audit-key"


class VaultError(ClerkAppError):
    """A stored secret cannot be read back (moved to another machine, keyring emptied…)."""


@dataclass(frozen=True)
class StoredSecret:
    """Where one secret was put: ``backend`` ``keyring`` (``service``/``name`` in the OS keyring)
    or ``fernet`` (``token`` is the encrypted value)."""

    backend: str
    service: str
    name: str
    token: str = ""

    def as_json(self) -> dict[str, str]:
        """The record as plain JSON (never the secret itself)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> StoredSecret | None:
        """A record read back, None when ``data`` is not one."""
        if not isinstance(data, dict):
            return None
        values = [data.get(k) for k in ("backend", "service", "name", "token")]
        if not all(isinstance(v, str) for v in values):
            return None
        backend, service, name, token = (str(v) for v in values)
        return cls(backend, service, name, token)


def backend_in_use() -> str:
    """``keyring`` when a real OS keyring is available (and not disabled by
    ``CLERKAPP_NO_KEYRING``), otherwise ``fernet`` (the file fallback)."""
    return KEYRING if _keyring() is not None else FILE


def describe() -> str:
    """One sentence for people (CLI, docs): where secrets go on this workstation and what that
    protects against."""
    module = _keyring()
    if module is not None:
        name = type(module.get_keyring()).__name__
        return f"密钥保存在操作系统密钥环（{name}）中：复制数据目录乃至整块硬盘都得不到密钥。"
    return (
        "本机没有可用的操作系统密钥环，密钥加密保存在数据目录的 keys/ 文件夹中："
        "仅复制数据库无法读出，但拿到整块硬盘的人可以解密（详见 docs/security.md）。"
    )


def put(name: str, value: bytes | str, *, service: str = DEFAULT_SERVICE) -> StoredSecret:
    """Store ``value`` under ``service``/``name``: in the OS keyring when there is one,
    otherwise encrypted with the file fallback. Keep the returned record to :func:`get` it."""
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    if _keyring_set(service, name, text):
        return StoredSecret(KEYRING, service, name)
    token = _fernet().encrypt(text.encode("utf-8")).decode("ascii")
    return StoredSecret(FILE, service, name, token)


def get(stored: StoredSecret) -> str:
    """The secret a record points to (as it was put: bytes come back as latin-1 text, see
    :func:`get_bytes`). Raises :class:`VaultError` when it cannot be read back."""
    if stored.backend == KEYRING:
        value = _keyring_get(stored.service, stored.name)
        if value:
            return value
    elif stored.backend == FILE and stored.token:
        from cryptography.fernet import InvalidToken  # loaded when a secret is read (issue 13)

        try:
            return _fernet().decrypt(stored.token.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError):
            pass
    raise VaultError(
        f"secret {stored.service}/{stored.name} ({stored.backend}) unavailable",
        user_message=QT_TRANSLATE_NOOP(
            "SecretVault",
            "无法读取本工作站保存的密钥（密钥环中已没有它，或配置是在其他电脑上复制的）",
        ),
    )


def get_bytes(stored: StoredSecret) -> bytes:
    """A secret put as bytes, as bytes."""
    return get(stored).encode("latin-1")


def delete(stored: StoredSecret) -> None:
    """Forget a secret (the keyring entry; a Fernet token simply stops being kept)."""
    if stored.backend == KEYRING:
        _keyring_delete(stored.service, stored.name)


# ------------------------------------------------------------------ the audit key

_audit_lock = threading.Lock()
_audit_cache: dict[str, tuple[StoredSecret, bytes]] = {}


@dataclass(frozen=True)
class AuditKey:
    """The workstation's audit key: ``key`` for HMAC, ``key_id`` (a fingerprint that reveals
    nothing of it) to name it, ``backend`` where it is kept."""

    key: bytes
    key_id: str
    backend: str


def key_id_of(key: bytes) -> str:
    """The public name of an audit key (16 hex characters)."""
    return hashlib.sha256(b"clerkapp audit key id\0" + key).hexdigest()[:16]


def audit_key_record_path() -> Path:
    """Where the audit key's record (never the key in clear) is kept."""
    return data_dir() / "keys" / "audit-key.json"


def audit_key(*, create: bool = True) -> AuditKey | None:
    """This workstation's audit key, created (32 random bytes, in the vault) on first use when
    ``create``; None when there is none and ``create`` is false. Raises :class:`VaultError` when
    a key was recorded but cannot be read back (keyring emptied, data directory copied from
    another machine)."""
    path = audit_key_record_path()
    with _audit_lock:
        cached = _audit_cache.get(str(path))
        if cached is not None and path.exists():
            stored, key = cached
            return AuditKey(key, key_id_of(key), stored.backend)
        stored_record: StoredSecret | None = None
        if path.exists():
            try:
                stored_record = StoredSecret.from_json(json.loads(path.read_text("utf-8")))
            except (OSError, ValueError):
                stored_record = None
            if stored_record is None:
                raise VaultError(
                    f"audit key record {path} unreadable",
                    user_message=QT_TRANSLATE_NOOP(
                        "SecretVault", "审计密钥记录无法读取：{path}"
                    ).format(path=path),
                )
        elif not create:
            return None
        if stored_record is None:
            key = secrets.token_bytes(32)
            # A name of its own per data directory: two installations (or test homes) of one
            # OS user never share, or overwrite, one keyring entry.
            name = f"{AUDIT_KEY_NAME}-{secrets.token_hex(6)}"
            stored_record = put(name, key.hex(), service=AUDIT_SERVICE)
            _write_private(path, json.dumps(stored_record.as_json()).encode("utf-8"))
        else:
            try:
                key = bytes.fromhex(get(stored_record))
            except ValueError as exc:
                raise VaultError(
                    "audit key damaged",
                    user_message=QT_TRANSLATE_NOOP("SecretVault", "审计密钥已损坏"),
                ) from exc
        _audit_cache[str(path)] = (stored_record, key)
        return AuditKey(key, key_id_of(key), stored_record.backend)


def forget_cached_keys() -> None:
    """Drop keys held in memory (tests that remove a key behind the process's back)."""
    with _audit_lock:
        _audit_cache.clear()


# ------------------------------------------------------------------ file fallback


def _key_file() -> Path:
    return data_dir() / "keys" / "workstation.key"


def _write_private(path: Path, content: bytes) -> None:
    """Write a file readable by the user only (0600 in a 0700 folder), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        path.parent.chmod(0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.replace(tmp, path)


def _fernet() -> Fernet:
    """The Fernet key: HKDF over the local key file and the machine id."""
    # cryptography is imported when a secret is first needed, not with the store at start-up.
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    path = _key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            path.parent.chmod(0o700)
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
    material = path.read_bytes()
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_machine_id(), info=b"clerkapp secret")
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(material)))


def _machine_id() -> bytes:
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            return Path(candidate).read_bytes().strip()
        except OSError:
            continue
    return b"clerkapp"


# ------------------------------------------------------------------ OS keyring


def _keyring() -> Any:
    """The keyring module when installed with a usable (not "fail"/plaintext) backend."""
    if os.environ.get("CLERKAPP_NO_KEYRING"):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or "plaintext" in type(backend).__name__.lower():
        return None
    return keyring


def _keyring_set(service: str, name: str, secret: str) -> bool:
    module = _keyring()
    if module is None:
        return False
    try:
        module.set_password(service, name, secret)
    except Exception:  # any backend failure: fall back to the encrypted file
        return False
    return True


def _keyring_get(service: str, name: str) -> str | None:
    module = _keyring()
    if module is None:
        return None
    try:
        value = module.get_password(service, name)
    except Exception:
        return None
    return value if isinstance(value, str) else None


def _keyring_delete(service: str, name: str) -> None:
    module = _keyring()
    if module is None:
        return
    try:
        module.delete_password(service, name)
    except Exception:
        return
