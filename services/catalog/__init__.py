"""The catalog: brands, product models, warehouses and spare parts, shared by the shop.

Every signed-in role reads it; admins and managers change it (the routers declare who
may call what). One module per kind of row, with its rules on plain values beside it.
"""
