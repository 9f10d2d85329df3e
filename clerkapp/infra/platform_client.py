"""The platform client under the name docs/CONTRACTS.md gives it; the code lives in
:mod:`clerkapp.infra.platform`."""

from clerkapp.infra.platform import *  # noqa: F403
from clerkapp.infra.platform import __all__  # noqa: F401
