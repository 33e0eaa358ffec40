"""`python -m ehcp_lint` is the same as the `ehcp-lint` command."""

from ehcp_lint.cli import main

main()
