"""Purpose binding (docs/platform-api.md "Who may ask what"): every signed call must say why it
asks, and the why must hold.

- ``X-Purpose`` names a matter the platform knows (``matter:<matter code>``), or one of the
  system purposes, each good for its own endpoints only: ``catalogue`` (the information items)
  and ``audit-anchor`` (the audit anchors, which accept no other purpose).
- ``X-Case`` names a case *this* workstation registered, under that same matter. A case is
  registered by its progress registration (``PUT /progress/{token}``), the first call the
  workstation makes about it; the registration itself needs the known matter and a case id, and
  the latest registration of a case number holds (numbers restart on a reinstalled workstation).

Refusals are 403 problems with a Chinese detail (source ``auth``). Which workstation registered
which case lives in the state store, so a restart changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import unquote

from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem
from clerkapp.sandbox.store import StateStore

MATTER_PREFIX = "matter:"
NO_CASE = "-"
#: System purposes and the endpoints (path prefixes) each is good for.
SYSTEM_PURPOSES: dict[str, tuple[str, ...]] = {
    "catalogue": ("/api/v1/items",),
    "audit-anchor": ("/api/v1/audit-anchors",),
    "case-index": ("/api/v1/case-index",),  # the platform's case index (issue 9)
    # case summaries and the office figures (issue 12)
    "supervision": ("/api/v1/case-summaries", "/api/v1/office"),
    "batch": ("/api/v1/batch",),  # a batch itself; each operation states its own (issue 13)
}
#: Endpoints that answer to their system purpose only.
SYSTEM_ONLY: dict[str, str] = {
    "/api/v1/audit-anchors": "audit-anchor",
    "/api/v1/case-index": "case-index",
    "/api/v1/case-summaries": "supervision",
    "/api/v1/office": "supervision",
    "/api/v1/batch": "batch",
}


def _refuse(code: str, detail: str) -> Problem:
    return Problem(403, code, detail, source="auth")


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def matter_of(purpose: str) -> str | None:
    """The matter code a ``matter:<code>`` purpose names (percent-decoded), else None."""
    if not purpose.startswith(MATTER_PREFIX):
        return None
    code = unquote(purpose[len(MATTER_PREFIX) :]).strip()
    return code or None


class PurposeBinding:
    """Checks purpose and case of authenticated calls; remembers registered cases."""

    def __init__(self, store: StateStore, matters: Iterable[str]) -> None:
        self.store = store
        self.matters = frozenset(matters)

    def check(self, caller: Caller, path: str, *, registers: bool = False) -> None:
        """Refuse (:class:`Problem`) a call whose purpose or case does not hold. ``registers``:
        the call is a case's registration (its case need not be registered yet)."""
        purpose = caller.purpose
        for prefix, needed in SYSTEM_ONLY.items():
            if _under(path, prefix) and purpose != needed:
                raise _refuse(
                    "purpose_not_allowed",
                    f"该接口只接受用途“{needed}”的请求，本次请求的用途是“{purpose}”",
                )
        endpoints = SYSTEM_PURPOSES.get(purpose)
        if endpoints is not None:
            if registers or not any(_under(path, p) for p in endpoints):
                raise _refuse(
                    "purpose_not_allowed",
                    f"用途“{purpose}”是平台的系统用途，只可用于其专用接口，不能用于本请求",
                )
            return
        matter = matter_of(purpose)
        if matter is None or matter not in self.matters:
            raise _refuse(
                "purpose_unknown",
                f"用途“{purpose}”不是平台登记的办理事项（应为 matter:事项编码），平台拒绝提供数据",
            )
        case = caller.case.strip()
        if not case or case == NO_CASE:
            raise _refuse("case_missing", "请求未写明办件编号（X-Case），平台拒绝提供数据")
        if registers:
            return
        registered = self.store.one(
            "SELECT matter FROM registered_cases WHERE workstation = ? AND case_id = ?",
            (caller.workstation, case),
        )
        if registered is None:
            raise _refuse(
                "case_not_registered",
                f"办件 {case} 未由本工作站在平台登记（应先登记办件进度），平台拒绝提供数据",
            )
        if registered["matter"] != matter:
            raise _refuse(
                "purpose_mismatch",
                f"办件 {case} 登记的事项是“{registered['matter']}”，"
                f"本次请求的用途却是“{matter}”，平台拒绝提供数据",
            )

    def register(self, caller: Caller) -> None:
        """Remember that the caller's workstation registered the caller's case for the caller's
        matter. The last registration holds: case numbers restart when a workstation is set up
        again, and the workstation that registers its case number anew speaks for it."""
        matter = matter_of(caller.purpose)
        assert matter is not None  # check() let only a known matter through
        self.store.execute(
            "INSERT OR REPLACE INTO registered_cases VALUES (?, ?, ?, ?)",
            (
                caller.workstation,
                caller.case.strip(),
                matter,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
