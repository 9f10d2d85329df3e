"""The data platform client: pooled keep-alive connections, a timeout on every call, retries only
for network errors and 5xx (exponential backoff with jitter, bounded in count and time), an
``Idempotency-Key`` on every POST/PUT that stays the same across the retries of one operation,
and every attempt freshly signed. Answers are shape-checked into the shared answer types.

The transport is the standard library's ``http.client`` on kept-alive connections
(:mod:`.transport`), or urllib3 through a proxy, rather than a ``requests.Session``: requests'
request preparation (settings merged, headers copied and validated, URLs parsed again) was most of
the client's CPU per call, and an outbox drain makes thousands of calls (issue 10). Proxies and
the CA bundle still come from the environment once, as requests read them.

Privacy: ID numbers travel only in POST bodies; the log names the operation, the item, the case,
the status and the duration — never a subject, a progress token or a body.
"""

from __future__ import annotations

import base64
import copy
import http.client
import json
import logging
import os
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Self
from urllib.parse import quote, urlencode, urlsplit

import requests.utils
import urllib3
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError

from clerkapp.core.platform_types import CreditStatus, LookupAnswer, VerificationStatus
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.infra.platform import answers, batch, operations
from clerkapp.infra.platform.batch import BatchTooLarge, BatchUnsupported, OperationResult
from clerkapp.infra.platform.errors import (
    PlatformBadAnswer,
    PlatformCallError,
    PlatformUnavailable,
    Problem,
    error_for,
)
from clerkapp.infra.platform.operations import Operation, body_bytes
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
from clerkapp.infra.platform.transport import KeepAlive
from clerkapp.infra.url_policy import needs_insecure_flag

__all__ = [
    "INTERACTIVE_RETRY",
    "INTERACTIVE_TIMEOUTS",
    "BatchTooLarge",
    "BatchUnsupported",
    "Operation",
    "OperationResult",
    "PlatformClient",
    "RetryPolicy",
    "Subject",
    "Timeouts",
    "business",
    "person",
]

log = logging.getLogger("clerkapp.platform")

