"""Inventory's repositories: serial-numbered units, their movements, stock thresholds
and levels, RMA batches and their entries."""
