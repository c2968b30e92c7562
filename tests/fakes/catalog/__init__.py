"""In-memory catalog stores, one module per kind of row."""
