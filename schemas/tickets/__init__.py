"""``tickets.*``: the service-center contract's names (snake_case; ``getTasks`` takes
the contract's ``ticketId``), one module per concept."""
