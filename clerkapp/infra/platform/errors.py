"""Typed platform errors the GUI can explain as they are.

Every error says whether it is worth retrying (``retryable``), the platform's problem ``code``,
the ``source`` (registry or component) and a Chinese ``user_message`` that names the registry and
what the clerk can do next. Personal data never appears in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import PlatformError

# The registry behind each information item, in the clerk's words (shown in error messages).
REGISTRY_NAMES: dict[str, str] = {
    "population.basic": QT_TRANSLATE_NOOP("PlatformErrors", "户籍库"),
    "household.members": QT_TRANSLATE_NOOP("PlatformErrors", "户籍库"),
    "marriage.record": QT_TRANSLATE_NOOP("PlatformErrors", "婚姻登记库"),
    "realestate.holdings": QT_TRANSLATE_NOOP("PlatformErrors", "不动产登记库"),
    "social_insurance.person": QT_TRANSLATE_NOOP("PlatformErrors", "社保参保库"),
    "social_insurance.employer": QT_TRANSLATE_NOOP("PlatformErrors", "社保参保库"),
    "personnel_file.custody": QT_TRANSLATE_NOOP("PlatformErrors", "人事档案库"),
    "vehicle.ownership": QT_TRANSLATE_NOOP("PlatformErrors", "车辆登记库"),
    "family_economic.status": QT_TRANSLATE_NOOP("PlatformErrors", "家庭经济状况核对库"),
    "business.licence": QT_TRANSLATE_NOOP("PlatformErrors", "市场主体登记库"),
    "verification": QT_TRANSLATE_NOOP("PlatformErrors", "部门核验服务"),
    "progress": QT_TRANSLATE_NOOP("PlatformErrors", "办件进度登记"),
    "credit": QT_TRANSLATE_NOOP("PlatformErrors", "失信名单库"),
    "platform": QT_TRANSLATE_NOOP("PlatformErrors", "数据共享平台"),
}


def registry_name(item_or_source: str | None) -> str:
    """The clerk-facing name of the registry behind an item (or a problem's source)."""
    if not item_or_source:
        return REGISTRY_NAMES["platform"]
    if item_or_source in REGISTRY_NAMES:
        return REGISTRY_NAMES[item_or_source]
    head = item_or_source.split(".")[0].split("/")[0]
    for key, name in REGISTRY_NAMES.items():
        if key.split(".")[0] == head:
            return name
    # A source the platform names itself (e.g. "民政婚姻登记") is already in words.
    return item_or_source if not item_or_source.isascii() else REGISTRY_NAMES["platform"]


@dataclass(frozen=True)
class Problem:
    """An ``application/problem+json`` body (RFC 9457) as the platform sends it."""

    status: int
    code: str
    title: str
    detail: str
    retryable: bool | None
    source: str

    @classmethod
    def from_json(cls, status: int, data: Any) -> Problem:
        """Read a problem body; tolerant: it may come from a proxy, not the platform."""
        body = data if isinstance(data, dict) else {}

        def text(key: str) -> str:
            value = body.get(key)
            return value if isinstance(value, str) else ""

        retryable = body.get("retryable")
        return cls(
            status=status,
            code=text("code") or f"http_{status}",
            title=text("title"),
            detail=text("detail"),
            retryable=retryable if isinstance(retryable, bool) else None,
            source=text("source"),
        )


class PlatformCallError(PlatformError):
    """Base of the client's typed errors."""

    retryable: bool = False

    def __init__(
        self,
        message: str,
        *,
        user_message: str,
        code: str,
        source: str,
        status: int | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(message, user_message=user_message)
        self.code = code
        self.source = source
        self.status = status
        self.detail = detail

    @property
    def registry(self) -> str:
        """The registry named to the clerk."""
        return registry_name(self.source)


class PlatformUnavailable(PlatformCallError):
    """Network error, timeout or 5xx after the retries: try again later (or use a fallback)."""

    retryable = True

    @classmethod
    def build(
        cls, source: str, *, code: str, status: int | None = None, detail: str = ""
    ) -> PlatformUnavailable:
        """The error for ``source`` (item or component) with the clerk's next steps."""
        name = registry_name(source)
        return cls(
            f"platform unavailable ({code}, status {status}) for {source}",
            user_message=QT_TRANSLATE_NOOP(
                "PlatformErrors",
                "{name}暂时无法访问，可重试，或改为部门核验、申请人承诺（以目录允许为准）",
            ).format(name=name),
            code=code,
            source=source,
            status=status,
            detail=detail,
        )


class PlatformRefused(PlatformCallError):
    """401/403: the workstation, the official or the purpose was not accepted — needs a person
    (IT staff or a supervisor); retrying the same call cannot help."""

    @classmethod
    def build(cls, source: str, problem: Problem) -> PlatformRefused:
        """The error for a refused call."""
        name = registry_name(source)
        reason = problem.detail or QT_TRANSLATE_NOOP(
            "PlatformErrors", "工作站身份、经办人或用途未通过平台校验"
        )
        return cls(
            f"platform refused the call ({problem.status} {problem.code}) for {source}",
            user_message=QT_TRANSLATE_NOOP(
                "PlatformErrors", "{name}拒绝了本次查询：{reason}。请联系系统管理员处理"
            ).format(name=name, reason=reason),
            code=problem.code,
            source=source,
            status=problem.status,
            detail=problem.detail,
        )


class PlatformRejected(PlatformCallError):
    """Another 4xx: the request itself is wrong (unknown item, bad subject, …); carries the
    platform's problem detail. Retrying the same call cannot help."""

    @classmethod
    def build(cls, source: str, problem: Problem) -> PlatformRejected:
        """The error for a rejected call."""
        name = registry_name(source)
        reason = (
            problem.detail
            or problem.title
            or QT_TRANSLATE_NOOP("PlatformErrors", "请求内容不被接受")
        )
        return cls(
            f"platform rejected the call ({problem.status} {problem.code}) for {source}",
            user_message=QT_TRANSLATE_NOOP(
                "PlatformErrors", "{name}未受理本次请求：{reason}"
            ).format(name=name, reason=reason),
            code=problem.code,
            source=source,
            status=problem.status,
            detail=problem.detail,
        )


class PlatformBadAnswer(PlatformCallError):
    """The platform answered, but not in the agreed shape: nothing of it is used."""

    retryable = True  # a malformed body is usually a transient fault upstream

    @classmethod
    def build(cls, source: str, why: str) -> PlatformBadAnswer:
        """The error for a malformed answer; ``why`` is for the log, never personal data."""
        name = registry_name(source)
        return cls(
            f"malformed platform answer for {source}: {why}",
            user_message=QT_TRANSLATE_NOOP(
                "PlatformErrors", "{name}返回的数据格式有误，未采用；可重试，或改用其他方式"
            ).format(name=name),
            code="bad_answer",
            source=source,
            detail=why,
        )


def error_for(source: str, problem: Problem) -> PlatformCallError:
    """The typed error for an error answer (status 400 or more) from ``source``."""
    if problem.status in (401, 403):
        return PlatformRefused.build(source, problem)
    if problem.status == 429:
        # Rate limited: not retried by the client (never a 4xx), but worth retrying later —
        # the outbox backs off instead of handing the row to a person.
        return PlatformUnavailable.build(
            source, code=problem.code, status=429, detail=problem.detail
        )
    if problem.status < 500:
        return PlatformRejected.build(source, problem)
    return PlatformUnavailable.build(
        source, code=problem.code, status=problem.status, detail=problem.detail
    )
