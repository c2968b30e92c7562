"""The catalog's repositories, one module per kind of row."""
