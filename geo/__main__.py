"""Entry point for ``python -m geo``."""

import sys

from geo.cli import main

# Guarded: `geo import` starts worker processes that import this module afresh.
if __name__ == "__main__":
    sys.exit(main())
