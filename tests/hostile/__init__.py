"""A corpus of malicious and broken plan files, built on demand in a temporary folder.

Nothing big is committed: every file is made from the committed sample plans or from a few bytes
of hand-assembled structure (zip members, PDF objects, XML) when a test asks for it.
"""
