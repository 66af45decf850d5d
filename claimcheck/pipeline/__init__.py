"""The spaCy side of claimcheck: the only package (with extract.py) that imports spaCy."""
