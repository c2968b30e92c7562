/*
 * Generated from openrpc.json (Switchyard 0.1.0) by `npm run generate`.
 * Do not edit: change the server, then run `make openrpc` (or `switchyard gen-client`).
 */

import type * as S from "./schemas.gen.js";

/** Every procedure: its kind, params, result and the error keys it declares. */
export interface Procedures {
  /** Sign in with email and password */
  "auth.login": {
    kind: "mutation";
    params: S.AuthLoginParams;
    result: S.AuthLoginResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "CONFLICT" | "NOT_FOUND" | "UNAUTHORIZED";
  };
  /** The signed-in user, or null */
  "auth.me": {
    kind: "query";
    params: S.AuthMeParams;
    result: S.AuthMeResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "CONFLICT";
  };
  /** Rotate the tokens */
  "auth.refresh": {
    kind: "mutation";
    params: S.AuthRefreshParams;
    result: S.AuthRefreshResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "CONFLICT" | "NOT_FOUND" | "UNAUTHORIZED";
  };
  /** Sign out */
  "auth.logout": {
    kind: "mutation";
    params: S.AuthLogoutParams;
    result: S.AuthLogoutResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** First-time setup: create the admin, or reset its password */
  "admin.setup": {
    kind: "mutation";
    params: S.AdminSetupParams;
    result: S.AdminSetupResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "CONFLICT" | "NOT_FOUND" | "UNAUTHORIZED" | "PRECONDITION_FAILED";
  };
  /** Create a user with a role */
  "admin.createUser": {
    kind: "mutation";
    params: S.AdminCreateUserParams;
    result: S.AdminCreateUserResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "TOO_MANY_REQUESTS" | "NOT_FOUND";
  };
  /** Change a user's role */
  "admin.setUserRole": {
    kind: "mutation";
    params: S.AdminSetUserRoleParams;
    result: S.AdminSetUserRoleResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** Deactivate a user */
  "admin.deactivateUser": {
    kind: "mutation";
    params: S.AdminDeactivateUserParams;
    result: S.AdminDeactivateUserResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** The signed-in user's profile */
  "profile.getCurrentUser": {
    kind: "query";
    params: S.ProfileGetCurrentUserParams;
    result: S.ProfileGetCurrentUserResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Update the signed-in user's name, email and avatar */
  "profile.updateProfile": {
    kind: "mutation";
    params: S.ProfileUpdateProfileParams;
    result: S.ProfileUpdateProfileResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** All active users (for assignment lists) */
  "profile.getAllUsers": {
    kind: "query";
    params: S.ProfileGetAllUsersParams;
    result: S.ProfileGetAllUsersResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** The caller's browser accounts */
  "account.list": {
    kind: "query";
    params: S.AccountListParams;
    result: S.AccountListResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Create a browser account */
  "account.create": {
    kind: "mutation";
    params: S.AccountCreateParams;
    result: S.AccountCreateResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Change a browser account */
  "account.update": {
    kind: "mutation";
    params: S.AccountUpdateParams;
    result: S.AccountUpdateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Switch to a browser account */
  "account.switch": {
    kind: "mutation";
    params: S.AccountSwitchParams;
    result: S.AccountSwitchResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "FORBIDDEN";
  };
  /** Delete a browser account with its tabs and sessions */
  "account.delete": {
    kind: "mutation";
    params: S.AccountDeleteParams;
    result: S.AccountDeleteResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** The caller's proxy configurations */
  "proxy.list": {
    kind: "query";
    params: S.ProxyListParams;
    result: S.ProxyListResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Create a proxy configuration */
  "proxy.create": {
    kind: "mutation";
    params: S.ProxyCreateParams;
    result: S.ProxyCreateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Change a proxy configuration */
  "proxy.update": {
    kind: "mutation";
    params: S.ProxyUpdateParams;
    result: S.ProxyUpdateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Delete a proxy configuration */
  "proxy.delete": {
    kind: "mutation";
    params: S.ProxyDeleteParams;
    result: S.ProxyDeleteResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Test a proxy from the server */
  "proxy.test": {
    kind: "mutation";
    params: S.ProxyTestParams;
    result: S.ProxyTestResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** The tabs of one of the caller's accounts, oldest first */
  "tab.list": {
    kind: "query";
    params: S.TabListParams;
    result: S.TabListResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Open a tab */
  "tab.create": {
    kind: "mutation";
    params: S.TabCreateParams;
    result: S.TabCreateResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Change a tab */
  "tab.update": {
    kind: "mutation";
    params: S.TabUpdateParams;
    result: S.TabUpdateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Close a tab */
  "tab.close": {
    kind: "mutation";
    params: S.TabCloseParams;
    result: S.TabCloseResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** The brands, by name */
  "catalog.brand.list": {
    kind: "query";
    params: S.CatalogBrandListParams;
    result: S.CatalogBrandListResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Add a brand */
  "catalog.brand.create": {
    kind: "mutation";
    params: S.CatalogBrandCreateParams;
    result: S.CatalogBrandCreateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Rename a brand */
  "catalog.brand.update": {
    kind: "mutation";
    params: S.CatalogBrandUpdateParams;
    result: S.CatalogBrandUpdateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Delete a brand */
  "catalog.brand.delete": {
    kind: "mutation";
    params: S.CatalogBrandDeleteParams;
    result: S.CatalogBrandDeleteResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** The product models, by name, with their brands */
  "catalog.product.list": {
    kind: "query";
    params: S.CatalogProductListParams;
    result: S.CatalogProductListResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** One product model with its brand */
  "catalog.product.get": {
    kind: "query";
    params: S.CatalogProductGetParams;
    result: S.CatalogProductGetResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Add a product model */
  "catalog.product.create": {
    kind: "mutation";
    params: S.CatalogProductCreateParams;
    result: S.CatalogProductCreateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Change a product model */
  "catalog.product.update": {
    kind: "mutation";
    params: S.CatalogProductUpdateParams;
    result: S.CatalogProductUpdateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Delete a product model */
  "catalog.product.delete": {
    kind: "mutation";
    params: S.CatalogProductDeleteParams;
    result: S.CatalogProductDeleteResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** List spare parts */
  "catalog.part.list": {
    kind: "query";
    params: S.CatalogPartListParams;
    result: S.CatalogPartListResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** One spare part */
  "catalog.part.get": {
    kind: "query";
    params: S.CatalogPartGetParams;
    result: S.CatalogPartGetResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Add a spare part to the catalog */
  "catalog.part.create": {
    kind: "mutation";
    params: S.CatalogPartCreateParams;
    result: S.CatalogPartCreateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Change a spare part */
  "catalog.part.update": {
    kind: "mutation";
    params: S.CatalogPartUpdateParams;
    result: S.CatalogPartUpdateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Delete a spare part */
  "catalog.part.delete": {
    kind: "mutation";
    params: S.CatalogPartDeleteParams;
    result: S.CatalogPartDeleteResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Count parts into or out of stock */
  "catalog.part.adjustStock": {
    kind: "mutation";
    params: S.CatalogPartAdjustStockParams;
    result: S.CatalogPartAdjustStockResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** The physical warehouses, by name */
  "catalog.warehouse.list": {
    kind: "query";
    params: S.CatalogWarehouseListParams;
    result: S.CatalogWarehouseListResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Add a physical warehouse */
  "catalog.warehouse.create": {
    kind: "mutation";
    params: S.CatalogWarehouseCreateParams;
    result: S.CatalogWarehouseCreateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Change a physical warehouse */
  "catalog.warehouse.update": {
    kind: "mutation";
    params: S.CatalogWarehouseUpdateParams;
    result: S.CatalogWarehouseUpdateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Delete a physical warehouse */
  "catalog.warehouse.delete": {
    kind: "mutation";
    params: S.CatalogWarehouseDeleteParams;
    result: S.CatalogWarehouseDeleteResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** The customers */
  "customers.getCustomers": {
    kind: "query";
    params: S.CustomersGetCustomersParams;
    result: S.CustomersGetCustomersResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Create a customer */
  "customers.createCustomer": {
    kind: "mutation";
    params: S.CustomersCreateCustomerParams;
    result: S.CustomersCreateCustomerResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Change a customer */
  "customers.updateCustomer": {
    kind: "mutation";
    params: S.CustomersUpdateCustomerParams;
    result: S.CustomersUpdateCustomerResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Delete a customer */
  "customers.deleteCustomer": {
    kind: "mutation";
    params: S.CustomersDeleteCustomerParams;
    result: S.CustomersDeleteCustomerResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** A customer's email preferences, for the unsubscribe page */
  "customers.getByEmail": {
    kind: "query";
    params: S.CustomersGetByEmailParams;
    result: S.CustomersGetByEmailResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "CONFLICT";
  };
  /** Switch types of email on or off (unsubscribe) */
  "customers.updateEmailPreferences": {
    kind: "mutation";
    params: S.CustomersUpdateEmailPreferencesParams;
    result: S.CustomersUpdateEmailPreferencesResult;
    errors: "INVALID_PARAMS" | "TOO_MANY_REQUESTS" | "CONFLICT" | "NOT_FOUND";
  };
  /** New customers this month, against the month before */
  "customers.getNewCustomers": {
    kind: "query";
    params: S.CustomersGetNewCustomersParams;
    result: S.CustomersGetNewCustomersResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Queue an email */
  "notifications.send": {
    kind: "mutation";
    params: S.NotificationsSendParams;
    result: S.NotificationsSendResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "TOO_MANY_REQUESTS";
  };
  /** The emails, newest first */
  "notifications.getLog": {
    kind: "query";
    params: S.NotificationsGetLogParams;
    result: S.NotificationsGetLogResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT";
  };
  /** How many emails there are in each status and of each type */
  "notifications.getStats": {
    kind: "query";
    params: S.NotificationsGetStatsParams;
    result: S.NotificationsGetStatsResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT";
  };
  /** Send an email again */
  "notifications.retry": {
    kind: "mutation";
    params: S.NotificationsRetryParams;
    result: S.NotificationsRetryResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "BAD_REQUEST";
  };
  /** The active task types */
  "workflow.taskType.list": {
    kind: "query";
    params: S.WorkflowTaskTypeListParams;
    result: S.WorkflowTaskTypeListResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Create a task type */
  "workflow.taskType.create": {
    kind: "mutation";
    params: S.WorkflowTaskTypeCreateParams;
    result: S.WorkflowTaskTypeCreateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Templates, with their products and tasks */
  "workflow.template.list": {
    kind: "query";
    params: S.WorkflowTemplateListParams;
    result: S.WorkflowTemplateListResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** One template version, with its tasks in sequence order */
  "workflow.template.getById": {
    kind: "query";
    params: S.WorkflowTemplateGetByIdParams;
    result: S.WorkflowTemplateGetByIdResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Create a template (its version 1) */
  "workflow.template.create": {
    kind: "mutation";
    params: S.WorkflowTemplateCreateParams;
    result: S.WorkflowTemplateCreateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "BAD_REQUEST";
  };
  /** Update a template: make its next version */
  "workflow.template.update": {
    kind: "mutation";
    params: S.WorkflowTemplateUpdateParams;
    result: S.WorkflowTemplateUpdateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "BAD_REQUEST";
  };
  /** Deactivate a template version, or delete it */
  "workflow.template.delete": {
    kind: "mutation";
    params: S.WorkflowTemplateDeleteParams;
    result: S.WorkflowTemplateDeleteResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** The caller's tasks */
  "workflow.myTasks": {
    kind: "query";
    params: S.WorkflowMyTasksParams;
    result: S.WorkflowMyTasksResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Move a task to another status */
  "workflow.updateTaskStatus": {
    kind: "mutation";
    params: S.WorkflowUpdateTaskStatusParams;
    result: S.WorkflowUpdateTaskStatusResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "FORBIDDEN" | "PRECONDITION_FAILED";
  };
  /** Add a note to a task */
  "workflow.addTaskNotes": {
    kind: "mutation";
    params: S.WorkflowAddTaskNotesParams;
    result: S.WorkflowAddTaskNotesResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "FORBIDDEN" | "PRECONDITION_FAILED";
  };
  /** Complete a task, with notes */
  "workflow.completeTask": {
    kind: "mutation";
    params: S.WorkflowCompleteTaskParams;
    result: S.WorkflowCompleteTaskResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "FORBIDDEN" | "PRECONDITION_FAILED";
  };
  /** The tasks before a task */
  "workflow.getTaskDependencies": {
    kind: "query";
    params: S.WorkflowGetTaskDependenciesParams;
    result: S.WorkflowGetTaskDependenciesResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** How tickets' tasks stand overall */
  "workflow.getTaskProgressSummary": {
    kind: "query";
    params: S.WorkflowGetTaskProgressSummaryParams;
    result: S.WorkflowGetTaskProgressSummaryResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Tickets held up by blocked tasks */
  "workflow.getTicketsWithBlockedTasks": {
    kind: "query";
    params: S.WorkflowGetTicketsWithBlockedTasksParams;
    result: S.WorkflowGetTicketsWithBlockedTasksResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Tasks assigned per technician, by status */
  "workflow.getTechnicianWorkload": {
    kind: "query";
    params: S.WorkflowGetTechnicianWorkloadParams;
    result: S.WorkflowGetTechnicianWorkloadResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Tasks completed per day */
  "workflow.getTaskCompletionTimeline": {
    kind: "query";
    params: S.WorkflowGetTaskCompletionTimelineParams;
    result: S.WorkflowGetTaskCompletionTimelineResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Switch a ticket's task template mid-service */
  "workflow.switchTemplate": {
    kind: "mutation";
    params: S.WorkflowSwitchTemplateParams;
    result: S.WorkflowSwitchTemplateResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** Open a service ticket */
  "tickets.createTicket": {
    kind: "mutation";
    params: S.TicketsCreateTicketParams;
    result: S.TicketsCreateTicketResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED" | "BAD_REQUEST";
  };
  /** The service tickets */
  "tickets.getTickets": {
    kind: "query";
    params: S.TicketsGetTicketsParams;
    result: S.TicketsGetTicketsResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** One service ticket, with its parts and comments */
  "tickets.getTicket": {
    kind: "query";
    params: S.TicketsGetTicketParams;
    result: S.TicketsGetTicketResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** A ticket's tasks */
  "tickets.getTasks": {
    kind: "query";
    params: S.TicketsGetTasksParams;
    result: S.TicketsGetTasksResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Change a ticket */
  "tickets.updateTicket": {
    kind: "mutation";
    params: S.TicketsUpdateTicketParams;
    result: S.TicketsUpdateTicketResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED" | "BAD_REQUEST";
  };
  /** Move a ticket to another status */
  "tickets.updateTicketStatus": {
    kind: "mutation";
    params: S.TicketsUpdateTicketStatusParams;
    result: S.TicketsUpdateTicketStatusResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** Use a part on a ticket */
  "tickets.addTicketPart": {
    kind: "mutation";
    params: S.TicketsAddTicketPartParams;
    result: S.TicketsAddTicketPartResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED" | "BAD_REQUEST";
  };
  /** Change a ticket's part line */
  "tickets.updateTicketPart": {
    kind: "mutation";
    params: S.TicketsUpdateTicketPartParams;
    result: S.TicketsUpdateTicketPartResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED" | "BAD_REQUEST";
  };
  /** Remove a part line from a ticket */
  "tickets.deleteTicketPart": {
    kind: "mutation";
    params: S.TicketsDeleteTicketPartParams;
    result: S.TicketsDeleteTicketPartResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED" | "BAD_REQUEST";
  };
  /** Comment on a ticket */
  "tickets.addComment": {
    kind: "mutation";
    params: S.TicketsAddCommentParams;
    result: S.TicketsAddCommentResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Attach a stored file to a ticket */
  "tickets.addAttachment": {
    kind: "mutation";
    params: S.TicketsAddAttachmentParams;
    result: S.TicketsAddAttachmentResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "BAD_REQUEST";
  };
  /** A ticket's attachments */
  "tickets.getAttachments": {
    kind: "query";
    params: S.TicketsGetAttachmentsParams;
    result: S.TicketsGetAttachmentsResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Delete an attachment and its file */
  "tickets.deleteAttachment": {
    kind: "mutation";
    params: S.TicketsDeleteAttachmentParams;
    result: S.TicketsDeleteAttachmentResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Confirm a repaired device was handed back */
  "tickets.confirmDelivery": {
    kind: "mutation";
    params: S.TicketsConfirmDeliveryParams;
    result: S.TicketsConfirmDeliveryResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "BAD_REQUEST";
  };
  /** Completed tickets waiting to be handed back */
  "tickets.getPendingDeliveries": {
    kind: "query";
    params: S.TicketsGetPendingDeliveriesParams;
    result: S.TicketsGetPendingDeliveriesResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** How many completed tickets wait to be handed back */
  "tickets.getPendingDeliveriesCount": {
    kind: "query";
    params: S.TicketsGetPendingDeliveriesCountParams;
    result: S.TicketsGetPendingDeliveriesCountResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** How many tickets are open */
  "tickets.getPendingCount": {
    kind: "query";
    params: S.TicketsGetPendingCountParams;
    result: S.TicketsGetPendingCountResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Revenue of completed tickets per day */
  "tickets.getDailyRevenue": {
    kind: "query";
    params: S.TicketsGetDailyRevenueParams;
    result: S.TicketsGetDailyRevenueResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Register a serial-numbered unit */
  "inventory.createProduct": {
    kind: "mutation";
    params: S.InventoryCreateProductParams;
    result: S.InventoryCreateProductResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "BAD_REQUEST";
  };
  /** Change a unit's details */
  "inventory.updateProduct": {
    kind: "mutation";
    params: S.InventoryUpdateProductParams;
    result: S.InventoryUpdateProductResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "BAD_REQUEST";
  };
  /** The serial-numbered units, newest first */
  "inventory.listProducts": {
    kind: "query";
    params: S.InventoryListProductsParams;
    result: S.InventoryListProductsResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** One serial-numbered unit */
  "inventory.getProduct": {
    kind: "query";
    params: S.InventoryGetProductParams;
    result: S.InventoryGetProductResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "BAD_REQUEST" | "NOT_FOUND";
  };
  /** Register many serial-numbered units at once */
  "inventory.bulkImport": {
    kind: "mutation";
    params: S.InventoryBulkImportParams;
    result: S.InventoryBulkImportResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Check a serial number's unit and warranty */
  "inventory.verifySerial": {
    kind: "mutation";
    params: S.InventoryVerifySerialParams;
    result: S.InventoryVerifySerialResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Move a unit */
  "inventory.recordMovement": {
    kind: "mutation";
    params: S.InventoryRecordMovementParams;
    result: S.InventoryRecordMovementResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED" | "BAD_REQUEST";
  };
  /** A unit's movements, newest first */
  "inventory.getMovementHistory": {
    kind: "query";
    params: S.InventoryGetMovementHistoryParams;
    result: S.InventoryGetMovementHistoryResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Put a unit in service on a ticket */
  "inventory.assignToTicket": {
    kind: "mutation";
    params: S.InventoryAssignToTicketParams;
    result: S.InventoryAssignToTicketResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** Stock per product model and virtual warehouse, with its status */
  "inventory.getStockLevels": {
    kind: "query";
    params: S.InventoryGetStockLevelsParams;
    result: S.InventoryGetStockLevelsResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** Set the stock threshold of a product model in a virtual warehouse */
  "inventory.setThreshold": {
    kind: "mutation";
    params: S.InventorySetThresholdParams;
    result: S.InventorySetThresholdResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** The stock levels at warning or critical whose threshold alerts */
  "inventory.getLowStockAlerts": {
    kind: "query";
    params: S.InventoryGetLowStockAlertsParams;
    result: S.InventoryGetLowStockAlertsResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT";
  };
  /** The stock levels as a CSV file */
  "inventory.exportStockReport": {
    kind: "mutation";
    params: S.InventoryExportStockReportParams;
    result: S.InventoryExportStockReportResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
  /** Start an RMA batch */
  "inventory.createRMABatch": {
    kind: "mutation";
    params: S.InventoryCreateRMABatchParams;
    result: S.InventoryCreateRMABatchResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND";
  };
  /** Put units in a draft RMA batch */
  "inventory.addProductsToRMA": {
    kind: "mutation";
    params: S.InventoryAddProductsToRMAParams;
    result: S.InventoryAddProductsToRMAResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** Submit an RMA batch */
  "inventory.finalizeRMABatch": {
    kind: "mutation";
    params: S.InventoryFinalizeRMABatchParams;
    result: S.InventoryFinalizeRMABatchResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" | "PRECONDITION_FAILED";
  };
  /** List RMA batches */
  "inventory.getRMABatches": {
    kind: "query";
    params: S.InventoryGetRMABatchesParams;
    result: S.InventoryGetRMABatchesResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "FORBIDDEN" | "CONFLICT";
  };
  /** One RMA batch with its units */
  "inventory.getRMABatchDetails": {
    kind: "query";
    params: S.InventoryGetRMABatchDetailsParams;
    result: S.InventoryGetRMABatchDetailsResult;
    errors: "INVALID_PARAMS" | "UNAUTHORIZED" | "CONFLICT" | "NOT_FOUND";
  };
}

/** A method's full dotted name. */
export type MethodName = keyof Procedures;

/** The procedures as nested namespaces; each leaf is the method's full name. */
export interface ProcedureTree {
  auth: {
    /** Sign in with email and password */
    login: "auth.login";
    /** The signed-in user, or null */
    me: "auth.me";
    /** Rotate the tokens */
    refresh: "auth.refresh";
    /** Sign out */
    logout: "auth.logout";
  };
  admin: {
    /** First-time setup: create the admin, or reset its password */
    setup: "admin.setup";
    /** Create a user with a role */
    createUser: "admin.createUser";
    /** Change a user's role */
    setUserRole: "admin.setUserRole";
    /** Deactivate a user */
    deactivateUser: "admin.deactivateUser";
  };
  profile: {
    /** The signed-in user's profile */
    getCurrentUser: "profile.getCurrentUser";
    /** Update the signed-in user's name, email and avatar */
    updateProfile: "profile.updateProfile";
    /** All active users (for assignment lists) */
    getAllUsers: "profile.getAllUsers";
  };
  account: {
    /** The caller's browser accounts */
    list: "account.list";
    /** Create a browser account */
    create: "account.create";
    /** Change a browser account */
    update: "account.update";
    /** Switch to a browser account */
    switch: "account.switch";
    /** Delete a browser account with its tabs and sessions */
    delete: "account.delete";
  };
  proxy: {
    /** The caller's proxy configurations */
    list: "proxy.list";
    /** Create a proxy configuration */
    create: "proxy.create";
    /** Change a proxy configuration */
    update: "proxy.update";
    /** Delete a proxy configuration */
    delete: "proxy.delete";
    /** Test a proxy from the server */
    test: "proxy.test";
  };
  tab: {
    /** The tabs of one of the caller's accounts, oldest first */
    list: "tab.list";
    /** Open a tab */
    create: "tab.create";
    /** Change a tab */
    update: "tab.update";
    /** Close a tab */
    close: "tab.close";
  };
  catalog: {
    brand: {
      /** The brands, by name */
      list: "catalog.brand.list";
      /** Add a brand */
      create: "catalog.brand.create";
      /** Rename a brand */
      update: "catalog.brand.update";
      /** Delete a brand */
      delete: "catalog.brand.delete";
    };
    product: {
      /** The product models, by name, with their brands */
      list: "catalog.product.list";
      /** One product model with its brand */
      get: "catalog.product.get";
      /** Add a product model */
      create: "catalog.product.create";
      /** Change a product model */
      update: "catalog.product.update";
      /** Delete a product model */
      delete: "catalog.product.delete";
    };
    part: {
      /** List spare parts */
      list: "catalog.part.list";
      /** One spare part */
      get: "catalog.part.get";
      /** Add a spare part to the catalog */
      create: "catalog.part.create";
      /** Change a spare part */
      update: "catalog.part.update";
      /** Delete a spare part */
      delete: "catalog.part.delete";
      /** Count parts into or out of stock */
      adjustStock: "catalog.part.adjustStock";
    };
    warehouse: {
      /** The physical warehouses, by name */
      list: "catalog.warehouse.list";
      /** Add a physical warehouse */
      create: "catalog.warehouse.create";
      /** Change a physical warehouse */
      update: "catalog.warehouse.update";
      /** Delete a physical warehouse */
      delete: "catalog.warehouse.delete";
    };
  };
  customers: {
    /** The customers */
    getCustomers: "customers.getCustomers";
    /** Create a customer */
    createCustomer: "customers.createCustomer";
    /** Change a customer */
    updateCustomer: "customers.updateCustomer";
    /** Delete a customer */
    deleteCustomer: "customers.deleteCustomer";
    /** A customer's email preferences, for the unsubscribe page */
    getByEmail: "customers.getByEmail";
    /** Switch types of email on or off (unsubscribe) */
    updateEmailPreferences: "customers.updateEmailPreferences";
    /** New customers this month, against the month before */
    getNewCustomers: "customers.getNewCustomers";
  };
  notifications: {
    /** Queue an email */
    send: "notifications.send";
    /** The emails, newest first */
    getLog: "notifications.getLog";
    /** How many emails there are in each status and of each type */
    getStats: "notifications.getStats";
    /** Send an email again */
    retry: "notifications.retry";
  };
  workflow: {
    taskType: {
      /** The active task types */
      list: "workflow.taskType.list";
      /** Create a task type */
      create: "workflow.taskType.create";
    };
    template: {
      /** Templates, with their products and tasks */
      list: "workflow.template.list";
      /** One template version, with its tasks in sequence order */
      getById: "workflow.template.getById";
      /** Create a template (its version 1) */
      create: "workflow.template.create";
      /** Update a template: make its next version */
      update: "workflow.template.update";
      /** Deactivate a template version, or delete it */
      delete: "workflow.template.delete";
    };
    /** The caller's tasks */
    myTasks: "workflow.myTasks";
    /** Move a task to another status */
    updateTaskStatus: "workflow.updateTaskStatus";
    /** Add a note to a task */
    addTaskNotes: "workflow.addTaskNotes";
    /** Complete a task, with notes */
    completeTask: "workflow.completeTask";
    /** The tasks before a task */
    getTaskDependencies: "workflow.getTaskDependencies";
    /** How tickets' tasks stand overall */
    getTaskProgressSummary: "workflow.getTaskProgressSummary";
    /** Tickets held up by blocked tasks */
    getTicketsWithBlockedTasks: "workflow.getTicketsWithBlockedTasks";
    /** Tasks assigned per technician, by status */
    getTechnicianWorkload: "workflow.getTechnicianWorkload";
    /** Tasks completed per day */
    getTaskCompletionTimeline: "workflow.getTaskCompletionTimeline";
    /** Switch a ticket's task template mid-service */
    switchTemplate: "workflow.switchTemplate";
  };
  tickets: {
    /** Open a service ticket */
    createTicket: "tickets.createTicket";
    /** The service tickets */
    getTickets: "tickets.getTickets";
    /** One service ticket, with its parts and comments */
    getTicket: "tickets.getTicket";
    /** A ticket's tasks */
    getTasks: "tickets.getTasks";
    /** Change a ticket */
    updateTicket: "tickets.updateTicket";
    /** Move a ticket to another status */
    updateTicketStatus: "tickets.updateTicketStatus";
    /** Use a part on a ticket */
    addTicketPart: "tickets.addTicketPart";
    /** Change a ticket's part line */
    updateTicketPart: "tickets.updateTicketPart";
    /** Remove a part line from a ticket */
    deleteTicketPart: "tickets.deleteTicketPart";
    /** Comment on a ticket */
    addComment: "tickets.addComment";
    /** Attach a stored file to a ticket */
    addAttachment: "tickets.addAttachment";
    /** A ticket's attachments */
    getAttachments: "tickets.getAttachments";
    /** Delete an attachment and its file */
    deleteAttachment: "tickets.deleteAttachment";
    /** Confirm a repaired device was handed back */
    confirmDelivery: "tickets.confirmDelivery";
    /** Completed tickets waiting to be handed back */
    getPendingDeliveries: "tickets.getPendingDeliveries";
    /** How many completed tickets wait to be handed back */
    getPendingDeliveriesCount: "tickets.getPendingDeliveriesCount";
    /** How many tickets are open */
    getPendingCount: "tickets.getPendingCount";
    /** Revenue of completed tickets per day */
    getDailyRevenue: "tickets.getDailyRevenue";
  };
  inventory: {
    /** Register a serial-numbered unit */
    createProduct: "inventory.createProduct";
    /** Change a unit's details */
    updateProduct: "inventory.updateProduct";
    /** The serial-numbered units, newest first */
    listProducts: "inventory.listProducts";
    /** One serial-numbered unit */
    getProduct: "inventory.getProduct";
    /** Register many serial-numbered units at once */
    bulkImport: "inventory.bulkImport";
    /** Check a serial number's unit and warranty */
    verifySerial: "inventory.verifySerial";
    /** Move a unit */
    recordMovement: "inventory.recordMovement";
    /** A unit's movements, newest first */
    getMovementHistory: "inventory.getMovementHistory";
    /** Put a unit in service on a ticket */
    assignToTicket: "inventory.assignToTicket";
    /** Stock per product model and virtual warehouse, with its status */
    getStockLevels: "inventory.getStockLevels";
    /** Set the stock threshold of a product model in a virtual warehouse */
    setThreshold: "inventory.setThreshold";
    /** The stock levels at warning or critical whose threshold alerts */
    getLowStockAlerts: "inventory.getLowStockAlerts";
    /** The stock levels as a CSV file */
    exportStockReport: "inventory.exportStockReport";
    /** Start an RMA batch */
    createRMABatch: "inventory.createRMABatch";
    /** Put units in a draft RMA batch */
    addProductsToRMA: "inventory.addProductsToRMA";
    /** Submit an RMA batch */
    finalizeRMABatch: "inventory.finalizeRMABatch";
    /** List RMA batches */
    getRMABatches: "inventory.getRMABatches";
    /** One RMA batch with its units */
    getRMABatchDetails: "inventory.getRMABatchDetails";
  };
}

/** Each procedure's kind, declared errors and roles as a value (checked against `Procedures`). */
export const procedureInfo = {
  "auth.login": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","CONFLICT","NOT_FOUND","UNAUTHORIZED"],
    roles: ["public"],
  },
  "auth.me": {
    kind: "query",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","CONFLICT"],
    roles: ["public"],
  },
  "auth.refresh": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","CONFLICT","NOT_FOUND","UNAUTHORIZED"],
    roles: ["public"],
  },
  "auth.logout": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "admin.setup": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","CONFLICT","NOT_FOUND","UNAUTHORIZED","PRECONDITION_FAILED"],
    roles: ["public"],
  },
  "admin.createUser": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","TOO_MANY_REQUESTS","NOT_FOUND"],
    roles: ["admin"],
  },
  "admin.setUserRole": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["admin"],
  },
  "admin.deactivateUser": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["admin"],
  },
  "profile.getCurrentUser": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "profile.updateProfile": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "profile.getAllUsers": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "account.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "account.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "account.update": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "account.switch": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","UNAUTHORIZED","CONFLICT","NOT_FOUND","FORBIDDEN"],
    roles: ["authenticated"],
  },
  "account.delete": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["authenticated"],
  },
  "proxy.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "proxy.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "proxy.update": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "proxy.delete": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "proxy.test": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tab.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tab.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tab.update": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tab.close": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "catalog.brand.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "catalog.brand.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.brand.update": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.brand.delete": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.product.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "catalog.product.get": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "catalog.product.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.product.update": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.product.delete": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.part.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "catalog.part.get": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "catalog.part.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.part.update": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.part.delete": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.part.adjustStock": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["admin","manager"],
  },
  "catalog.warehouse.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "catalog.warehouse.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.warehouse.update": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "catalog.warehouse.delete": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "customers.getCustomers": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "customers.createCustomer": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "customers.updateCustomer": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "customers.deleteCustomer": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "customers.getByEmail": {
    kind: "query",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","CONFLICT"],
    roles: ["public"],
  },
  "customers.updateEmailPreferences": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","TOO_MANY_REQUESTS","CONFLICT","NOT_FOUND"],
    roles: ["public"],
  },
  "customers.getNewCustomers": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "notifications.send": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","TOO_MANY_REQUESTS"],
    roles: ["authenticated"],
  },
  "notifications.getLog": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT"],
    roles: ["admin","manager"],
  },
  "notifications.getStats": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT"],
    roles: ["admin","manager"],
  },
  "notifications.retry": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","BAD_REQUEST"],
    roles: ["admin","manager"],
  },
  "workflow.taskType.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "workflow.taskType.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "workflow.template.list": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "workflow.template.getById": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "workflow.template.create": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","BAD_REQUEST"],
    roles: ["admin","manager"],
  },
  "workflow.template.update": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","BAD_REQUEST"],
    roles: ["admin","manager"],
  },
  "workflow.template.delete": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "workflow.myTasks": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "workflow.updateTaskStatus": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","FORBIDDEN","PRECONDITION_FAILED"],
    roles: ["authenticated"],
  },
  "workflow.addTaskNotes": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","FORBIDDEN","PRECONDITION_FAILED"],
    roles: ["authenticated"],
  },
  "workflow.completeTask": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","FORBIDDEN","PRECONDITION_FAILED"],
    roles: ["authenticated"],
  },
  "workflow.getTaskDependencies": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "workflow.getTaskProgressSummary": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "workflow.getTicketsWithBlockedTasks": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "workflow.getTechnicianWorkload": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "workflow.getTaskCompletionTimeline": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "workflow.switchTemplate": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["technician","manager","admin"],
  },
  "tickets.createTicket": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "tickets.getTickets": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "tickets.getTicket": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tickets.getTasks": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tickets.updateTicket": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "tickets.updateTicketStatus": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["authenticated"],
  },
  "tickets.addTicketPart": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "tickets.updateTicketPart": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "tickets.deleteTicketPart": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "tickets.addComment": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tickets.addAttachment": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "tickets.getAttachments": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tickets.deleteAttachment": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "tickets.confirmDelivery": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "tickets.getPendingDeliveries": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "tickets.getPendingDeliveriesCount": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "tickets.getPendingCount": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "tickets.getDailyRevenue": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "inventory.createProduct": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "inventory.updateProduct": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "inventory.listProducts": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "inventory.getProduct": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","BAD_REQUEST","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "inventory.bulkImport": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "inventory.verifySerial": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "inventory.recordMovement": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED","BAD_REQUEST"],
    roles: ["authenticated"],
  },
  "inventory.getMovementHistory": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "inventory.assignToTicket": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["authenticated"],
  },
  "inventory.getStockLevels": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "inventory.setThreshold": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "inventory.getLowStockAlerts": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT"],
    roles: ["authenticated"],
  },
  "inventory.exportStockReport": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
  "inventory.createRMABatch": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND"],
    roles: ["admin","manager"],
  },
  "inventory.addProductsToRMA": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["admin","manager"],
  },
  "inventory.finalizeRMABatch": {
    kind: "mutation",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT","NOT_FOUND","PRECONDITION_FAILED"],
    roles: ["admin","manager"],
  },
  "inventory.getRMABatches": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","FORBIDDEN","CONFLICT"],
    roles: ["admin","manager"],
  },
  "inventory.getRMABatchDetails": {
    kind: "query",
    errors: ["INVALID_PARAMS","UNAUTHORIZED","CONFLICT","NOT_FOUND"],
    roles: ["authenticated"],
  },
} as const satisfies {
  readonly [M in MethodName]: {
    readonly kind: Procedures[M]["kind"];
    readonly errors: readonly Procedures[M]["errors"][];
    readonly roles: readonly string[];
  };
};
