"""The queries of the database floors, written by hand against the app's tables.

They read what Switchyard reads for ``auth.me``, ``account.list``,
``tickets.getTickets`` and ``inventory.listProducts``: the session named by the access
token joined to its user (``db/repositories/auth.py``, ``get_with_user``), the caller's
accounts in the app's default order (``db/repositories/account.py``: created_at
ascending, rows without one last, then id), one page of tickets joined to their
customer, product model and brand, newest first, with how many there are
(``db/repositories/tickets/ticket.py``, ``list_page`` and ``count``), and one page of
the units of one virtual warehouse joined to their product model, its brand and their
warehouse, newest first, with how many there are (``db/repositories/inventory/unit.py``,
``list_page`` and ``count`` with the virtual warehouse filter, the one the benchmark
sends). Each driver fills in its own placeholder (``?`` for sqlite3, ``%s`` for
psycopg).
"""

from __future__ import annotations

from typing import Final

# Column names are the tables' own, so a row reads like the SQLModel row it stands for.
SESSION_WITH_USER_SQL: Final = """
SELECT auth_sessions.user_id AS session_user_id, auth_sessions.revoked_at,
       auth_sessions.expires_at, users.id, users.email, users.full_name, users.role,
       users.is_active, users.created_at, users.updated_at, users.last_signed_in_at
FROM auth_sessions JOIN users ON users.id = auth_sessions.user_id
WHERE auth_sessions.id = {placeholder}
"""

ACCOUNTS_OF_USER_SQL: Final = """
SELECT id, user_id, name, description, is_protected, proxy_config_id, data_directory,
       created_at, updated_at, last_accessed_at
FROM browser_accounts
WHERE user_id = {placeholder}
ORDER BY created_at ASC NULLS LAST, id
"""

# The ticket's columns, then its customer's, product model's and brand's under the names
# of the app's TicketViewRecord. LIMIT comes before OFFSET: both drivers bind by position.
TICKET_PAGE_SQL: Final = """
SELECT service_tickets.id, service_tickets.ticket_number, service_tickets.status,
       service_tickets.priority_level, service_tickets.warranty_type,
       service_tickets.service_fee, service_tickets.diagnosis_fee,
       service_tickets.discount_amount, service_tickets.parts_total,
       service_tickets.total_cost, service_tickets.issue_description, service_tickets.notes,
       service_tickets.customer_id, service_tickets.product_id, service_tickets.template_id,
       service_tickets.assigned_to, service_tickets.created_by, service_tickets.started_at,
       service_tickets.completed_at, service_tickets.delivery_confirmed_at,
       service_tickets.delivery_confirmed_by_id, service_tickets.delivery_signature_url,
       service_tickets.delivery_notes, service_tickets.created_at, service_tickets.updated_at,
       customers.name AS customer_name, customers.phone AS customer_phone,
       customers.email AS customer_email, product_models.name AS product_name,
       product_models.type AS product_type, brands.name AS brand_name
FROM service_tickets
JOIN customers ON customers.id = service_tickets.customer_id
JOIN product_models ON product_models.id = service_tickets.product_id
JOIN brands ON brands.id = product_models.brand_id
ORDER BY service_tickets.created_at DESC, service_tickets.id
LIMIT {placeholder} OFFSET {placeholder}
"""

TICKET_COUNT_SQL: Final = "SELECT count(*) AS total FROM service_tickets"

# The unit's columns, then its model's, brand's and warehouse's under the names of the
# app's UnitViewRecord; outer to the warehouse, as a unit may stand in none. The index on
# (virtual_warehouse_type, created_at, id) serves both the filter and the order.
UNIT_PAGE_SQL: Final = """
SELECT physical_products.id, physical_products.serial_number, physical_products.product_id,
       physical_products.physical_warehouse_id, physical_products.virtual_warehouse_type,
       physical_products.condition, physical_products.warranty_start_date,
       physical_products.warranty_months, physical_products.warranty_end_date,
       physical_products.purchase_date, physical_products.supplier_id,
       physical_products.supplier_name, physical_products.purchase_price,
       physical_products.notes, physical_products.photo_urls,
       physical_products.current_ticket_id, physical_products.created_at,
       physical_products.updated_at,
       product_models.name AS model_name, product_models.sku AS model_sku,
       product_models.type AS model_type, brands.id AS brand_id, brands.name AS brand_name,
       warehouses.name AS warehouse_name, warehouses.code AS warehouse_code,
       warehouses.location AS warehouse_location
FROM physical_products
JOIN product_models ON product_models.id = physical_products.product_id
JOIN brands ON brands.id = product_models.brand_id
LEFT OUTER JOIN warehouses ON warehouses.id = physical_products.physical_warehouse_id
WHERE physical_products.virtual_warehouse_type = {placeholder}
ORDER BY physical_products.created_at DESC, physical_products.id DESC
LIMIT {placeholder} OFFSET {placeholder}
"""

UNIT_COUNT_SQL: Final = """
SELECT count(*) AS total FROM physical_products
WHERE physical_products.virtual_warehouse_type = {placeholder}
"""
