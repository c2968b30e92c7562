"""In-memory catalog stores: brands, product models, warehouses, parts."""
