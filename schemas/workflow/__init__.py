"""``workflow.*``: task types and templates (the service-center contract's snake_case)."""
