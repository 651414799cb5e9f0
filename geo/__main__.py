"""Entry point for ``python -m geo``."""

import sys

# Guarded: `geo import` starts worker processes that import this module afresh.
if __name__ == "__main__":
    try:
        from geo.cli import main
    except KeyboardInterrupt:  # Ctrl-C while the command line loads: the one line main() gives too
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(main())
