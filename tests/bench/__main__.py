"""``make bench``: every benchmark, each beside its bare baseline from the same run."""

from tests.bench import startup


def main() -> None:
    for line in startup.run():
        print(line, flush=True)


if __name__ == "__main__":
    main()
