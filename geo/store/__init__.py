"""The store: the seed and the saved corpus answered by queries, never held whole in memory."""
