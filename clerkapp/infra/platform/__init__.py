"""The data platform client (see :mod:`clerkapp.infra.platform.client`)."""

from clerkapp.infra.platform.client import (
    INTERACTIVE_RETRY,
    INTERACTIVE_TIMEOUTS,
    PlatformClient,
    RetryPolicy,
    Subject,
    Timeouts,
    business,
    person,
)
from clerkapp.infra.platform.errors import (
    PlatformBadAnswer,
    PlatformCallError,
    PlatformRefused,
    PlatformRejected,
    PlatformUnavailable,
    Problem,
    registry_name,
)
from clerkapp.infra.platform.signing import CallContext, Credentials

__all__ = [
    "INTERACTIVE_RETRY",
    "INTERACTIVE_TIMEOUTS",
    "CallContext",
    "Credentials",
    "PlatformBadAnswer",
    "PlatformCallError",
    "PlatformClient",
    "PlatformRefused",
    "PlatformRejected",
    "PlatformUnavailable",
    "Problem",
    "RetryPolicy",
    "Subject",
    "Timeouts",
    "business",
    "person",
    "registry_name",
]
