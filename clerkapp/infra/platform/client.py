"""The data platform client: one pooled HTTP session, a timeout on every call, retries only for
network errors and 5xx (exponential backoff with jitter, bounded in count and time), an
``Idempotency-Key`` on every POST/PUT that stays the same across the retries of one operation,
and every attempt freshly signed. Answers are shape-checked into the shared answer types.

Privacy: ID numbers travel only in POST bodies; the log names the operation, the item, the case,
the status and the duration — never a subject, a progress token or a body.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Self
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter

from clerkapp.core.platform_types import CreditStatus, LookupAnswer, VerificationStatus
from clerkapp.infra.platform import answers
from clerkapp.infra.platform.errors import (
    PlatformBadAnswer,
    PlatformCallError,
    PlatformUnavailable,
    Problem,
    error_for,
)
from clerkapp.infra.platform.options import (
    INTERACTIVE_RETRY,
    INTERACTIVE_TIMEOUTS,
    RetryPolicy,
    Subject,
    Timeouts,
    business,
    person,
)
from clerkapp.infra.platform.signing import CallContext, Credentials, signed_headers
from clerkapp.infra.url_policy import needs_insecure_flag

__all__ = [
    "INTERACTIVE_RETRY",
    "INTERACTIVE_TIMEOUTS",
    "PlatformClient",
    "RetryPolicy",
    "Subject",
    "Timeouts",
    "business",
    "person",
]

log = logging.getLogger("clerkapp.platform")

API = "/api/v1"


class PlatformClient:
    """Talks to the platform (or the sandbox) at ``base_url`` as one workstation.

    Thread-safe: the fan-out and the sync worker share one client and its connection pool.
    """

    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        pool_size: int = 16,
        sleep: Callable[[float], None] = time.sleep,
        extra_headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        # Defence in depth behind the settings' check: nothing personal goes in clear over a
        # network unless the lab exception was configured (clerkapp.infra.url_policy).
        self._insecure_refused = needs_insecure_flag(self.base_url) and not allow_insecure_http
        self.credentials = credentials
        # The platform this client stands for, as outbox rows are stamped (``training`` or the
        # platform's address): set by the application, a row stamped otherwise is not sent to
        # it (clerkapp.app.outbox_send.send). None: no check (tools and tests).
        self.target: str | None = None
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._session = requests.Session()
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=pool_size, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.update({"Accept": "application/json", "User-Agent": "ClerkApp"})
        # Proxy and CA settings come from the environment once, here: requests would otherwise
        # re-read the whole environment on every call (a large part of a call's CPU time).
        self._session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
        self._session.verify = (
            os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        )
        self._session.trust_env = False
        # e.g. the sandbox's X-Sandbox-Fault for training drills; never identity headers.
        self._session.headers.update(dict(extra_headers or {}))
        self._closed = threading.Event()
        self._owner = True
        # Told the outcome of every attempt: (HTTP status or None when no answer came —
        # connection error, timeout —, seconds). The workstation's connectivity state.
        self.observer: Callable[[int | None, float], None] | None = None

    def with_options(
        self, *, retry: RetryPolicy | None = None, timeouts: Timeouts | None = None
    ) -> PlatformClient:
        """The same client (same session and connection pool) trying more or less hard, e.g.
        ``client.with_options(retry=INTERACTIVE_RETRY, timeouts=INTERACTIVE_TIMEOUTS)`` for
        the look-ups a clerk waits for. Closing the original closes both."""
        view = copy.copy(self)
        view.retry = retry or self.retry
        view.timeouts = timeouts or self.timeouts
        view._owner = False
        return view

    def close(self) -> None:
        """Release the pooled connections (a :meth:`with_options` view leaves them open)."""
        if self._owner:
            self._closed.set()
            self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- calls

    def health(self) -> dict[str, Any]:
        """``{status, version, training}``; unauthenticated."""
        return answers.health(self._call("GET", "/health", op="health", source="platform"))

    def items(self, *, context: CallContext) -> list[dict[str, Any]]:
        """The information items the platform serves."""
        data = self._call("GET", "/items", op="items", source="platform", context=context)
        return answers.items(data)

    def lookup(
        self,
        item: str,
        subject: Subject,
        fields: Sequence[str],
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> LookupAnswer:
        """Ask a registry for ``fields`` of ``subject``; "not found" is an answer (``found``)."""
        body = {"item": item, "subject": dict(subject), "fields": list(fields)}
        data = self._call(
            "POST",
            "/lookups",
            op="lookup",
            source=item,
            context=context,
            body=body,
            idempotency_key=idempotency_key,
        )
        return answers.lookup_answer(data, item, fields)

    def submit_verification(
        self,
        proof_code: str,
        department: str,
        question: str,
        subject: Subject,
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> VerificationStatus:
        """Ask a department to verify a fact; answers at once with a queued ticket."""
        body = {
            "proof_code": proof_code,
            "department": department,
            "question": question,
            "subject": dict(subject),
        }
        data = self._call(
            "POST",
            "/verifications",
            op="verification",
            source="verification",
            context=context,
            body=body,
            idempotency_key=idempotency_key,
        )
        return answers.verification_status(data)

    def poll_verification(
        self, ticket: str, wait_s: float = 0, *, context: CallContext
    ) -> VerificationStatus:
        """The ticket's state now, waiting up to ``wait_s`` seconds for a change (long poll)."""
        path = f"/verifications/{quote(ticket, safe='')}"
        params = {"wait": str(int(wait_s))} if wait_s > 0 else None
        data = self._call(
            "GET",
            path,
            op="verification_poll",
            source="verification",
            context=context,
            params=params,
            extra_read_s=wait_s,
        )
        return answers.verification_status(data)

    def register_progress(
        self,
        token: str,
        short_code: str,
        matter_name: str,
        office: str,
        expected_completion: str | None,
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> None:
        """Register the case's tracking token with the progress registry (repeatable)."""
        body = {
            "short_code": short_code,
            "matter_name": matter_name,
            "office": office,
            "expected_completion": expected_completion,
        }
        answers.acknowledged(
            self._call(
                "PUT",
                f"/progress/{quote(token, safe='')}",
                op="progress_register",
                source="progress",
                context=context,
                body=body,
                idempotency_key=idempotency_key,
            ),
            "progress",
        )

    def progress_event(
        self,
        token: str,
        status: str,
        label: str,
        at: str,
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> None:
        """Append a status event to the case's public progress page."""
        body = {"status": status, "label": label, "at": at}
        answers.acknowledged(
            self._call(
                "POST",
                f"/progress/{quote(token, safe='')}/events",
                op="progress_event",
                source="progress",
                context=context,
                body=body,
                idempotency_key=idempotency_key,
            ),
            "progress",
        )

    def credit_check(
        self, subject: Subject, *, context: CallContext, idempotency_key: str | None = None
    ) -> CreditStatus:
        """Whether the subject is on the dishonesty list (失信名单)."""
        data = self._call(
            "POST",
            "/credit/check",
            op="credit_check",
            source="credit",
            context=context,
            body={"subject": dict(subject)},
            idempotency_key=idempotency_key,
        )
        return answers.credit_status(data)

    def report_false_pledge(
        self,
        subject: Subject,
        proof_code: str,
        reason: str,
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> str:
        """Report a false pledge to the credit system; returns the report id."""
        body = {"subject": dict(subject), "proof_code": proof_code, "reason": reason}
        data = self._call(
            "POST",
            "/credit/reports",
            op="credit_report",
            source="credit",
            context=context,
            body=body,
            idempotency_key=idempotency_key,
        )
        return answers.report_id(data)

    def anchor_audit(
        self,
        anchor: Mapping[str, Any],
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Anchor the audit chain's head on the platform (``{chain, count, head, at}``: counts
        and hashes only); the platform's stored anchor comes back."""
        body = {k: anchor[k] for k in ("chain", "count", "head", "at")}
        data = self._call(
            "POST",
            "/audit-anchors",
            op="audit_anchor",
            source="platform",
            context=context,
            body=body,
            idempotency_key=idempotency_key,
        )
        return answers.audit_anchor(data)

    def audit_anchors(
        self, chain: str, after: int = 0, *, context: CallContext
    ) -> list[dict[str, Any]]:
        """The anchors the platform keeps for this workstation's chain ``chain``, with an id
        above ``after`` (oldest first)."""
        data = self._call(
            "GET",
            "/audit-anchors",
            op="audit_anchors",
            source="platform",
            context=context,
            params={"chain": chain, "after": str(after)},
        )
        return answers.audit_anchor_list(data)

    # ------------------------------------------------------------- transport

    def _call(
        self,
        method: str,
        path: str,
        *,
        op: str,
        source: str,
        context: CallContext | None = None,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        extra_read_s: float = 0,
    ) -> Any:
        """One operation: tries until an answer, a non-retryable problem, or the retry budget is
        spent; returns the decoded JSON answer."""
        if self._insecure_refused:
            raise PlatformCallError(
                f"plain http to a remote platform refused ({op})",
                user_message="平台地址使用未加密的 http，已拒绝发送（个人信息不得明文传输）。"
                "请用 https:// 地址重新配置平台",
                code="insecure_transport",
                source="platform",
            )
        full_path = API + path
        payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        key = idempotency_key
        if method in ("POST", "PUT") and key is None:
            key = str(uuid.uuid4())  # one operation, one key: retries below reuse it
        timeout = (self.timeouts.connect, self.timeouts.read + extra_read_s)
        case = context.case_id if context else "-"
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            headers: dict[str, str] = {}
            if context is not None:
                headers.update(
                    signed_headers(
                        self.credentials,
                        context,
                        method,
                        full_path,
                        payload,
                        idempotency_key=key or "",
                    )
                )
            if body is not None:
                headers["Content-Type"] = "application/json"
            if key is not None:
                headers["Idempotency-Key"] = key
            t0 = time.monotonic()
            try:
                response = self._session.request(
                    method,
                    self.base_url + full_path,
                    data=payload or None,
                    headers=headers,
                    params=params,
                    timeout=timeout,
                    allow_redirects=False,
                )
            except (
                requests.ConnectionError,
                requests.Timeout,
                requests.exceptions.ChunkedEncodingError,
            ) as exc:
                code = "timeout" if isinstance(exc, requests.Timeout) else "network"
                log.warning(
                    "platform %s source=%s case=%s %s after %.0f ms (attempt %d)",
                    op,
                    source,
                    case,
                    code,
                    (time.monotonic() - t0) * 1000,
                    attempt,
                )
                failure: PlatformCallError = PlatformUnavailable.build(source, code=code)
                self._observe(None, time.monotonic() - t0)
            else:
                log.info(
                    "platform %s source=%s case=%s status=%d %.0f ms (attempt %d)",
                    op,
                    source,
                    case,
                    response.status_code,
                    (time.monotonic() - t0) * 1000,
                    attempt,
                )
                self._observe(response.status_code, time.monotonic() - t0)
                if response.status_code < 400:
                    return self._decode(response, source)
                problem = self._problem(response)
                failure = error_for(source, problem)
                # Only a 5xx is retried here, unless the platform says retrying cannot help.
                if response.status_code < 500 or problem.retryable is False:
                    raise failure
            if attempt >= self.retry.attempts or self._closed.is_set():
                raise failure
            delay = self.retry.delay(attempt)
            if time.monotonic() - started + delay > self.retry.budget_s:
                raise failure
            self._sleep(delay)

    def _observe(self, status: int | None, elapsed_s: float) -> None:
        observer = self.observer
        if observer is not None:
            try:
                observer(status, elapsed_s)
            except Exception:  # the call's own outcome matters more than the report of it
                log.exception("platform call observer failed")

    @staticmethod
    def _decode(response: requests.Response, source: str) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise PlatformBadAnswer.build(source, "body is not JSON") from None

    @staticmethod
    def _problem(response: requests.Response) -> Problem:
        try:
            data = response.json()
        except ValueError:
            data = None
        return Problem.from_json(response.status_code, data)
