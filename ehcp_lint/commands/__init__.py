"""CLI command groups beyond `check`: each module has `register(app)` adding its commands.

Modules import their heavy dependencies inside the command functions, so `ehcp-lint check`
stays fast to start.
"""
