"""``catalog.*``: the shop's catalog (snake_case, a namespace Switchyard adds)."""
