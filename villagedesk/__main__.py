"""`python -m villagedesk` starts the GUI."""

from villagedesk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
