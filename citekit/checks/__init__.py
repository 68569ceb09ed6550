"""Checks over a Library: record completeness, broken links, duplicate sources."""
