"""``make bench``: every benchmark, each beside its bare baseline from the same run.

``make bench`` runs them all; ``python -m tests.bench search`` (say) runs one.
"""

import sys

from tests.bench import bundle, notes_tab, search, startup, summary, timeline, typing

BENCHMARKS = {
    "startup": startup.run,
    "search": search.run,
    "notes-tab": notes_tab.run,
    "typing": typing.run,
    "summary": summary.run,
    "timeline": timeline.run,
    "bundle": bundle.run,
}


def main() -> None:
    chosen = sys.argv[1:] or list(BENCHMARKS)
    for name in chosen:
        for line in BENCHMARKS[name]():
            print(line, flush=True)
        print(flush=True)


if __name__ == "__main__":
    main()
