"""End-to-end tests of tickets.*."""
