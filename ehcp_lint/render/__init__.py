"""Reporters: turn PlanReports into text, JSON and other formats. I/O happens only in the CLI."""
