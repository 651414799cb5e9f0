"""The atlas and its corpus: the curated seed, saved articles in SQLite, review of what the
parser found, and export.
"""
