"""``inventory.*``: serial-numbered units, their movements, stock levels and RMA batches
(snake_case, as the contract spells them, with its few camelCase answers)."""
