"""``make bench``: every benchmark, each beside its bare baseline from the same run.

``make bench`` runs them all; ``python -m tests.bench search`` (say) runs one.
"""

import sys

from tests.bench import (
    bundle,
    compare,
    course_summary,
    library,
    library_startup,
    notes_tab,
    search,
    startup,
    study,
    study_check,
    summary,
    sync_speed,
    timeline,
    typing,
)

BENCHMARKS = {
    "startup": startup.run,
    "search": search.run,
    "notes-tab": notes_tab.run,
    "typing": typing.run,
    "summary": summary.run,
    "course-summary": course_summary.run,
    "timeline": timeline.run,
    "bundle": bundle.run,
    "library-startup": library_startup.run,
    "library-window": library.run_window,
    "library-switch": library.run_switch,
    "library-import": library.run_import,
    "library-search": library.run_search,
    "study": study.run,
    "study-check": study_check.run,
    "sync-initial": sync_speed.run_initial,
    "sync-incremental": sync_speed.run_incremental,
    "sync-concurrent": sync_speed.run_concurrent,
    "compare": compare.run,
}


def main() -> None:
    chosen = sys.argv[1:] or list(BENCHMARKS)
    for name in chosen:
        for line in BENCHMARKS[name]():
            print(line, flush=True)
        print(flush=True)


if __name__ == "__main__":
    main()
