"""The data layer: the only package that speaks SQL (SQLAlchemy models, queries, imports, exports)."""
