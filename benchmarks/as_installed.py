"""`python -m as_installed ARGS…` = `sheetflow ARGS…` as a user's install runs it.

A user installs sheetflow without the test extras, but the benchmark runs in the development venv, where
hypothesis is installed and pandera imports it (about 0.18 s of every command that validates). Here the
test-only packages are made unimportable first, so the figures are those of the install users have.
"""

import sys

TEST_ONLY = ("hypothesis",)  # pandera imports it when present (pandera.strategies)

for name in TEST_ONLY:
    sys.modules[name] = None  # `import hypothesis` now raises ImportError, as where it is not installed

from sheetflow.cli import main  # noqa: E402

main(prog_name="sheetflow")
