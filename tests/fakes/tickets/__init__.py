"""In-memory tickets and what belongs to them, one module per store."""
