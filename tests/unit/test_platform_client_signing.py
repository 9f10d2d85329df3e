"""The client's signatures are accepted by the sandbox's authenticator, and each attempt is new."""

from __future__ import annotations

import pytest

from clerkapp.infra.platform.signing import CallContext, Credentials, signed_headers
from clerkapp.sandbox.auth import Authenticator
from clerkapp.sandbox.problems import Problem

CREDS = Credentials("TRAIN-01", "sandbox-training-secret")
CTX = CallContext(official="wangxiao", purpose="matter:zjj.public_rental", case_id="C-2026-0001")
BODY = b'{"item":"vehicle.ownership"}'


def _auth() -> Authenticator:
    return Authenticator({"TRAIN-01": "sandbox-training-secret"})


def test_signed_request_is_accepted_with_its_purpose() -> None:
    headers = signed_headers(CREDS, CTX, "POST", "/api/v1/lookups", BODY)
    caller = _auth().authenticate("POST", "/api/v1/lookups", headers, BODY)
    assert (caller.official, caller.purpose, caller.case) == (
        "wangxiao",
        "matter:zjj.public_rental",
        "C-2026-0001",
    )


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/api/v1/lookups", BODY),
        ("POST", "/api/v1/credit/check", BODY),
        ("POST", "/api/v1/lookups", b'{"item":"marriage.record"}'),
    ],
)
def test_signature_binds_method_path_and_body(method: str, path: str, body: bytes) -> None:
    headers = signed_headers(CREDS, CTX, "POST", "/api/v1/lookups", BODY)
    with pytest.raises(Problem) as refused:
        _auth().authenticate(method, path, headers, body)
    assert refused.value.code == "bad_signature"


def test_wrong_secret_is_refused() -> None:
    headers = signed_headers(Credentials("TRAIN-01", "guess"), CTX, "GET", "/api/v1/items", b"")
    with pytest.raises(Problem) as refused:
        _auth().authenticate("GET", "/api/v1/items", headers, b"")
    assert refused.value.status == 401


def test_each_attempt_has_a_fresh_nonce_and_a_reused_one_is_a_replay() -> None:
    auth = _auth()
    first = signed_headers(CREDS, CTX, "GET", "/api/v1/items", b"")
    second = signed_headers(CREDS, CTX, "GET", "/api/v1/items", b"")
    assert first["X-Request-Id"] != second["X-Request-Id"]
    auth.authenticate("GET", "/api/v1/items", first, b"")
    auth.authenticate("GET", "/api/v1/items", second, b"")
    with pytest.raises(Problem) as replayed:
        auth.authenticate("GET", "/api/v1/items", first, b"")
    assert replayed.value.code == "replayed"


def test_non_ascii_official_is_sent_header_safe_and_still_verifies() -> None:
    ctx = CallContext(official="王晓", purpose="matter:遗属补助", case_id="C-1")
    headers = signed_headers(CREDS, ctx, "GET", "/api/v1/items", b"")
    assert all(value.isascii() for value in headers.values())
    _auth().authenticate("GET", "/api/v1/items", headers, b"")


def test_credentials_repr_hides_the_secret() -> None:
    assert "sandbox-training-secret" not in repr(CREDS)


def test_the_idempotency_key_is_signed() -> None:
    """The client's signature covers the key it sends (canonical form v2): the same headers
    under another key, or without it, are refused."""
    headers = signed_headers(CREDS, CTX, "POST", "/api/v1/lookups", BODY, idempotency_key="k-1")
    assert headers["X-Signature-Version"] == "2"
    for key in ("k-2", None):
        sent = {k: v for k, v in headers.items()}
        if key is not None:
            sent["Idempotency-Key"] = key
        with pytest.raises(Problem) as refused:
            _auth().authenticate("POST", "/api/v1/lookups", sent, BODY)
        assert refused.value.code == "bad_signature"
    caller = _auth().authenticate(
        "POST", "/api/v1/lookups", {**headers, "Idempotency-Key": "k-1"}, BODY
    )
    assert caller.case == "C-2026-0001"
