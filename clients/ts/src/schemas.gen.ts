/*
 * Generated from openrpc.json (Switchyard 0.1.0) by `npm run generate`.
 * Do not edit: change the server, then run `make openrpc` (or `switchyard gen-client`).
 */

export interface Account {
  id: string;
  userId: string;
  name: string;
  description: string | null;
  isProtected: boolean;
  proxyConfigId: string | null;
  dataDirectory: string;
  createdAt: string;
  updatedAt: string;
  lastAccessedAt: string | null;
}

export interface AccountFilter {
  protected?: boolean | null;
}

export interface AccountPage {
  data: Account[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export interface AddAttachmentInput {
  ticket_id: string;
  file_name: string;
  file_path: string;
  file_type: string;
  file_size: number;
  description?: string | null;
}

export interface AddAttachmentResult {
  success: boolean;
  attachment: TicketAttachment;
}

export interface AddCommentInput {
  ticket_id: string;
  comment: string;
  is_internal?: boolean;
  comment_type?: "note" | "status_change" | "assignment";
}

export interface AddTaskNotesInput {
  task_id: string;
  notes: string;
}

export interface AddTicketPartInput {
  ticket_id: string;
  part_id: string;
  quantity: number;
  /**
   * An amount with at most two decimal places
   */
  unit_price: number;
}

export interface AddUnitsToRmaInput {
  batch_id: string;
  /**
   * @minItems 1
   * @maxItems 500
   */
  product_ids: [string, ...string[]];
}

export interface AddUnitsToRmaResult {
  success: boolean;
  added: number;
  errors: string[];
}

export interface AdjustPartStockInput {
  part_id: string;
  delta: number;
  reason: string;
}

export interface AssignToTicketInput {
  /**
   * At least 5 of A-Z, 0-9, - and _ (stored upper case)
   */
  serial_number: string;
  ticket_id: string;
}

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "manager" | "technician" | "reception";
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  lastSignedIn: string | null;
}

export interface Brand {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface BrandPage {
  brands: Brand[];
  total: number;
}

export interface BrandSummary {
  id: string;
  name: string;
}

export interface BrowserTab {
  id: string;
  accountId: string;
  title: string;
  url: string;
  isActive: boolean;
  isIncognito: boolean;
  scrollPositionX: number;
  scrollPositionY: number;
  zoomLevel: number;
  createdAt: string;
  lastAccessedAt: string;
  favicon?: string | null;
  thumbnail?: string | null;
}

export interface BulkImportInput {
  /**
   * Each row an inventory.createProduct input
   *
   * @maxItems 10000
   */
  products: {
    [k: string]: unknown | undefined;
  }[];
}

export interface BulkImportResult {
  total: number;
  success_count: number;
  error_count: number;
  success: ImportedUnit[];
  errors: RowError[];
}

export interface CompleteTaskInput {
  task_id: string;
  completion_notes: string;
}

export interface ConfirmDeliveryInput {
  ticket_id: string;
  signature_url: string;
  notes?: string | null;
}

export interface CreateAccountInput {
  name: string;
  description?: string | null;
  proxyConfigId?: string | null;
}

export interface CreateBrandInput {
  name: string;
}

export interface CreateCustomerInput {
  name: string;
  phone: string;
  email?: string | null;
  address?: string | null;
}

export interface CreatePartInput {
  name: string;
  sku: string;
  /**
   * An amount with at most two decimal places
   */
  unit_price: number;
  stock_quantity?: number;
  minimum_stock?: number;
  /**
   * @maxItems 100
   */
  product_ids?: string[];
}

export interface CreateProductInput {
  name: string;
  sku: string;
  type: string;
  brand_id: string;
  description?: string | null;
}

export interface CreateProxyInput {
  name: string;
  type: "HTTP" | "HTTPS" | "SOCKS4" | "SOCKS5" | "V2RAY";
  host: string;
  port: number;
  username?: string | null;
  password?: string | null;
  v2rayConfig?: V2rayConfig | null;
}

export interface CreateRmaBatchInput {
  supplier_name: string;
  shipping_date?: string | null;
  tracking_number?: string | null;
  notes?: string | null;
}

export interface CreateTabInput {
  accountId: string;
  url?: string | null;
  isIncognito?: boolean;
}

export interface CreateTaskTypeInput {
  name: string;
  description?: string | null;
  category?: string | null;
  estimated_duration_minutes?: number | null;
  requires_notes?: boolean;
  requires_photo?: boolean;
  is_active?: boolean;
}

export interface CreateTemplateInput {
  name: string;
  description?: string | null;
  product_type?: string | null;
  service_type: "warranty" | "paid" | "replacement";
  enforce_sequence?: boolean;
  is_active?: boolean;
  /**
   * @minItems 1
   * @maxItems 100
   */
  tasks: [TemplateTaskInput, ...TemplateTaskInput[]];
}

export interface CreateTicketInput {
  customer_data: CustomerDataInput;
  product_id: string;
  description: string;
  priority_level?: "low" | "normal" | "high" | "urgent";
  warranty_type?: "warranty" | "paid" | "goodwill";
  /**
   * An amount with at most two decimal places
   */
  service_fee: number;
  /**
   * An amount with at most two decimal places
   */
  diagnosis_fee?: number & string;
  /**
   * An amount with at most two decimal places
   */
  discount_amount?: number & string;
  /**
   * @maxItems 50
   */
  parts?: TicketPartInput[];
}

export interface CreateTicketResult {
  success: boolean;
  ticket: Ticket;
  tasks: TicketTask[];
}

/**
 * ``inventory.createProduct`` (and each row of ``inventory.bulkImport``).
 *
 * ``virtual_warehouse_type`` may not be ``in_service``: a unit goes into service only
 * by its assignment to a ticket (BAD_REQUEST). With ``warranty_months`` and no
 * ``warranty_start_date`` the warranty starts on the purchase day, else today.
 */
export interface CreateUnitInput {
  /**
   * At least 5 of A-Z, 0-9, - and _ (stored upper case)
   */
  serial_number: string;
  product_id: string;
  physical_warehouse_id?: string | null;
  virtual_warehouse_type: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  condition: "new" | "refurbished" | "used" | "faulty" | "for_parts";
  warranty_start_date?: string | null;
  warranty_months?: number | null;
  purchase_date?: string | null;
  supplier_id?: string | null;
  supplier_name?: string | null;
  purchase_price?: number | null;
  notes?: string | null;
  /**
   * @maxItems 20
   */
  photo_urls?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
}

export interface CreateUserInput {
  email: string;
  password: string;
  full_name: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export interface CreateWarehouseInput {
  name: string;
  code: string;
  location?: string | null;
}

export interface CreatedAccount {
  id: string;
  name: string;
  createdAt: string;
}

export interface CreatedProxy {
  id: string;
  name: string;
  type: "HTTP" | "HTTPS" | "SOCKS4" | "SOCKS5" | "V2RAY";
}

export interface Customer {
  id: string;
  name: string;
  phone: string;
  email: string | null;
  address: string | null;
  email_preferences: EmailPreferences;
  created_at: string;
  updated_at: string;
}

/**
 * What the unsubscribe page sees: never the phone or the address.
 */
export interface CustomerContact {
  id: string;
  name: string;
  email: string;
  email_preferences: EmailPreferences;
}

/**
 * An existing customer (``id``), or the one found by ``phone`` (its digits), or a
 * new one made from these fields. An existing customer's fields are not changed.
 */
export interface CustomerDataInput {
  id?: string | null;
  name: string;
  phone: string;
  email?: string | null;
  address?: string | null;
}

export interface CustomerPage {
  customers: Customer[];
  total: number;
}

export interface CustomerResult {
  success: boolean;
  customer: Customer;
}

export interface DailyRevenue {
  date: string;
  /**
   * An amount with at most two decimal places
   */
  revenue: number;
}

export interface DailyRevenueInput {
  days?: number;
}

export interface DayTaskCompletions {
  date: string;
  tasks_completed: number;
}

export interface DeactivateUserInput {
  user_id: string;
}

export interface DeleteAccountInput {
  accountId: string;
  confirmDeletion: boolean;
}

export interface DeleteAttachmentInput {
  id: string;
}

export interface DeleteBrandInput {
  id: string;
}

export interface DeleteCustomerInput {
  id: string;
}

export interface DeletePartInput {
  id: string;
}

export interface DeleteProductInput {
  id: string;
}

export interface DeleteTemplateInput {
  template_id: string;
  soft_delete?: boolean;
}

export interface DeleteTemplateResult {
  success: boolean;
  soft_deleted: boolean;
}

export interface DeleteTicketPartInput {
  id: string;
}

export interface DeleteWarehouseInput {
  id: string;
}

/**
 * What the email's templates may show; each type uses the values it needs.
 */
export interface EmailContext {
  trackingToken?: string | null;
  ticketNumber?: string | null;
  productName?: string | null;
  serialNumber?: string | null;
  rejectionReason?: string | null;
  completedDate?: string | null;
  deliveryDate?: string | null;
}

export interface EmailLog {
  emails: LoggedEmail[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Whether the customer wants each type of email (true unless they opted out).
 */
export interface EmailPreferences {
  request_submitted: boolean;
  request_received: boolean;
  request_rejected: boolean;
  ticket_created: boolean;
  service_completed: boolean;
  delivery_confirmed: boolean;
}

export interface EmailQueued {
  success: boolean;
  emailId: string;
}

/**
 * Not queued, by the customer's wish (they turned the type off).
 */
export interface EmailSkipped {
  success: boolean;
  skipped: boolean;
  reason: "unsubscribed";
}

export interface EmailStats {
  total: number;
  sent: number;
  failed: number;
  pending: number;
  bounced: number;
  byType: {
    [k: string]: number | undefined;
  };
}

/**
 * The filters of getStockLevels but the search; every matching row, no page.
 */
export interface ExportStockReportInput {
  warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  status?: ("ok" | "warning" | "critical") | null;
}

/**
 * Fields left out stay as they were set at creation.
 */
export interface FinalizeRmaBatchInput {
  batch_id: string;
  shipping_date?: string;
  tracking_number?: string;
}

export interface FittedProduct {
  id: string;
  name: string;
  sku: string;
}

export interface GetAttachmentsInput {
  ticket_id: string;
}

export interface GetByEmailInput {
  email: string;
  token: string;
}

/**
 * No field given: every customer; any field given: one page (see the procedure).
 */
export interface GetCustomersInput {
  search?: string | null;
  limit?: number;
  offset?: number;
}

export interface GetLogInput {
  emailType?:
    | (
        | "request_submitted"
        | "request_received"
        | "request_rejected"
        | "ticket_created"
        | "service_completed"
        | "delivery_confirmed"
      )
    | null;
  status?: ("pending" | "sent" | "failed" | "bounced") | null;
  recipientEmail?: string | null;
  limit?: number;
  offset?: number;
}

export interface GetPartInput {
  id: string;
}

export interface GetProductInput {
  id: string;
}

export interface GetRmaBatchInput {
  batch_id: string;
}

/**
 * One virtual warehouse's levels, one status's (None: all); ``search`` finds the
 * text in the model's name or SKU, ignoring case.
 */
export interface GetStockLevelsInput {
  search?: string | null;
  limit?: number;
  offset?: number;
  warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  status?: ("ok" | "warning" | "critical") | null;
}

/**
 * The contract's camelCase ``ticketId`` (the one wire name it has).
 */
export interface GetTasksInput {
  ticketId: string;
}

export interface GetTemplateInput {
  template_id: string;
}

export interface GetTicketInput {
  id: string;
}

/**
 * No field given: every ticket; any field given: one page (see the procedure).
 * ``search`` finds the ticket number, the customer's name or phone.
 */
export interface GetTicketsInput {
  search?: string | null;
  limit?: number;
  offset?: number;
  status?: ("pending" | "in_progress" | "completed" | "cancelled") | null;
  priority_level?: ("low" | "normal" | "high" | "urgent") | null;
  assigned_to?: string | null;
  customer_id?: string | null;
}

/**
 * By ``id`` or by ``serial_number`` (any case). Neither is BAD_REQUEST, as the
 * contract says; both must name the same unit.
 */
export interface GetUnitInput {
  id?: string | null;
  serial_number?: string | null;
}

export interface ImportedUnit {
  row: number;
  id: string;
  serial_number: string;
}

export interface ListAccountsInput {
  sortBy?: "name" | "createdAt" | "lastAccessedAt";
  order?: "asc" | "desc";
  filter?: AccountFilter | null;
  page?: number | null;
  pageSize?: number | null;
}

/**
 * ``search`` looks in the name.
 */
export interface ListBrandsInput {
  search?: string | null;
  limit?: number;
  offset?: number;
}

export interface ListPartsInput {
  search?: string | null;
  limit?: number;
  offset?: number;
  product_id?: string | null;
  low_stock?: boolean | null;
}

/**
 * ``search`` looks in the name and the SKU.
 */
export interface ListProductsInput {
  search?: string | null;
  limit?: number;
  offset?: number;
  brand_id?: string | null;
  type?: string | null;
}

export interface ListProxiesInput {
  sortBy?: "name" | "type" | "createdAt";
  order?: "asc" | "desc";
  filter?: ProxyFilter | null;
}

export interface ListRmaBatchesInput {
  status?: ("draft" | "submitted" | "shipped" | "completed") | null;
  limit?: number;
  offset?: number;
}

export interface ListTabsInput {
  accountId: string;
}

export interface ListTemplatesInput {
  product_type?: string | null;
  service_type?: ("warranty" | "paid" | "replacement") | null;
  is_active?: boolean | null;
}

/**
 * ``search`` finds the text anywhere in the serial number, ignoring case.
 */
export interface ListUnitsInput {
  search?: string | null;
  limit?: number;
  offset?: number;
  physical_warehouse_id?: string | null;
  virtual_warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  condition?: ("new" | "refurbished" | "used" | "faulty" | "for_parts") | null;
  warranty_status?: ("active" | "expired" | "expiring_soon" | "no_warranty") | null;
}

/**
 * ``search`` looks in the name and the code.
 */
export interface ListWarehousesInput {
  search?: string | null;
  limit?: number;
  offset?: number;
}

export interface Location {
  /**
   * null when it stands in none
   */
  physical: UnitWarehouse | null;
  virtual: VirtualLocation;
}

/**
 * One email of the log: who, what, and how its delivery went (never its bodies).
 */
export interface LoggedEmail {
  id: string;
  email_type: string;
  recipient_email: string;
  recipient_name: string;
  subject: string;
  status: string;
  retry_count: number;
  error_message: string | null;
  service_ticket_id: string | null;
  service_request_id: string | null;
  created_at: string;
  updated_at: string;
  next_attempt_at: string;
  sent_at: string | null;
  failed_at: string | null;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface LogoutResult {
  success: boolean;
}

export interface LowStockAlerts {
  alerts: StockLevel[];
  criticalCount: number;
  warningCount: number;
}

export interface MovementEntry {
  id: string;
  movement_type: "receipt" | "transfer" | "assignment" | "return" | "disposal";
  created_at: string;
  from_physical: UnitWarehouse | null;
  to_physical: UnitWarehouse | null;
  from_virtual_warehouse:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  to_virtual_warehouse: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  ticket: MovementTicket | null;
  moved_by: Mover | null;
  notes: string | null;
}

export interface MovementHistoryInput {
  product_id: string;
  limit?: number;
  offset?: number;
}

export interface MovementHistoryResult {
  movements: MovementEntry[];
  total: number;
}

export interface MovementTicket {
  id: string;
  ticket_number: string;
}

export interface Mover {
  id: string;
  full_name: string;
}

/**
 * One of the caller's tasks, with what the contract shows of its ticket.
 */
export interface MyTask {
  id: string;
  ticket_id: string;
  task_type_id: string;
  name: string;
  status: "pending" | "in_progress" | "completed" | "blocked" | "skipped";
  sequence_order: number;
  is_required: boolean;
  assigned_to_id: string | null;
  started_at: string | null;
  completed_at: string | null;
  completed_by_id: string | null;
  notes: string | null;
  updated_at: string;
  task_type: TaskType;
  ticket: MyTaskTicket;
}

export interface MyTaskCustomer {
  name: string;
  phone: string;
}

export interface MyTaskTicket {
  id: string;
  ticket_number: string;
  status: string;
  customer: MyTaskCustomer;
}

/**
 * The contract's camelCase names: currentMonthCount, growthRate, ...
 */
export interface NewCustomers {
  currentMonthCount: number;
  previousMonthCount: number;
  growthRate: number;
  hasPreviousData: boolean;
  latestUpdate: string | null;
}

/**
 * The input of a procedure that takes none: an empty object (or no params at all).
 */
export interface NoInput {}

export interface Part {
  id: string;
  name: string;
  sku: string;
  /**
   * An amount with at most two decimal places
   */
  unit_price: number;
  stock_quantity: number;
  minimum_stock: number;
  is_low_stock: boolean;
  products: FittedProduct[];
  created_at: string;
  updated_at: string;
}

export interface PartPage {
  parts: Part[];
  total: number;
}

export interface PendingDeliveriesInput {
  limit?: number;
  offset?: number;
}

/**
 * One page of the completed tickets not yet handed back; total counts them all,
 * and limit and offset say which page this is.
 */
export interface PendingDeliveriesPage {
  tickets: Ticket[];
  total: number;
  limit: number;
  offset: number;
}

export interface PhysicalProduct {
  id: string;
  serial_number: string;
  product_id: string;
  physical_warehouse_id: string | null;
  virtual_warehouse_type: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  condition: "new" | "refurbished" | "used" | "faulty" | "for_parts";
  warranty_start_date: string | null;
  warranty_months: number | null;
  warranty_end_date: string | null;
  warranty_status: "active" | "expired" | "expiring_soon" | "no_warranty";
  purchase_date: string | null;
  supplier_id: string | null;
  supplier_name: string | null;
  purchase_price: number | null;
  notes: string | null;
  photo_urls: string[];
  current_ticket_id: string | null;
  created_at: string;
  updated_at: string;
  product: UnitModel;
  /**
   * The warehouse it stands in; null when none
   */
  physical_warehouse: UnitWarehouse | null;
}

/**
 * The email types to switch on (true) or off (false); those left out stay.
 */
export interface PreferenceChanges {
  request_submitted?: boolean;
  request_received?: boolean;
  request_rejected?: boolean;
  ticket_created?: boolean;
  service_completed?: boolean;
  delivery_confirmed?: boolean;
}

export interface Product {
  id: string;
  name: string;
  sku: string;
  type: string;
  description: string | null;
  brand: BrandSummary;
  created_at: string;
  updated_at: string;
}

/**
 * The unit's product model, as the contract names it in a batch's entries.
 */
export interface ProductInfo {
  name: string;
  sku: string;
  type: string;
}

export interface ProductPage {
  products: Product[];
  total: number;
}

export interface Profile {
  id: string;
  user_id: string;
  full_name: string;
  email: string;
  avatar_url: string | null;
  role: "admin" | "manager" | "technician" | "reception";
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface ProxyConfig {
  id: string;
  userId: string;
  name: string;
  type: "HTTP" | "HTTPS" | "SOCKS4" | "SOCKS5" | "V2RAY";
  host: string;
  port: number;
  isActive: boolean;
  hasCredentials: boolean;
  createdAt: string;
  updatedAt: string;
  lastTestedAt: string | null;
  testResult: TestResult | null;
}

export interface ProxyConfigIdInput {
  proxyConfigId: string;
}

export interface ProxyFilter {
  type?: ("HTTP" | "HTTPS" | "SOCKS4" | "SOCKS5" | "V2RAY") | null;
  isActive?: boolean | null;
}

/**
 * Each ``from_*`` given must be where the unit is; each ``to_*`` left out stays as
 * it is. A physical warehouse given as null means none.
 */
export interface RecordMovementInput {
  product_id: string;
  movement_type: "receipt" | "transfer" | "assignment" | "return" | "disposal";
  from_physical_warehouse_id?: string | null;
  to_physical_warehouse_id?: string | null;
  from_virtual_warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  to_virtual_warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  reference_ticket_id?: string | null;
  notes?: string | null;
  force?: boolean;
}

export interface RefreshInput {
  refreshToken: string;
}

export interface RetryInput {
  emailId: string;
}

export interface RetryResult {
  success: boolean;
}

/**
 * A task of update's new version: the contract requires is_required there.
 */
export interface RevisedTemplateTaskInput {
  task_type_id: string;
  sequence_order: number;
  is_required: boolean;
  custom_instructions?: string | null;
}

export interface RmaBatch {
  id: string;
  supplier_name: string;
  status: "draft" | "submitted" | "shipped" | "completed";
  shipping_date: string | null;
  tracking_number: string | null;
  notes: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
  created_by: RmaUser | null;
  product_count: number;
}

export interface RmaBatchDetails {
  batch: RmaBatch;
  products: RmaEntry[];
}

export interface RmaBatchPage {
  batches: RmaBatch[];
  total: number;
}

export interface RmaEntry {
  id: string;
  product_id: string;
  added_at: string;
  product: RmaUnit;
  added_by: RmaUser | null;
}

export interface RmaUnit {
  id: string;
  serial_number: string;
  product_id: string;
  physical_warehouse_id: string | null;
  virtual_warehouse_type: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  condition: "new" | "refurbished" | "used" | "faulty" | "for_parts";
  warranty_start_date: string | null;
  warranty_months: number | null;
  warranty_end_date: string | null;
  warranty_status: "active" | "expired" | "expiring_soon" | "no_warranty";
  purchase_date: string | null;
  supplier_id: string | null;
  supplier_name: string | null;
  purchase_price: number | null;
  notes: string | null;
  photo_urls: string[];
  current_ticket_id: string | null;
  created_at: string;
  updated_at: string;
  product: UnitModel;
  /**
   * The warehouse it stands in; null when none
   */
  physical_warehouse: UnitWarehouse | null;
  product_info: ProductInfo;
}

/**
 * Who created a batch or added a unit (null once that user is deleted).
 */
export interface RmaUser {
  id: string;
  full_name: string;
}

export interface RowError {
  row: number;
  serial: string;
  error: string;
}

export interface SendInput {
  emailType:
    | "request_submitted"
    | "request_received"
    | "request_rejected"
    | "ticket_created"
    | "service_completed"
    | "delivery_confirmed";
  recipientEmail: string;
  recipientName: string;
  context?: EmailContext;
  serviceRequestId?: string | null;
  serviceTicketId?: string | null;
}

export interface SetThresholdInput {
  product_id: string;
  warehouse_type: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  minimum_quantity: number;
  reorder_quantity?: number | null;
  alert_enabled?: boolean;
}

export interface SetUserRoleInput {
  user_id: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export interface SetupInput {
  password: string;
}

export interface SetupResult {
  message: string;
  action: "created" | "password_reset";
}

/**
 * A user as tickets show them (the contract's ``profiles`` and ``assigned_to``).
 */
export interface StaffMember {
  id: string;
  full_name: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export interface StockLevel {
  product_id: string;
  product_name: string;
  sku: string;
  product_type: string;
  virtual_warehouse_type: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  current_stock: number;
  threshold: number;
  reorder_quantity: number;
  status: "ok" | "warning" | "critical";
  alert_enabled: boolean;
}

export interface StockLevelPage {
  stockLevels: StockLevel[];
  total: number;
}

export interface StockReport {
  csv: string;
  filename: string;
}

/**
 * The answer of deletions and other yes/no mutations in every namespace: its one
 * field is spelt the same in snake_case and camelCase.
 */
export interface SuccessResult {
  success: boolean;
}

export interface SwitchAccountInput {
  accountId: string;
  password?: string | null;
}

export interface SwitchResult {
  success: boolean;
  accountId: string;
  sessionId: string;
}

/**
 * What the switch did: tasks kept, removed and added, and how many there now are
 * (``tasks_preserved + tasks_added``).
 */
export interface SwitchSummary {
  tasks_preserved: number;
  tasks_removed: number;
  tasks_added: number;
  total_tasks: number;
}

export interface SwitchTemplateInput {
  ticket_id: string;
  new_template_id: string;
  reason: string;
}

export interface SwitchTemplateResult {
  success: boolean;
  summary: SwitchSummary;
}

export interface TabIdInput {
  tabId: string;
}

/**
 * The contract's camelCase ``daysBack``.
 */
export interface TaskCompletionTimelineInput {
  daysBack?: number;
}

export interface TaskDependencies {
  prerequisites: TaskPrerequisite[];
  enforce_sequence: boolean;
  incomplete_count: number;
}

export interface TaskIdInput {
  task_id: string;
}

export interface TaskNotesResult {
  success: boolean;
  notes: string;
}

export interface TaskPrerequisite {
  id: string;
  name: string;
  sequence_order: number;
  status: "pending" | "in_progress" | "completed" | "blocked" | "skipped";
  is_required: boolean;
  task_type: TaskType;
}

export interface TaskProgressSummary {
  total_tasks: number;
  tasks_pending: number;
  tasks_in_progress: number;
  tasks_completed: number;
  tasks_blocked: number;
  completion_rate: number;
}

export interface TaskType {
  id: string;
  name: string;
  description: string | null;
  category: string | null;
  estimated_duration_minutes: number | null;
  requires_notes: boolean;
  requires_photo: boolean;
  is_active: boolean;
  created_at: string;
}

export interface TechnicianWorkload {
  technician_id: string;
  technician_name: string;
  tasks_pending: number;
  tasks_in_progress: number;
  tasks_completed: number;
  tasks_blocked: number;
}

/**
 * The contract's camelCase ``technicianId``: left out, every technician.
 */
export interface TechnicianWorkloadInput {
  technicianId?: string | null;
}

export interface Template {
  id: string;
  name: string;
  description: string | null;
  product_type: string | null;
  service_type: "warranty" | "paid" | "replacement";
  enforce_sequence: boolean;
  is_active: boolean;
  version: number;
  previous_version_id: string | null;
  created_at: string;
  product: TemplateProduct | null;
  tasks: TemplateTask[];
}

export interface TemplateProduct {
  id: string;
  name: string;
  sku: string;
}

export interface TemplateTask {
  id: string;
  sequence_order: number;
  is_required: boolean;
  custom_instructions: string | null;
  task_type: TaskType;
}

export interface TemplateTaskInput {
  task_type_id: string;
  sequence_order: number;
  is_required?: boolean;
  custom_instructions?: string | null;
}

export interface TestResult {
  success: boolean;
  latency: number;
  error?: string | null;
}

export interface Ticket {
  id: string;
  ticket_number: string;
  status: "pending" | "in_progress" | "completed" | "cancelled";
  priority_level: "low" | "normal" | "high" | "urgent";
  warranty_type: "warranty" | "paid" | "goodwill";
  /**
   * An amount with at most two decimal places
   */
  service_fee: number;
  /**
   * An amount with at most two decimal places
   */
  diagnosis_fee: number;
  /**
   * An amount with at most two decimal places
   */
  discount_amount: number;
  /**
   * An amount with at most two decimal places
   */
  parts_total: number;
  /**
   * An amount with at most two decimal places
   */
  total_cost: number;
  issue_description: string;
  notes: string | null;
  customer_id: string;
  product_id: string;
  template_id: string | null;
  assigned_to: string | null;
  created_by: string | null;
  started_at: string | null;
  completed_at: string | null;
  delivery_confirmed_at: string | null;
  delivery_confirmed_by_id: string | null;
  delivery_signature_url: string | null;
  delivery_notes: string | null;
  created_at: string;
  updated_at: string;
  customers: TicketCustomer;
  products: TicketProduct;
}

export interface TicketAttachment {
  id: string;
  ticket_id: string;
  file_name: string;
  file_path: string;
  file_size: number;
  file_type: string;
  sha256: string | null;
  description: string | null;
  uploaded_by: string | null;
  created_at: string;
}

export interface TicketBrand {
  name: string;
}

export interface TicketComment {
  id: string;
  ticket_id: string;
  comment: string;
  is_internal: boolean;
  comment_type: "note" | "status_change" | "assignment" | "system";
  created_at: string;
  profiles: StaffMember | null;
}

export interface TicketCommentResult {
  success: boolean;
  comment: TicketComment;
}

export interface TicketCustomer {
  id: string;
  name: string;
  phone: string;
  email: string | null;
}

/**
 * The ticket with its part lines (oldest first) and comments (oldest first).
 */
export interface TicketDetail {
  id: string;
  ticket_number: string;
  status: "pending" | "in_progress" | "completed" | "cancelled";
  priority_level: "low" | "normal" | "high" | "urgent";
  warranty_type: "warranty" | "paid" | "goodwill";
  /**
   * An amount with at most two decimal places
   */
  service_fee: number;
  /**
   * An amount with at most two decimal places
   */
  diagnosis_fee: number;
  /**
   * An amount with at most two decimal places
   */
  discount_amount: number;
  /**
   * An amount with at most two decimal places
   */
  parts_total: number;
  /**
   * An amount with at most two decimal places
   */
  total_cost: number;
  issue_description: string;
  notes: string | null;
  customer_id: string;
  product_id: string;
  template_id: string | null;
  assigned_to: string | null;
  created_by: string | null;
  started_at: string | null;
  completed_at: string | null;
  delivery_confirmed_at: string | null;
  delivery_confirmed_by_id: string | null;
  delivery_signature_url: string | null;
  delivery_notes: string | null;
  created_at: string;
  updated_at: string;
  customers: TicketCustomer;
  products: TicketProduct;
  parts: TicketPart[];
  comments: TicketComment[];
}

export interface TicketPage {
  tickets: Ticket[];
  total: number;
}

export interface TicketPart {
  id: string;
  ticket_id: string;
  part_id: string;
  quantity: number;
  /**
   * An amount with at most two decimal places
   */
  unit_price: number;
  /**
   * An amount with at most two decimal places
   */
  total: number;
  created_at: string;
  updated_at: string;
  parts: TicketPartSummary;
}

export interface TicketPartInput {
  part_id: string;
  quantity: number;
  /**
   * An amount with at most two decimal places
   */
  unit_price: number;
}

export interface TicketPartResult {
  success: boolean;
  part: TicketPart;
}

/**
 * The catalog part a ticket's part line is (under ``parts``).
 */
export interface TicketPartSummary {
  id: string;
  name: string;
  sku: string;
}

export interface TicketProduct {
  id: string;
  name: string;
  type: string;
  brands: TicketBrand;
}

/**
 * The answer of a change to one ticket: the ticket as it now is.
 */
export interface TicketResult {
  success: boolean;
  ticket: Ticket;
}

export interface TicketTask {
  id: string;
  name: string;
  status: "pending" | "in_progress" | "completed" | "blocked" | "skipped";
  sequence_order: number;
  is_required: boolean;
  assigned_to_id: string | null;
  started_at: string | null;
  completed_at: string | null;
  task_type: TaskType;
  assigned_to: StaffMember | null;
}

export interface TicketWithBlockedTasks {
  ticket_id: string;
  ticket_number: string;
  blocked_tasks_count: number;
  status: "pending" | "in_progress" | "completed" | "cancelled";
  priority_level: "low" | "normal" | "high" | "urgent";
  customer_name: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType?: "Bearer";
  expiresAt: string;
  refreshExpiresAt: string;
  user: AuthUser;
}

export interface UnitBrand {
  id: string;
  name: string;
}

/**
 * The product model a unit is of.
 */
export interface UnitModel {
  id: string;
  name: string;
  sku: string;
  type: string;
  brand: UnitBrand;
}

export interface UnitPage {
  products: PhysicalProduct[];
  total: number;
}

export interface UnitWarehouse {
  id: string;
  name: string;
  code: string;
  location: string | null;
}

export interface UpdateAccountInput {
  accountId: string;
  name?: string;
  description?: string | null;
  isProtected?: boolean;
  proxyConfigId?: string | null;
}

export interface UpdateBrandInput {
  id: string;
  name: string;
}

export interface UpdateCustomerInput {
  id: string;
  name?: string;
  phone?: string;
  email?: string | null;
  address?: string | null;
}

export interface UpdateEmailPreferencesInput {
  email: string;
  token: string;
  preferences: PreferenceChanges;
}

/**
 * The stock is not among these: it changes through catalog.part.adjustStock.
 */
export interface UpdatePartInput {
  id: string;
  name?: string;
  sku?: string;
  /**
   * An amount with at most two decimal places
   */
  unit_price?: number;
  minimum_stock?: number;
  /**
   * @maxItems 100
   */
  product_ids?: string[];
}

export interface UpdateProductInput {
  id: string;
  name?: string;
  sku?: string;
  type?: string;
  brand_id?: string;
  description?: string | null;
}

export interface UpdateProfileInput {
  full_name: string;
  email: string;
  avatar_url?: string | null;
}

export interface UpdateProxyInput {
  proxyConfigId: string;
  name?: string;
  host?: string;
  port?: number;
  username?: string | null;
  password?: string | null;
  isActive?: boolean;
}

export interface UpdateTabInput {
  tabId: string;
  title?: string;
  url?: string;
  isActive?: boolean;
  scrollPositionX?: number;
  scrollPositionY?: number;
  zoomLevel?: number;
}

export interface UpdateTaskStatusInput {
  task_id: string;
  status: "pending" | "in_progress" | "completed" | "blocked" | "skipped";
}

/**
 * The whole new version: a field left out (description, product_type) is empty
 * in it, as the contract's update carries the complete template.
 */
export interface UpdateTemplateInput {
  template_id: string;
  name: string;
  description?: string | null;
  product_type?: string | null;
  service_type: "warranty" | "paid" | "replacement";
  enforce_sequence: boolean;
  /**
   * @minItems 1
   * @maxItems 100
   */
  tasks: [RevisedTemplateTaskInput, ...RevisedTemplateTaskInput[]];
}

/**
 * Fields left out stay as they are; notes and assigned_to may be null (clearing
 * them), the others may not.
 */
export interface UpdateTicketInput {
  id: string;
  issue_description?: string;
  priority_level?: "low" | "normal" | "high" | "urgent";
  warranty_type?: "warranty" | "paid" | "goodwill";
  status?: "pending" | "in_progress" | "completed" | "cancelled";
  /**
   * An amount with at most two decimal places
   */
  service_fee?: number;
  /**
   * An amount with at most two decimal places
   */
  diagnosis_fee?: number;
  /**
   * An amount with at most two decimal places
   */
  discount_amount?: number;
  notes?: string | null;
  assigned_to?: string | null;
}

/**
 * At least one of quantity and unit_price: a call with neither changes nothing and
 * is refused as invalid params (naming both), not answered as if it had worked.
 */
export interface UpdateTicketPartInput {
  id: string;
  quantity?: number;
  /**
   * An amount with at most two decimal places
   */
  unit_price?: number;
}

export interface UpdateTicketStatusInput {
  id: string;
  status: "pending" | "in_progress" | "completed" | "cancelled";
}

/**
 * ``inventory.updateProduct``: fields left out stay; the nullable ones are cleared
 * by null. The place is not changed here: ``virtual_warehouse_type`` and
 * ``physical_warehouse_id`` are accepted only where the unit already is (a change of
 * place is a movement: ``inventory.recordMovement``).
 */
export interface UpdateUnitInput {
  id: string;
  /**
   * At least 5 of A-Z, 0-9, - and _ (stored upper case)
   */
  serial_number?: string;
  product_id?: string;
  physical_warehouse_id?: string | null;
  virtual_warehouse_type?: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  condition?: "new" | "refurbished" | "used" | "faulty" | "for_parts";
  warranty_start_date?: string | null;
  warranty_months?: number | null;
  purchase_date?: string | null;
  supplier_id?: string | null;
  supplier_name?: string | null;
  purchase_price?: number | null;
  notes?: string | null;
  /**
   * @maxItems 20
   */
  photo_urls?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
}

export interface UpdateWarehouseInput {
  id: string;
  name?: string;
  code?: string;
  location?: string | null;
}

export interface UserSummary {
  user_id: string;
  full_name: string;
  role: "admin" | "manager" | "technician" | "reception";
  is_active: boolean;
}

export interface V2rayConfig {
  protocol: "vmess" | "vless" | "trojan" | "shadowsocks";
  server: string;
  port: number;
  uuid?: string | null;
  password?: string | null;
  cipher?: string | null;
  tls?: boolean | null;
  sni?: string | null;
  alpn?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | null;
}

export interface VerifySerialInput {
  /**
   * At least 5 of A-Z, 0-9, - and _ (stored upper case)
   */
  serial_number: string;
}

export interface VerifySerialResult {
  found: boolean;
  /**
   * Why nothing was found; null when found
   */
  message: string | null;
  product: PhysicalProduct | null;
  warranty: Warranty | null;
  location: Location | null;
  inService: boolean;
}

export interface VirtualLocation {
  type: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
}

export interface Warehouse {
  id: string;
  name: string;
  code: string;
  location: string | null;
  created_at: string;
  updated_at: string;
}

export interface WarehousePage {
  warehouses: Warehouse[];
  total: number;
}

export interface Warranty {
  status: "active" | "expired" | "expiring_soon" | "no_warranty";
  daysRemaining: number | null;
  startDate: string | null;
  endDate: string | null;
}

/**
 * A task as its changes answer it: tickets.getTasks' fields, and its ticket, task
 * type id, who completed it, its notes and its last change.
 */
export interface WorkflowTask {
  id: string;
  ticket_id: string;
  task_type_id: string;
  name: string;
  status: "pending" | "in_progress" | "completed" | "blocked" | "skipped";
  sequence_order: number;
  is_required: boolean;
  assigned_to_id: string | null;
  started_at: string | null;
  completed_at: string | null;
  completed_by_id: string | null;
  notes: string | null;
  updated_at: string;
  task_type: TaskType;
}

/**
 * Params of: Sign in with email and password
 */
export interface AuthLoginParams {
  email: string;
  password: string;
}

export type AuthLoginResult = TokenPair;

/**
 * Params of: The signed-in user, or null
 */
export interface AuthMeParams {}

export type AuthMeResult = AuthUser | null;

/**
 * Params of: Rotate the tokens
 */
export interface AuthRefreshParams {
  refreshToken: string;
}

export type AuthRefreshResult = TokenPair;

/**
 * Params of: Sign out
 */
export interface AuthLogoutParams {}

export type AuthLogoutResult = LogoutResult;

/**
 * Params of: First-time setup: create the admin, or reset its password
 */
export interface AdminSetupParams {
  password: string;
}

export type AdminSetupResult = SetupResult;

/**
 * Params of: Create a user with a role
 */
export interface AdminCreateUserParams {
  email: string;
  password: string;
  full_name: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export type AdminCreateUserResult = Profile;

/**
 * Params of: Change a user's role
 */
export interface AdminSetUserRoleParams {
  user_id: string;
  role: "admin" | "manager" | "technician" | "reception";
}

export type AdminSetUserRoleResult = Profile;

/**
 * Params of: Deactivate a user
 */
export interface AdminDeactivateUserParams {
  user_id: string;
}

export type AdminDeactivateUserResult = Profile;

/**
 * Params of: The signed-in user's profile
 */
export interface ProfileGetCurrentUserParams {}

export type ProfileGetCurrentUserResult = Profile;

/**
 * Params of: Update the signed-in user's name, email and avatar
 */
export interface ProfileUpdateProfileParams {
  full_name: string;
  email: string;
  avatar_url?: string | null;
}

export type ProfileUpdateProfileResult = Profile;

/**
 * Params of: All active users (for assignment lists)
 */
export interface ProfileGetAllUsersParams {}

export type ProfileGetAllUsersResult = UserSummary[];

/**
 * Params of: The caller's browser accounts
 */
export interface AccountListParams {
  sortBy?: "name" | "createdAt" | "lastAccessedAt";
  order?: "asc" | "desc";
  filter?: AccountFilter | null;
  page?: number | null;
  pageSize?: number | null;
}

export type AccountListResult = Account[] | AccountPage;

/**
 * Params of: Create a browser account
 */
export interface AccountCreateParams {
  name: string;
  description?: string | null;
  proxyConfigId?: string | null;
}

export type AccountCreateResult = CreatedAccount;

/**
 * Params of: Change a browser account
 */
export interface AccountUpdateParams {
  accountId: string;
  name?: string;
  description?: string | null;
  isProtected?: boolean;
  proxyConfigId?: string | null;
}

export type AccountUpdateResult = Account;

/**
 * Params of: Switch to a browser account
 */
export interface AccountSwitchParams {
  accountId: string;
  password?: string | null;
}

export type AccountSwitchResult = SwitchResult;

/**
 * Params of: Delete a browser account with its tabs and sessions
 */
export interface AccountDeleteParams {
  accountId: string;
  confirmDeletion: boolean;
}

export type AccountDeleteResult = SuccessResult;

/**
 * Params of: The caller's proxy configurations
 */
export interface ProxyListParams {
  sortBy?: "name" | "type" | "createdAt";
  order?: "asc" | "desc";
  filter?: ProxyFilter | null;
}

export type ProxyListResult = ProxyConfig[];

/**
 * Params of: Create a proxy configuration
 */
export interface ProxyCreateParams {
  name: string;
  type: "HTTP" | "HTTPS" | "SOCKS4" | "SOCKS5" | "V2RAY";
  host: string;
  port: number;
  username?: string | null;
  password?: string | null;
  v2rayConfig?: V2rayConfig | null;
}

export type ProxyCreateResult = CreatedProxy;

/**
 * Params of: Change a proxy configuration
 */
export interface ProxyUpdateParams {
  proxyConfigId: string;
  name?: string;
  host?: string;
  port?: number;
  username?: string | null;
  password?: string | null;
  isActive?: boolean;
}

export type ProxyUpdateResult = ProxyConfig;

/**
 * Params of: Delete a proxy configuration
 */
export interface ProxyDeleteParams {
  proxyConfigId: string;
}

export type ProxyDeleteResult = SuccessResult;

/**
 * Params of: Test a proxy from the server
 */
export interface ProxyTestParams {
  proxyConfigId: string;
}

export type ProxyTestResult = TestResult;

/**
 * Params of: The tabs of one of the caller's accounts, oldest first
 */
export interface TabListParams {
  accountId: string;
}

export type TabListResult = BrowserTab[];

/**
 * Params of: Open a tab
 */
export interface TabCreateParams {
  accountId: string;
  url?: string | null;
  isIncognito?: boolean;
}

export type TabCreateResult = BrowserTab;

/**
 * Params of: Change a tab
 */
export interface TabUpdateParams {
  tabId: string;
  title?: string;
  url?: string;
  isActive?: boolean;
  scrollPositionX?: number;
  scrollPositionY?: number;
  zoomLevel?: number;
}

export type TabUpdateResult = BrowserTab;

/**
 * Params of: Close a tab
 */
export interface TabCloseParams {
  tabId: string;
}

export type TabCloseResult = SuccessResult;

/**
 * Params of: The brands, by name
 */
export interface CatalogBrandListParams {
  search?: string | null;
  limit?: number;
  offset?: number;
}

export type CatalogBrandListResult = BrandPage;

/**
 * Params of: Add a brand
 */
export interface CatalogBrandCreateParams {
  name: string;
}

export type CatalogBrandCreateResult = Brand;

/**
 * Params of: Rename a brand
 */
export interface CatalogBrandUpdateParams {
  id: string;
  name: string;
}

export type CatalogBrandUpdateResult = Brand;

/**
 * Params of: Delete a brand
 */
export interface CatalogBrandDeleteParams {
  id: string;
}

export type CatalogBrandDeleteResult = SuccessResult;

/**
 * Params of: The product models, by name, with their brands
 */
export interface CatalogProductListParams {
  search?: string | null;
  limit?: number;
  offset?: number;
  brand_id?: string | null;
  type?: string | null;
}

export type CatalogProductListResult = ProductPage;

/**
 * Params of: One product model with its brand
 */
export interface CatalogProductGetParams {
  id: string;
}

export type CatalogProductGetResult = Product;

/**
 * Params of: Add a product model
 */
export interface CatalogProductCreateParams {
  name: string;
  sku: string;
  type: string;
  brand_id: string;
  description?: string | null;
}

export type CatalogProductCreateResult = Product;

/**
 * Params of: Change a product model
 */
export interface CatalogProductUpdateParams {
  id: string;
  name?: string;
  sku?: string;
  type?: string;
  brand_id?: string;
  description?: string | null;
}

export type CatalogProductUpdateResult = Product;

/**
 * Params of: Delete a product model
 */
export interface CatalogProductDeleteParams {
  id: string;
}

export type CatalogProductDeleteResult = SuccessResult;

/**
 * Params of: List spare parts
 */
export interface CatalogPartListParams {
  search?: string | null;
  limit?: number;
  offset?: number;
  product_id?: string | null;
  low_stock?: boolean | null;
}

export type CatalogPartListResult = PartPage;

/**
 * Params of: One spare part
 */
export interface CatalogPartGetParams {
  id: string;
}

export type CatalogPartGetResult = Part;

/**
 * Params of: Add a spare part to the catalog
 */
export interface CatalogPartCreateParams {
  name: string;
  sku: string;
  /**
   * An amount with at most two decimal places
   */
  unit_price: number;
  stock_quantity?: number;
  minimum_stock?: number;
  /**
   * @maxItems 100
   */
  product_ids?: string[];
}

export type CatalogPartCreateResult = Part;

/**
 * Params of: Change a spare part
 */
export interface CatalogPartUpdateParams {
  id: string;
  name?: string;
  sku?: string;
  /**
   * An amount with at most two decimal places
   */
  unit_price?: number;
  minimum_stock?: number;
  /**
   * @maxItems 100
   */
  product_ids?: string[];
}

export type CatalogPartUpdateResult = Part;

/**
 * Params of: Delete a spare part
 */
export interface CatalogPartDeleteParams {
  id: string;
}

export type CatalogPartDeleteResult = SuccessResult;

/**
 * Params of: Count parts into or out of stock
 */
export interface CatalogPartAdjustStockParams {
  part_id: string;
  delta: number;
  reason: string;
}

export type CatalogPartAdjustStockResult = Part;

/**
 * Params of: The physical warehouses, by name
 */
export interface CatalogWarehouseListParams {
  search?: string | null;
  limit?: number;
  offset?: number;
}

export type CatalogWarehouseListResult = WarehousePage;

/**
 * Params of: Add a physical warehouse
 */
export interface CatalogWarehouseCreateParams {
  name: string;
  code: string;
  location?: string | null;
}

export type CatalogWarehouseCreateResult = Warehouse;

/**
 * Params of: Change a physical warehouse
 */
export interface CatalogWarehouseUpdateParams {
  id: string;
  name?: string;
  code?: string;
  location?: string | null;
}

export type CatalogWarehouseUpdateResult = Warehouse;

/**
 * Params of: Delete a physical warehouse
 */
export interface CatalogWarehouseDeleteParams {
  id: string;
}

export type CatalogWarehouseDeleteResult = SuccessResult;

/**
 * Params of: The customers
 */
export interface CustomersGetCustomersParams {
  search?: string | null;
  limit?: number;
  offset?: number;
}

export type CustomersGetCustomersResult = Customer[] | CustomerPage;

/**
 * Params of: Create a customer
 */
export interface CustomersCreateCustomerParams {
  name: string;
  phone: string;
  email?: string | null;
  address?: string | null;
}

export type CustomersCreateCustomerResult = CustomerResult;

/**
 * Params of: Change a customer
 */
export interface CustomersUpdateCustomerParams {
  id: string;
  name?: string;
  phone?: string;
  email?: string | null;
  address?: string | null;
}

export type CustomersUpdateCustomerResult = CustomerResult;

/**
 * Params of: Delete a customer
 */
export interface CustomersDeleteCustomerParams {
  id: string;
}

export type CustomersDeleteCustomerResult = SuccessResult;

/**
 * Params of: A customer's email preferences, for the unsubscribe page
 */
export interface CustomersGetByEmailParams {
  email: string;
  token: string;
}

export type CustomersGetByEmailResult = CustomerContact | null;

/**
 * Params of: Switch types of email on or off (unsubscribe)
 */
export interface CustomersUpdateEmailPreferencesParams {
  email: string;
  token: string;
  preferences: PreferenceChanges;
}

export type CustomersUpdateEmailPreferencesResult = SuccessResult;

/**
 * Params of: New customers this month, against the month before
 */
export interface CustomersGetNewCustomersParams {}

export type CustomersGetNewCustomersResult = NewCustomers;

/**
 * Params of: Queue an email
 */
export interface NotificationsSendParams {
  emailType:
    | "request_submitted"
    | "request_received"
    | "request_rejected"
    | "ticket_created"
    | "service_completed"
    | "delivery_confirmed";
  recipientEmail: string;
  recipientName: string;
  context?: EmailContext;
  serviceRequestId?: string | null;
  serviceTicketId?: string | null;
}

export type NotificationsSendResult = EmailQueued | EmailSkipped;

/**
 * Params of: The emails, newest first
 */
export interface NotificationsGetLogParams {
  emailType?:
    | (
        | "request_submitted"
        | "request_received"
        | "request_rejected"
        | "ticket_created"
        | "service_completed"
        | "delivery_confirmed"
      )
    | null;
  status?: ("pending" | "sent" | "failed" | "bounced") | null;
  recipientEmail?: string | null;
  limit?: number;
  offset?: number;
}

export type NotificationsGetLogResult = EmailLog;

/**
 * Params of: How many emails there are in each status and of each type
 */
export interface NotificationsGetStatsParams {}

export type NotificationsGetStatsResult = EmailStats;

/**
 * Params of: Send an email again
 */
export interface NotificationsRetryParams {
  emailId: string;
}

export type NotificationsRetryResult = RetryResult;

/**
 * Params of: The active task types
 */
export interface WorkflowTaskTypeListParams {}

export type WorkflowTaskTypeListResult = TaskType[];

/**
 * Params of: Create a task type
 */
export interface WorkflowTaskTypeCreateParams {
  name: string;
  description?: string | null;
  category?: string | null;
  estimated_duration_minutes?: number | null;
  requires_notes?: boolean;
  requires_photo?: boolean;
  is_active?: boolean;
}

export type WorkflowTaskTypeCreateResult = TaskType;

/**
 * Params of: Templates, with their products and tasks
 */
export interface WorkflowTemplateListParams {
  product_type?: string | null;
  service_type?: ("warranty" | "paid" | "replacement") | null;
  is_active?: boolean | null;
}

export type WorkflowTemplateListResult = Template[];

/**
 * Params of: One template version, with its tasks in sequence order
 */
export interface WorkflowTemplateGetByIdParams {
  template_id: string;
}

export type WorkflowTemplateGetByIdResult = Template;

/**
 * Params of: Create a template (its version 1)
 */
export interface WorkflowTemplateCreateParams {
  name: string;
  description?: string | null;
  product_type?: string | null;
  service_type: "warranty" | "paid" | "replacement";
  enforce_sequence?: boolean;
  is_active?: boolean;
  /**
   * @minItems 1
   * @maxItems 100
   */
  tasks: [TemplateTaskInput, ...TemplateTaskInput[]];
}

export type WorkflowTemplateCreateResult = Template;

/**
 * Params of: Update a template: make its next version
 */
export interface WorkflowTemplateUpdateParams {
  template_id: string;
  name: string;
  description?: string | null;
  product_type?: string | null;
  service_type: "warranty" | "paid" | "replacement";
  enforce_sequence: boolean;
  /**
   * @minItems 1
   * @maxItems 100
   */
  tasks: [RevisedTemplateTaskInput, ...RevisedTemplateTaskInput[]];
}

export type WorkflowTemplateUpdateResult = Template;

/**
 * Params of: Deactivate a template version, or delete it
 */
export interface WorkflowTemplateDeleteParams {
  template_id: string;
  soft_delete?: boolean;
}

export type WorkflowTemplateDeleteResult = DeleteTemplateResult;

/**
 * Params of: The caller's tasks
 */
export interface WorkflowMyTasksParams {}

export type WorkflowMyTasksResult = MyTask[];

/**
 * Params of: Move a task to another status
 */
export interface WorkflowUpdateTaskStatusParams {
  task_id: string;
  status: "pending" | "in_progress" | "completed" | "blocked" | "skipped";
}

export type WorkflowUpdateTaskStatusResult = WorkflowTask;

/**
 * Params of: Add a note to a task
 */
export interface WorkflowAddTaskNotesParams {
  task_id: string;
  notes: string;
}

export type WorkflowAddTaskNotesResult = TaskNotesResult;

/**
 * Params of: Complete a task, with notes
 */
export interface WorkflowCompleteTaskParams {
  task_id: string;
  completion_notes: string;
}

export type WorkflowCompleteTaskResult = WorkflowTask;

/**
 * Params of: The tasks before a task
 */
export interface WorkflowGetTaskDependenciesParams {
  task_id: string;
}

export type WorkflowGetTaskDependenciesResult = TaskDependencies;

/**
 * Params of: How tickets' tasks stand overall
 */
export interface WorkflowGetTaskProgressSummaryParams {}

export type WorkflowGetTaskProgressSummaryResult = TaskProgressSummary;

/**
 * Params of: Tickets held up by blocked tasks
 */
export interface WorkflowGetTicketsWithBlockedTasksParams {}

export type WorkflowGetTicketsWithBlockedTasksResult = TicketWithBlockedTasks[];

/**
 * Params of: Tasks assigned per technician, by status
 */
export interface WorkflowGetTechnicianWorkloadParams {
  technicianId?: string | null;
}

export type WorkflowGetTechnicianWorkloadResult = TechnicianWorkload[];

/**
 * Params of: Tasks completed per day
 */
export interface WorkflowGetTaskCompletionTimelineParams {
  daysBack?: number;
}

export type WorkflowGetTaskCompletionTimelineResult = DayTaskCompletions[];

/**
 * Params of: Switch a ticket's task template mid-service
 */
export interface WorkflowSwitchTemplateParams {
  ticket_id: string;
  new_template_id: string;
  reason: string;
}

export type WorkflowSwitchTemplateResult = SwitchTemplateResult;

/**
 * Params of: Open a service ticket
 */
export interface TicketsCreateTicketParams {
  customer_data: CustomerDataInput;
  product_id: string;
  description: string;
  priority_level?: "low" | "normal" | "high" | "urgent";
  warranty_type?: "warranty" | "paid" | "goodwill";
  /**
   * An amount with at most two decimal places
   */
  service_fee: number;
  /**
   * An amount with at most two decimal places
   */
  diagnosis_fee?: number & string;
  /**
   * An amount with at most two decimal places
   */
  discount_amount?: number & string;
  /**
   * @maxItems 50
   */
  parts?: TicketPartInput[];
}

export type TicketsCreateTicketResult = CreateTicketResult;

/**
 * Params of: The service tickets
 */
export interface TicketsGetTicketsParams {
  search?: string | null;
  limit?: number;
  offset?: number;
  status?: ("pending" | "in_progress" | "completed" | "cancelled") | null;
  priority_level?: ("low" | "normal" | "high" | "urgent") | null;
  assigned_to?: string | null;
  customer_id?: string | null;
}

export type TicketsGetTicketsResult = Ticket[] | TicketPage;

/**
 * Params of: One service ticket, with its parts and comments
 */
export interface TicketsGetTicketParams {
  id: string;
}

export type TicketsGetTicketResult = TicketDetail;

/**
 * Params of: A ticket's tasks
 */
export interface TicketsGetTasksParams {
  ticketId: string;
}

export type TicketsGetTasksResult = TicketTask[];

/**
 * Params of: Change a ticket
 */
export interface TicketsUpdateTicketParams {
  id: string;
  issue_description?: string;
  priority_level?: "low" | "normal" | "high" | "urgent";
  warranty_type?: "warranty" | "paid" | "goodwill";
  status?: "pending" | "in_progress" | "completed" | "cancelled";
  /**
   * An amount with at most two decimal places
   */
  service_fee?: number;
  /**
   * An amount with at most two decimal places
   */
  diagnosis_fee?: number;
  /**
   * An amount with at most two decimal places
   */
  discount_amount?: number;
  notes?: string | null;
  assigned_to?: string | null;
}

export type TicketsUpdateTicketResult = TicketResult;

/**
 * Params of: Move a ticket to another status
 */
export interface TicketsUpdateTicketStatusParams {
  id: string;
  status: "pending" | "in_progress" | "completed" | "cancelled";
}

export type TicketsUpdateTicketStatusResult = TicketResult;

/**
 * Params of: Use a part on a ticket
 */
export interface TicketsAddTicketPartParams {
  ticket_id: string;
  part_id: string;
  quantity: number;
  /**
   * An amount with at most two decimal places
   */
  unit_price: number;
}

export type TicketsAddTicketPartResult = TicketPartResult;

/**
 * Params of: Change a ticket's part line
 */
export interface TicketsUpdateTicketPartParams {
  id: string;
  quantity?: number;
  /**
   * An amount with at most two decimal places
   */
  unit_price?: number;
}

export type TicketsUpdateTicketPartResult = TicketPartResult;

/**
 * Params of: Remove a part line from a ticket
 */
export interface TicketsDeleteTicketPartParams {
  id: string;
}

export type TicketsDeleteTicketPartResult = SuccessResult;

/**
 * Params of: Comment on a ticket
 */
export interface TicketsAddCommentParams {
  ticket_id: string;
  comment: string;
  is_internal?: boolean;
  comment_type?: "note" | "status_change" | "assignment";
}

export type TicketsAddCommentResult = TicketCommentResult;

/**
 * Params of: Attach a stored file to a ticket
 */
export interface TicketsAddAttachmentParams {
  ticket_id: string;
  file_name: string;
  file_path: string;
  file_type: string;
  file_size: number;
  description?: string | null;
}

export type TicketsAddAttachmentResult = AddAttachmentResult;

/**
 * Params of: A ticket's attachments
 */
export interface TicketsGetAttachmentsParams {
  ticket_id: string;
}

export type TicketsGetAttachmentsResult = TicketAttachment[];

/**
 * Params of: Delete an attachment and its file
 */
export interface TicketsDeleteAttachmentParams {
  id: string;
}

export type TicketsDeleteAttachmentResult = SuccessResult;

/**
 * Params of: Confirm a repaired device was handed back
 */
export interface TicketsConfirmDeliveryParams {
  ticket_id: string;
  signature_url: string;
  notes?: string | null;
}

export type TicketsConfirmDeliveryResult = TicketResult;

/**
 * Params of: Completed tickets waiting to be handed back
 */
export interface TicketsGetPendingDeliveriesParams {
  limit?: number;
  offset?: number;
}

export type TicketsGetPendingDeliveriesResult = PendingDeliveriesPage;

/**
 * Params of: How many completed tickets wait to be handed back
 */
export interface TicketsGetPendingDeliveriesCountParams {}

export type TicketsGetPendingDeliveriesCountResult = number;

/**
 * Params of: How many tickets are open
 */
export interface TicketsGetPendingCountParams {}

export type TicketsGetPendingCountResult = number;

/**
 * Params of: Revenue of completed tickets per day
 */
export interface TicketsGetDailyRevenueParams {
  days?: number;
}

export type TicketsGetDailyRevenueResult = DailyRevenue[];

/**
 * Params of: Register a serial-numbered unit
 */
export interface InventoryCreateProductParams {
  /**
   * At least 5 of A-Z, 0-9, - and _ (stored upper case)
   */
  serial_number: string;
  product_id: string;
  physical_warehouse_id?: string | null;
  virtual_warehouse_type: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  condition: "new" | "refurbished" | "used" | "faulty" | "for_parts";
  warranty_start_date?: string | null;
  warranty_months?: number | null;
  purchase_date?: string | null;
  supplier_id?: string | null;
  supplier_name?: string | null;
  purchase_price?: number | null;
  notes?: string | null;
  /**
   * @maxItems 20
   */
  photo_urls?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
}

export type InventoryCreateProductResult = PhysicalProduct;

/**
 * Params of: Change a unit's details
 */
export interface InventoryUpdateProductParams {
  id: string;
  /**
   * At least 5 of A-Z, 0-9, - and _ (stored upper case)
   */
  serial_number?: string;
  product_id?: string;
  physical_warehouse_id?: string | null;
  virtual_warehouse_type?: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  condition?: "new" | "refurbished" | "used" | "faulty" | "for_parts";
  warranty_start_date?: string | null;
  warranty_months?: number | null;
  purchase_date?: string | null;
  supplier_id?: string | null;
  supplier_name?: string | null;
  purchase_price?: number | null;
  notes?: string | null;
  /**
   * @maxItems 20
   */
  photo_urls?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
}

export type InventoryUpdateProductResult = PhysicalProduct;

/**
 * Params of: The serial-numbered units, newest first
 */
export interface InventoryListProductsParams {
  search?: string | null;
  limit?: number;
  offset?: number;
  physical_warehouse_id?: string | null;
  virtual_warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  condition?: ("new" | "refurbished" | "used" | "faulty" | "for_parts") | null;
  warranty_status?: ("active" | "expired" | "expiring_soon" | "no_warranty") | null;
}

export type InventoryListProductsResult = UnitPage;

/**
 * Params of: One serial-numbered unit
 */
export interface InventoryGetProductParams {
  id?: string | null;
  serial_number?: string | null;
}

export type InventoryGetProductResult = PhysicalProduct;

/**
 * Params of: Register many serial-numbered units at once
 */
export interface InventoryBulkImportParams {
  /**
   * Each row an inventory.createProduct input
   *
   * @maxItems 10000
   */
  products: {
    [k: string]: unknown | undefined;
  }[];
}

export type InventoryBulkImportResult = BulkImportResult;

/**
 * Params of: Check a serial number's unit and warranty
 */
export interface InventoryVerifySerialParams {
  /**
   * At least 5 of A-Z, 0-9, - and _ (stored upper case)
   */
  serial_number: string;
}

export type InventoryVerifySerialResult = VerifySerialResult;

/**
 * Params of: Move a unit
 */
export interface InventoryRecordMovementParams {
  product_id: string;
  movement_type: "receipt" | "transfer" | "assignment" | "return" | "disposal";
  from_physical_warehouse_id?: string | null;
  to_physical_warehouse_id?: string | null;
  from_virtual_warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  to_virtual_warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  reference_ticket_id?: string | null;
  notes?: string | null;
  force?: boolean;
}

export type InventoryRecordMovementResult = SuccessResult;

/**
 * Params of: A unit's movements, newest first
 */
export interface InventoryGetMovementHistoryParams {
  product_id: string;
  limit?: number;
  offset?: number;
}

export type InventoryGetMovementHistoryResult = MovementHistoryResult;

/**
 * Params of: Put a unit in service on a ticket
 */
export interface InventoryAssignToTicketParams {
  /**
   * At least 5 of A-Z, 0-9, - and _ (stored upper case)
   */
  serial_number: string;
  ticket_id: string;
}

export type InventoryAssignToTicketResult = SuccessResult;

/**
 * Params of: Stock per product model and virtual warehouse, with its status
 */
export interface InventoryGetStockLevelsParams {
  search?: string | null;
  limit?: number;
  offset?: number;
  warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  status?: ("ok" | "warning" | "critical") | null;
}

export type InventoryGetStockLevelsResult = StockLevelPage;

/**
 * Params of: Set the stock threshold of a product model in a virtual warehouse
 */
export interface InventorySetThresholdParams {
  product_id: string;
  warehouse_type: "warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts";
  minimum_quantity: number;
  reorder_quantity?: number | null;
  alert_enabled?: boolean;
}

export type InventorySetThresholdResult = SuccessResult;

/**
 * Params of: The stock levels at warning or critical whose threshold alerts
 */
export interface InventoryGetLowStockAlertsParams {}

export type InventoryGetLowStockAlertsResult = LowStockAlerts;

/**
 * Params of: The stock levels as a CSV file
 */
export interface InventoryExportStockReportParams {
  warehouse_type?:
    ("warranty_stock" | "rma_staging" | "dead_stock" | "in_service" | "parts") | null;
  status?: ("ok" | "warning" | "critical") | null;
}

export type InventoryExportStockReportResult = StockReport;

/**
 * Params of: Start an RMA batch
 */
export interface InventoryCreateRMABatchParams {
  supplier_name: string;
  shipping_date?: string | null;
  tracking_number?: string | null;
  notes?: string | null;
}

export type InventoryCreateRMABatchResult = RmaBatch;

/**
 * Params of: Put units in a draft RMA batch
 */
export interface InventoryAddProductsToRMAParams {
  batch_id: string;
  /**
   * @minItems 1
   * @maxItems 500
   */
  product_ids: [string, ...string[]];
}

export type InventoryAddProductsToRMAResult = AddUnitsToRmaResult;

/**
 * Params of: Submit an RMA batch
 */
export interface InventoryFinalizeRMABatchParams {
  batch_id: string;
  shipping_date?: string;
  tracking_number?: string;
}

export type InventoryFinalizeRMABatchResult = RmaBatch;

/**
 * Params of: List RMA batches
 */
export interface InventoryGetRMABatchesParams {
  status?: ("draft" | "submitted" | "shipped" | "completed") | null;
  limit?: number;
  offset?: number;
}

export type InventoryGetRMABatchesResult = RmaBatchPage;

/**
 * Params of: One RMA batch with its units
 */
export interface InventoryGetRMABatchDetailsParams {
  batch_id: string;
}

export type InventoryGetRMABatchDetailsResult = RmaBatchDetails;
