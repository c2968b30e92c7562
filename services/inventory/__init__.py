"""Inventory: serial-numbered units of product models, where they are and how they got
there, the stock levels that warn, and the RMA batches that return units to suppliers.

A unit's place (its virtual warehouse, and its physical warehouse if any) changes in one
place only, :mod:`services.inventory.moving`, which writes the movement row with it.
"""
