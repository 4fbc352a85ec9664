"""``python -m ntmkit``: the ``ntmkit`` command (ntmkit.cli)."""
import sys

from .cli import main

sys.exit(main())
