"""`python -m clerkapp` runs the same entry point as the `clerkapp` console script."""

import sys

from clerkapp.cli import main

sys.exit(main())
