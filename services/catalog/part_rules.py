"""Rules of spare parts and their stock, on plain values: no unit of work, no database."""

from services.errors import PreconditionFailed


def is_low_stock(stock_quantity: int, minimum_stock: int) -> bool:
    """Low means at or below the minimum: a part whose minimum is 2 and that has 2 left
    is due for reordering (and a minimum of 0 flags only an empty shelf)."""
    return stock_quantity <= minimum_stock


def stock_after(name: str, stock_quantity: int, delta: int, *, maximum: int) -> int:
    """The stock once ``delta`` is applied; refused (and nothing changes) when it would
    go below zero or past ``maximum``, naming the part and the stock it has."""
    result = stock_quantity + delta
    if result < 0:
        raise PreconditionFailed(
            f"Part {name!r} has {stock_quantity} in stock: cannot take out {-delta}"
        )
    if result > maximum:
        raise PreconditionFailed(
            f"Part {name!r} has {stock_quantity} in stock: adding {delta} would pass "
            f"the most a part can hold ({maximum})"
        )
    return result
