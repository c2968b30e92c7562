"""How long stored text may be: defined once, read by the wire schemas and the tables.

A field of the contract must never accept more than its column holds (PostgreSQL
refuses a longer value with an error; SQLite would keep it), so both sides take their
widths from here. Plain constants with no imports: ``db`` may read this module (and only
this one of ``schemas``) without anything of the contract reaching the tables.
``tests/contract/test_column_widths.py`` checks that every input field stored in a
column fits it.
"""

from typing import Final

EMAIL_MAX_LENGTH: Final = 254  # RFC 5321's limit on a forward path
FULL_NAME_MAX_LENGTH: Final = 200
AVATAR_URL_MAX_LENGTH: Final = 2048
USER_AGENT_MAX_LENGTH: Final = 512
# As long as the longest client correlation id middleware/correlation.py accepts.
CORRELATION_ID_MAX_LENGTH: Final = 128

NAME_MAX_LENGTH: Final = 100
DESCRIPTION_MAX_LENGTH: Final = 500
HOST_MAX_LENGTH: Final = 253  # the longest DNS name
PROXY_USERNAME_MAX_LENGTH: Final = 255
DATA_DIRECTORY_MAX_LENGTH: Final = 255
TEST_ERROR_MAX_LENGTH: Final = 500
TAB_TITLE_MAX_LENGTH: Final = 500
URL_MAX_LENGTH: Final = 2048

# The service center (catalog, customers, workflow).
LONG_NAME_MAX_LENGTH: Final = 255  # product models, parts, customers, templates
SKU_MAX_LENGTH: Final = 64
PRODUCT_TYPE_MAX_LENGTH: Final = 64
LONG_TEXT_MAX_LENGTH: Final = 2000  # descriptions, instructions, addresses
REASON_MAX_LENGTH: Final = 500
WAREHOUSE_CODE_MAX_LENGTH: Final = 20
TASK_CATEGORY_MAX_LENGTH: Final = 100  # a task type's free category ("Quality Check")
SERVICE_TYPE_MAX_LENGTH: Final = 16  # 'warranty' | 'paid' | 'replacement'
# A phone number as typed (digits, spaces, + - ( )); the same width for its digits-only key.
PHONE_MAX_LENGTH: Final = 32
# The most of one part a shop keeps: far past any shelf, well inside a 32-bit column.
STOCK_QUANTITY_MAX: Final = 1_000_000_000
# The most one stock adjustment moves at once.
STOCK_DELTA_MAX: Final = 1_000_000
WAREHOUSE_CODE_MIN_LENGTH: Final = 2
# A name's casefolded key (unique ignoring case): full case folding turns one character
# into at most three ("ß" -> "ss", "ΐ" -> three code points), so the key needs room.
NAME_KEY_MAX_LENGTH: Final = 3 * NAME_MAX_LENGTH

# Notifications.
EMAIL_TYPE_MAX_LENGTH: Final = 32
EMAIL_SUBJECT_MAX_LENGTH: Final = 300
# An SMTP error as recorded on the email (the server's answer, cut to fit).
SEND_ERROR_MAX_LENGTH: Final = 1000
# One value of an email's context (a tracking token, a product's name, a date as text).
EMAIL_CONTEXT_VALUE_MAX_LENGTH: Final = 500

# Service tickets (db/tables/tickets.py).
TICKET_NUMBER_MAX_LENGTH: Final = 32  # SV-YYYY-NNN, more digits past 999
TICKET_STATUS_MAX_LENGTH: Final = 16  # 'pending' | 'in_progress' | 'completed' | 'cancelled'
TICKET_ENUM_MAX_LENGTH: Final = 16  # priority_level, warranty_type, comment_type, task status
FILE_NAME_MAX_LENGTH: Final = 255
FILE_PATH_MAX_LENGTH: Final = 1024
FILE_TYPE_MAX_LENGTH: Final = 255  # a MIME type
SHA256_HEX_LENGTH: Final = 64

# Inventory (db/tables/inventory.py).
SERIAL_NUMBER_MIN_LENGTH: Final = 5
SERIAL_NUMBER_MAX_LENGTH: Final = 64
# 'warranty_stock' | 'rma_staging' | ... ; 'new' | 'refurbished' | ...; movement types;
# an RMA batch's status.
INVENTORY_ENUM_MAX_LENGTH: Final = 16
TRACKING_NUMBER_MAX_LENGTH: Final = 100
# Fifty years: past any manufacturer's warranty, small enough that its end is a date.
WARRANTY_MONTHS_MAX: Final = 600
# The photos one unit keeps (their URLs, each at most URL_MAX_LENGTH).
PHOTO_URLS_MAX: Final = 20
# The most units a stock level or a threshold counts.
STOCK_THRESHOLD_MAX: Final = STOCK_QUANTITY_MAX
