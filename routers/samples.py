"""Sample ids and timestamps shared by the namespaces' published examples.

Each namespace keeps its own examples next to its procedures; what several of them
refer to (a user, an account, a proxy...) is named once here, so that the examples of
``account.*`` and ``tab.*`` speak of the same account. Examples are part of the
contract: the contract tests validate every one against its method's schemas.
"""

from __future__ import annotations

USER_ID = "6f1c2a0e-8a57-4d1e-9b43-2f5a7c9d1e30"
CREATED_AT = "2026-11-02T09:15:00Z"
UPDATED_AT = "2026-11-20T16:40:12Z"

ACCOUNT_ID = "3d9a6b2e-71c4-4f0a-9e35-8b1d2c4f6a70"
PROXY_ID = "a4f2e8c1-5b3d-4c7e-9f10-2d6b8a0c4e19"
TAB_ID = "c81f4e2a-9d6b-4a3c-8e57-1f0b2d3c4a5e"
SESSION_ID = "e5b7c9d1-2f4a-4b6c-8d0e-1a3c5e7f9b20"

CUSTOMER_ID = "8b2e4c6a-0d1f-4e3a-9c5b-7a1d3e5f9b42"
EMAIL_ID = "5c7e9a1b-3d5f-4b7d-8e9f-0a2c4e6a8b13"
SERVICE_TICKET_ID = "7d9f1b3c-5e7a-4c9e-8f1a-2b4d6f8a0c35"
# The technician the tickets' and the tasks' examples are assigned to.
TECHNICIAN_ID = "2b5e8a1c-9d3f-4c60-a7b4-6e1f3d8c5a92"
