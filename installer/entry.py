"""Entry of the frozen build: one program, started as `villagedesk` (the GUI) or `villagedesk-cli`."""

import os
import sys


def _is_cli() -> bool:
    # argv[0] keeps the name it was started by (/usr/bin/villagedesk-cli is a link to the same file);
    # on Windows the console build is its own villagedesk-cli.exe.
    names = (os.path.basename(sys.argv[0]), os.path.basename(sys.executable))
    return any(name.lower().startswith("villagedesk-cli") for name in names)


if __name__ == "__main__":
    if _is_cli():
        from villagedesk.cli import main
    else:
        from villagedesk.app import main
    raise SystemExit(main())
