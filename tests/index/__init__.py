"""The compiled index, by feature: build, update, cache, freshness, trust, concurrency, query plans."""
