"""`python -m as_installed ARGS…` = `sheetflow ARGS…` as a user's install runs it.

A user installs sheetflow without the test extras, but the benchmark runs in the development venv, where
hypothesis is installed and pandera imports it (about 0.18 s of every command that validates). Here the
test-only packages are made unimportable first, so the figures are those of the install users have.
"""

import sys

TEST_ONLY = ("hypothesis",)  # pandera imports it when present (pandera.strategies)


def without_test_packages() -> None:
    for name in TEST_ONLY:
        sys.modules[name] = None  # `import hypothesis` now raises ImportError, as where it is not installed


if __name__ == "__main__":
    without_test_packages()
    from sheetflow.cli import main

    main(prog_name="sheetflow")
