"""Workflow: task types, versioned task templates, and (later) the tasks of tickets.

One module per concept: ``task_type`` and ``template`` hold the use cases, their
``*_rules`` modules the rules on plain values.
"""
