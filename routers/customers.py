"""``customers.*``: the service center's customers (the contract's snake_case names).

Every signed-in role may call the procedures (the contract's "Roles: All") but the two
of the unsubscribe page, ``getByEmail`` and ``updateEmailPreferences``, which are
public and need the token of the link the customer was sent.
"""

from __future__ import annotations

from typing import Any

from db.tables.customers import CustomerRow
from middleware.context import RequestContext, SignedInContext
from routers.base import authed, public
from routers.partial import changes_from
from routers.samples import CREATED_AT, CUSTOMER_ID, UPDATED_AT
from rpc import ErrorCode, Example, RateLimit, Router
from schemas.base import SuccessResult
from schemas.customers import (
    CreateCustomerInput,
    Customer,
    CustomerContact,
    CustomerPage,
    CustomerResult,
    DeleteCustomerInput,
    EmailPreferences,
    GetByEmailInput,
    GetCustomersInput,
    NewCustomers,
    UpdateCustomerInput,
    UpdateEmailPreferencesInput,
)
from services import customers as customer_service
from services.customers import CustomerRecord
from services.customers_rules import preferences_of

# Public procedures: as many calls a minute per client as sign-in allows, enough for a
# person on the unsubscribe page and too few to try tokens.
UNSUBSCRIBE_PAGE_LIMIT = RateLimit(30, "minute")
SAMPLE_TOKEN = "q0T3mXbJ8yVtZp4WcRk2LfN9sHd6GaE1uYiOoBv7x5M"
ALL_EMAILS: dict[str, bool] = {
    "request_submitted": True,
    "request_received": True,
    "request_rejected": True,
    "ticket_created": True,
    "service_completed": True,
    "delivery_confirmed": True,
}
CUSTOMER_EXAMPLE: dict[str, Any] = {
    "id": CUSTOMER_ID,
    "name": "Nguyen Van An",
    "phone": "+84 (90) 123-4567",
    "email": "an.nguyen@example.com",
    "address": "12 Ly Thuong Kiet, Hanoi",
    "email_preferences": ALL_EMAILS,
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
}
NEW_CUSTOMER_INPUT: dict[str, Any] = {
    "name": "Nguyen Van An",
    "phone": "+84 (90) 123-4567",
    "email": "an.nguyen@example.com",
    "address": "12 Ly Thuong Kiet, Hanoi",
}


def customer_of(row: CustomerRow | CustomerRecord) -> Customer:
    return Customer(
        id=row.id,
        name=row.name,
        phone=row.phone,
        email=row.email,
        address=row.address,
        email_preferences=EmailPreferences.model_validate(preferences_of(row)),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


@(
    authed.input(GetCustomersInput)
    .output(list[Customer] | CustomerPage)
    .meta(
        summary="The customers",
        description=(
            "Without params (or with {}), the array of every customer, by name, then id. "
            "With any of search, limit and offset, one page: {customers, total}, in the "
            "same order; search finds its text in the name, the phone or the email "
            "(ignoring case), or its digits in the phone's (limit 50 by default, at most "
            "100; offset 0 by default)."
        ),
        examples=[
            Example("all", {}, [CUSTOMER_EXAMPLE]),
            Example(
                "search",
                {"search": "090 123", "limit": 20},
                {"customers": [CUSTOMER_EXAMPLE], "total": 1},
            ),
        ],
    )
    .query
)
def get_customers(ctx: SignedInContext, params: GetCustomersInput) -> list[Customer] | CustomerPage:
    if not params.model_fields_set:
        return [customer_of(row) for row in customer_service.list_customers(ctx.unit_of_work())]
    page = customer_service.list_customers_page(
        ctx.unit_of_work(), search=params.search, limit=params.limit, offset=params.offset
    )
    return CustomerPage(customers=[customer_of(row) for row in page.rows], total=page.total)


@(
    authed.input(CreateCustomerInput)
    .output(CustomerResult)
    .meta(
        summary="Create a customer",
        description=(
            "phone: 10-32 characters of digits, spaces and + - ( ), with at least 10 "
            'digits; kept as typed, and unique by its digits alone ("+1 (555) 010-2030" '
            'and "+1 555 010 2030" are one number; "5550102030" and "+15550102030" '
            "are two). email, when given, is unique ignoring case. Another customer's "
            "phone or email: CONFLICT. The customer wants every type of email."
        ),
        errors=[ErrorCode.CONFLICT],
        examples=[
            Example(
                "create",
                NEW_CUSTOMER_INPUT,
                {"success": True, "customer": {**CUSTOMER_EXAMPLE, "updated_at": CREATED_AT}},
            )
        ],
    )
    .mutation
)
def create_customer(ctx: SignedInContext, params: CreateCustomerInput) -> CustomerResult:
    row = customer_service.create_customer(
        ctx.unit_of_work(),
        name=params.name,
        phone=params.phone,
        email=params.email,
        address=params.address,
        clock=ctx.services.clock,
    )
    return CustomerResult(success=True, customer=customer_of(row))


@(
    authed.input(UpdateCustomerInput)
    .output(CustomerResult)
    .meta(
        summary="Change a customer",
        description=(
            "Fields left out stay as they are; email null and address null clear them. "
            "The phone and email rules of createCustomer apply (CONFLICT for another "
            "customer's). A new email makes the unsubscribe links sent to the old one "
            "stop working."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "move",
                {"id": CUSTOMER_ID, "address": "48 Hang Bai, Hanoi"},
                {
                    "success": True,
                    "customer": {**CUSTOMER_EXAMPLE, "address": "48 Hang Bai, Hanoi"},
                },
            )
        ],
    )
    .mutation
)
def update_customer(ctx: SignedInContext, params: UpdateCustomerInput) -> CustomerResult:
    row = customer_service.update_customer(
        ctx.unit_of_work(),
        params.id,
        changes_from(params, customer_service.CustomerChanges),
        clock=ctx.services.clock,
    )
    return CustomerResult(success=True, customer=customer_of(row))


