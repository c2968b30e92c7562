"""Test data for the workflow domain: the product models templates are for.

Written straight to the database (a brand and a model of it): the catalog's procedures
are not what the workflow tests are about.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from db.tables.catalog import BrandRow, ProductModelRow

MADE_AT = datetime(2026, 1, 5, 9, tzinfo=UTC)


def make_product_model(session: Session, name: str = "iPhone 15") -> ProductModelRow:
    """A new product model (with a brand of its own), committed; unique names and SKU."""
    tag = uuid.uuid4().hex[:10]
    brand = BrandRow(
        name=f"Brand {tag}", name_key=f"brand {tag}", created_at=MADE_AT, updated_at=MADE_AT
    )
    session.add(brand)
    session.flush()  # before the model that refers to it
    product = ProductModelRow(
        name=name,
        sku=f"SKU-{tag}".upper(),
        type="phone",
        brand_id=brand.id,
        created_at=MADE_AT,
        updated_at=MADE_AT,
    )
    session.add(product)
    session.commit()
    return product
