"""The catalog's use cases, one module per kind of thing it keeps."""
