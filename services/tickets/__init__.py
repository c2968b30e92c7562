"""``tickets.*``: a repair from intake to delivery, one module per concept."""