API = "/api/v1"
#: What a case summary carries (issue 12; docs/CONTRACTS.md "Case summaries").
SUMMARY_FIELDS = (
    "case_id",
    "seq",
    "event",
    "matter",
    "office",
    "window",
    "clerk",
    "state",
    "decision",
    "opened_at",
    "accepted_at",
    "decided_at",
    "promised_date",
    "at",
    "proofs",
    "pledges",
    "rating",
    "rated_at",
)


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
        # Keep-alive connections, up to ``pool_size`` kept per host (as many as threads call).
        # Straight to the host on http.client, or through the environment's proxy on urllib3.
        self._proxied = proxy_manager(self.base_url, pool_size)
        self._direct = (
            KeepAlive(self.base_url, pool_size, tls_context()) if self._proxied is None else None
        )
        self._headers = {"Accept": "application/json", "User-Agent": "ClerkApp"}
        # e.g. the sandbox's X-Sandbox-Fault for training drills; never identity headers.
        self._headers.update(dict(extra_headers or {}))
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
            if self._direct is not None:
                self._direct.close()
            if self._proxied is not None:
                self._proxied.clear()

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
        return self.perform(operations.lookup(item, subject, fields, context, idempotency_key))

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
        op = operations.verification(
            proof_code, department, question, subject, context, idempotency_key
        )
        return self.perform(op)

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
        self.perform(
            operations.progress_register(
                token, short_code, matter_name, office, expected_completion, context,
                idempotency_key,
            )
        )  # fmt: skip

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
        self.perform(operations.progress_event(token, status, label, at, context, idempotency_key))

    def send_notification(
        self,
        token: str,
        phone: str,
        event: str,
        text: str,
        at: str,
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Ask the platform to send an SMS notice of the case with progress ``token`` (issue 9):
        the mobile ``phone`` and the finished ``text`` (no ID number, the surname masked) travel
        in the signed body only; the platform answers ``{id, status}``."""
        op = operations.notification(token, phone, event, text, at, context, idempotency_key)
        return self.perform(op)

    def upload_document(
        self,
        token: str,
        kind: str,
        number: str,
        pdf: bytes,
        checks: list[str],
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Put an issued decision (``kind`` decision / refusal, its ``number``) on the case's
        progress page for download (issue 9): the PDF (base64) and ``checks``, the keyed hashes
        of the last four digits that open it (:func:`clerkapp.core.contact.download_check`) —
        never the digits. A later upload (a corrected decision) replaces it."""
        body = {
            "kind": kind,
            "number": number,
            "pdf": base64.b64encode(pdf).decode("ascii"),
            "checks": checks,
        }
        data = self._call(
            "PUT",
            f"/progress/{quote(token, safe='')}/document",
            op="document_upload",
            source="progress",
            context=context,
            body=body,
            idempotency_key=idempotency_key,
        )
        return answers.acknowledged(data, "progress")

    def credit_check(
        self, subject: Subject, *, context: CallContext, idempotency_key: str | None = None
    ) -> CreditStatus:
        """Whether the subject is on the dishonesty list (失信名单)."""
        return self.perform(operations.credit_check(subject, context, idempotency_key))

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
        op = operations.credit_report(subject, proof_code, reason, context, idempotency_key)
        return self.perform(op)

    def anchor_audit(
        self,
        anchor: Mapping[str, Any],
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Anchor the audit chain's head on the platform (``{chain, count, head, at}``: counts
        and hashes only); the platform's stored anchor comes back."""
        return self.perform(operations.audit_anchor(anchor, context, idempotency_key))

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

    def index_case(
        self,
        entry: Mapping[str, Any],
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Index one of this workstation's cases on the platform's case index (issue 9):
        ``{case_id, subject, matter, matter_name, state, office, window, opened_at,
        updated_at}``; the applicant's number travels in the signed body only and the platform
        keeps a keyed hash of it. Purpose ``case-index``."""
        return self.perform(operations.case_index(entry, context, idempotency_key))

    def search_case_index(self, subject: str, *, context: CallContext) -> list[dict[str, str]]:
        """The cases other workstations indexed for the applicant ``subject`` (a full ID number
        or USCC, sent in the signed body, never in the URL): matter, state, office, window,
        dates — nothing personal. Purpose ``case-index``."""
        data = self._call(
            "POST",
            "/case-index/search",
            op="case_index_search",
            source="platform",
            context=context,
            body={"subject": subject},
        )
        return answers.indexed_cases(data)

    def send_case_summary(
        self,
        summary: Mapping[str, Any],
        *,
        context: CallContext,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Send a case's summary for supervision and the office figures (issue 12; purpose
        ``supervision``): the fields of :data:`SUMMARY_FIELDS` (a pledge's subject travels in
        the signed body only; the platform keeps its keyed hash). ``{case_id, seq, stored}``."""
        body = {k: summary[k] for k in SUMMARY_FIELDS if k in summary}
        data = self._call(
            "POST",
            "/case-summaries",
            op="case_summary",
            source="platform",
            context=context,
            body=body,
            idempotency_key=idempotency_key,
        )
        return answers.acknowledged(data, "platform")

    def office_figures(self, period: str, *, context: CallContext, **scope: str) -> dict[str, Any]:
        """The office figures over every window (issue 12; purpose ``supervision``) of the
        cases opened in ``period`` (``2026``, ``2026-11``, ``2026-11-27``, ``FROM..TO``);
        ``scope``: ``office``, ``window``, ``clerk``, ``as_of`` (a day)."""
        params = {"period": period, **{k: v for k, v in scope.items() if v}}
        data = self._call(
            "GET",
            "/office/figures",
            op="office_figures",
            source="platform",
            context=context,
            params=params,
        )
        return answers.acknowledged(data, "platform")

    # ------------------------------------------------------------- operations

    def perform(self, operation: Operation) -> Any:
        """Send one :class:`Operation` alone (retried as any call); its decoded answer."""
        data = self._call(
            operation.method,
            operation.path,
            op=operation.op,
            source=operation.source,
            context=operation.context,
            payload=operation.payload,
            idempotency_key=operation.idempotency_key,
        )
        return operation.decode(data)

    def send_batch(
        self, ops: Sequence[Operation], depends_on: Sequence[int | None] | None = None
    ) -> list[OperationResult]:
        """Send ``ops`` in one ``POST /batch`` (docs/CONTRACTS.md "Batch delivery"): one
        result per operation, in order. ``depends_on[i]``: the index of an earlier operation
        that must succeed for operation ``i`` to be applied. Raises
        :class:`BatchUnsupported` when the platform has no batch endpoint (then remembered
        for its URL: :attr:`batch_supported`), :class:`BatchTooLarge` when it refused the
        batch's size, or the call's error when the batch as a whole got no answer."""
        return batch.send(self, ops, depends_on)

    @property
    def batch_supported(self) -> bool:
        """Whether batches are worth trying at this platform's URL (False for a while after
        it answered 404/405 to one)."""
        return batch.supported(self.base_url)

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
        payload: bytes | None = None,
    ) -> Any:
        """One operation: tries until an answer, a non-retryable problem, or the retry budget is
        spent; returns the decoded JSON answer. ``payload``: the JSON body already encoded
        (instead of ``body``); ``idempotency_key`` "": none (a batch carries its operations')."""
        if self._insecure_refused:
            raise PlatformCallError(
                f"plain http to a remote platform refused ({op})",
                user_message=QT_TRANSLATE_NOOP(
                    "PlatformErrors",
                    "平台地址使用未加密的 http，已拒绝发送（个人信息不得明文传输）。"
                    "请用 https:// 地址重新配置平台",
                ),
                code="insecure_transport",
                source="platform",
            )
        full_path = API + path
        has_body = body is not None or payload is not None
        if payload is None:
            payload = b"" if body is None else body_bytes(body)
        key = idempotency_key
        if method in ("POST", "PUT") and key is None:
            key = str(uuid.uuid4())  # one operation, one key: retries below reuse it
        timeout = (self.timeouts.connect, self.timeouts.read + extra_read_s)
        target = full_path + (f"?{urlencode(params)}" if params else "")
        case = context.case_id if context else "-"
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            headers = dict(self._headers)
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
            if has_body:
                headers["Content-Type"] = "application/json"
            if key:
                headers["Idempotency-Key"] = key
            t0 = time.monotonic()
            try:
                status, data = self._send(method, target, payload, headers, timeout)
            except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
                code = "timeout" if _timed_out(exc) else "network"
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
                    status,
                    (time.monotonic() - t0) * 1000,
                    attempt,
                )
                self._observe(status, time.monotonic() - t0)
                if status < 400:
                    return self._decode(status, data, source)
                problem = self._problem(status, data)
                failure = error_for(source, problem)
                # Only a 5xx is retried here, unless the platform says retrying cannot help.
                if status < 500 or problem.retryable is False:
                    raise failure
            if attempt >= self.retry.attempts or self._closed.is_set():
                raise failure
            delay = self.retry.delay(attempt)
            if time.monotonic() - started + delay > self.retry.budget_s:
                raise failure
            self._sleep(delay)

    def _send(
        self,
        method: str,
        target: str,
        payload: bytes,
        headers: dict[str, str],
        timeout: tuple[float, float],
    ) -> tuple[int, bytes]:
        """One HTTP exchange (no retries, no redirects): ``(status, body)``; ``target`` is the
        API path and query."""
        if self._direct is not None:
            return self._direct.exchange(method, target, payload or None, headers, timeout)
        assert self._proxied is not None
        response = self._proxied.urlopen(
            method,
            self.base_url + target,
            body=payload or None,
            headers=headers,
            timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]),
            retries=False,
            redirect=False,
        )
        return response.status, response.data

    def _observe(self, status: int | None, elapsed_s: float) -> None:
        observer = self.observer
        if observer is not None:
            try:
                observer(status, elapsed_s)
            except Exception:  # the call's own outcome matters more than the report of it
                log.exception("platform call observer failed")

    @staticmethod
    def _decode(status: int, data: bytes, source: str) -> Any:
        if status == 204 or not data:
            return None
        try:
            return json.loads(data)
        except ValueError:
            raise PlatformBadAnswer.build(source, "body is not JSON") from None

    @staticmethod
    def _problem(status: int, data: bytes) -> Problem:
        try:
            decoded = json.loads(data)
        except ValueError:
            decoded = None
        return Problem.from_json(status, decoded)


