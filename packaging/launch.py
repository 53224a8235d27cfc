"""The frozen app's entry point (PyInstaller runs this script)."""

import multiprocessing

if __name__ == "__main__":
    # First thing: a copy of this executable started as a multiprocessing helper (the
    # Compare tab's aligner, desktop.services.compare_worker, and its resource tracker) runs
    # its job here and exits, instead of starting the app (PyInstaller's runtime hook makes
    # this work on Linux too).
    multiprocessing.freeze_support()
    from desktop.cli import main

    raise SystemExit(main())