@(
    authed.input(DeleteCustomerInput)
    .output(SuccessResult)
    .meta(
        summary="Delete a customer",
        description="Refused with CONFLICT while service tickets refer to the customer.",
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[Example("delete", {"id": CUSTOMER_ID}, {"success": True})],
    )
    .mutation
)
def delete_customer(ctx: SignedInContext, params: DeleteCustomerInput) -> SuccessResult:
    customer_service.delete_customer(ctx.unit_of_work(), params.id)
    return SuccessResult(success=True)


@(
    public.input(GetByEmailInput)
    .output(CustomerContact | None)
    .meta(
        summary="A customer's email preferences, for the unsubscribe page",
        description=(
            "Public. token is the one of the unsubscribe link in an email the customer "
            "was sent. Answers {id, name, email, email_preferences} (never the phone or "
            "the address), or null: for an email no customer has, and alike for a "
            "missing or wrong token."
        ),
        rate_limit=UNSUBSCRIBE_PAGE_LIMIT,
        examples=[
            Example(
                "found",
                {"email": "an.nguyen@example.com", "token": SAMPLE_TOKEN},
                {
                    "id": CUSTOMER_ID,
                    "name": "Nguyen Van An",
                    "email": "an.nguyen@example.com",
                    "email_preferences": ALL_EMAILS,
                },
            ),
            Example("unknown", {"email": "nobody@example.com", "token": SAMPLE_TOKEN}, None),
        ],
    )
    .query
)
def get_by_email(ctx: RequestContext, params: GetByEmailInput) -> CustomerContact | None:
    found = customer_service.get_by_email(
        ctx.unit_of_work(), ctx.services.customer_links, params.email, params.token
    )
    if found is None:
        return None
    return CustomerContact(
        id=found.id,
        name=found.name,
        email=params.email,
        email_preferences=EmailPreferences.model_validate(preferences_of(found)),
    )


@(
    public.input(UpdateEmailPreferencesInput)
    .output(SuccessResult)
    .meta(
        summary="Switch types of email on or off (unsubscribe)",
        description=(
            "Public, with the token of getByEmail. preferences maps email types to true "
            "(send) or false (do not send); the types left out stay as they are. An "
            "email no customer has, and a missing or wrong token: NOT_FOUND."
        ),
        rate_limit=UNSUBSCRIBE_PAGE_LIMIT,
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "unsubscribe",
                {
                    "email": "an.nguyen@example.com",
                    "token": SAMPLE_TOKEN,
                    "preferences": {"service_completed": False, "delivery_confirmed": True},
                },
                {"success": True},
            )
        ],
    )
    .mutation
)
def update_email_preferences(
    ctx: RequestContext, params: UpdateEmailPreferencesInput
) -> SuccessResult:
    customer_service.update_email_preferences(
        ctx.unit_of_work(),
        ctx.services.customer_links,
        params.email,
        params.token,
        params.preferences.model_dump(exclude_unset=True),
        clock=ctx.services.clock,
    )
    return SuccessResult(success=True)


@(
    authed.output(NewCustomers)
    .meta(
        summary="New customers this month, against the month before",
        description=(
            "Calendar months in UTC, by the server's clock. growthRate is the change in "
            "percent, to one decimal (halves away from zero), and 0 when the previous "
            "month had no new customer (hasPreviousData false). latestUpdate is when the "
            "newest customer was created; null while there is none."
        ),
        examples=[
            Example(
                "growing",
                {},
                {
                    "currentMonthCount": 4,
                    "previousMonthCount": 3,
                    "growthRate": 33.3,
                    "hasPreviousData": True,
                    "latestUpdate": UPDATED_AT,
                },
            )
        ],
    )
    .query
)
def get_new_customers(ctx: SignedInContext, _: object) -> NewCustomers:
    summary = customer_service.new_customers(ctx.unit_of_work(), clock=ctx.services.clock)
    return NewCustomers.model_validate(summary)


router: Router[RequestContext] = Router(
    {
        "getCustomers": get_customers,
        "createCustomer": create_customer,
        "updateCustomer": update_customer,
        "deleteCustomer": delete_customer,
        "getByEmail": get_by_email,
        "updateEmailPreferences": update_email_preferences,
        "getNewCustomers": get_new_customers,
    }
)
