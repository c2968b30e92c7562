"""Service tickets and what belongs to them (parts, comments, attachments, tasks): one
module per table, each a store of the unit of work."""
