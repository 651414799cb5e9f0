"""``python -m bench``: run the map benchmark."""

from bench.map_bench import main

raise SystemExit(main())
