"""The catalog's repositories, one module per table family: brands, product models,
warehouses, parts; ``references`` finds what still refers to a row before it is deleted."""
