"""Curation: from a curated TOML file (passages as text, never offsets) to the shipped TriG in ``kb/data/``."""
