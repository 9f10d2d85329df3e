"""Entry script of the PyInstaller bundle (build.spec): the same as the `clerkapp` console script."""

import sys

from clerkapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
