"""The frozen app's entry point (PyInstaller runs this script)."""

from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
