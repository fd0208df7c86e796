"""``python -m halfsky.cli``: the same as the ``halfsky`` command."""

import sys

from halfsky.cli.main import main

sys.exit(main())