def _ca_bundle() -> str:
    """The CA bundle (file or directory) to trust: ``REQUESTS_CA_BUNDLE`` / ``CURL_CA_BUNDLE``,
    else the bundle requests ships — what a ``requests.Session`` trusted before."""
    ca = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    return ca or requests.utils.DEFAULT_CA_BUNDLE_PATH


def tls_context() -> ssl.SSLContext:
    """Certificate and host name verification against :func:`_ca_bundle` (read once)."""
    ca = _ca_bundle()
    if os.path.isdir(ca):
        return ssl.create_default_context(capath=ca)
    return ssl.create_default_context(cafile=ca)


def proxy_manager(base_url: str, pool_size: int) -> urllib3.ProxyManager | None:
    """Pooled connections through the environment's proxy for ``base_url`` (honouring
    ``no_proxy``), read once, here; None when the platform is reached directly."""
    proxies = requests.utils.get_environ_proxies(base_url)
    proxy = proxies.get(urlsplit(base_url).scheme) or proxies.get("all")
    if not proxy:
        return None
    return urllib3.ProxyManager(
        proxy, num_pools=2, maxsize=pool_size, cert_reqs="CERT_REQUIRED", ssl_context=tls_context()
    )


def _timed_out(error: Exception) -> bool:
    """Whether a transport error is a timeout (no answer in time), not a refused connection."""
    if isinstance(error, NewConnectionError):
        return False
    return isinstance(error, (ConnectTimeoutError, ReadTimeoutError, TimeoutError))
