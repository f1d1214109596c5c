import { api, buildUrl, request, upload } from './client.js';
import type * as CreditTypes from './types.js';
import type * as FollowupTypes from './types.js';
import type * as WorklistTypes from './types.js';
import type {
  AccountBalance,
  AdjustmentInput,
  AgingDrillDown,
  AgingReport,
  AllocateInput,
  Allocation,
  AllocationResult,
  AuditEntry,
  Carrier,
  CarrierWithSecret,
  Contact,
  ContactInput,
  CreateCarrierInput,
  CreateCustomerInput,
  CreateDraftInput,
  CreateOrderInput,
  CreateShipmentInput,
  CreateTokenInput,
  CreateTokenResult,
  CreateUserInput,
  CreateUserResult,
  CreditBalance,
  CreditInput,
  Customer,
  CustomerStatus,
  DsoReport,
  ImportResult,
  IngestResult,
  Invoice,
  InvoiceFromOrderInput,
  InvoiceFromShipmentInput,
  InvoiceKind,
  InvoiceMessage,
  InvoicePaymentState,
  InvoiceStatus,
  InvoiceSummary,
  Job,
  JobState,
  Ledger,
  MailMessage,
  MailMessageDetail,
  MailState,
  ManualEventInput,
  Meta,
  Movement,
  MovementKind,
  MoveResult,
  Order,
  PackageInput,
  Page,
  Payment,
  PaymentAllocationState,
  PaymentDetail,
  PaymentMethod,
  Product,
  ProductImportResult,
  ProductInput,
  ReceiptInput,
  RecordPaymentInput,
  ReverseInput,
  Role,
  Session,
  Shipment,
  ShipmentTracking,
  ShipShipmentInput,
  StockLevel,
  Token,
  TrackingImportResult,
  Unmatched,
  UnmatchedDetail,
  UnmatchedState,
  UpdateCarrierInput,
  UpdateCustomerInput,
  UpdateDraftInput,
  UpdateOrderInput,
  UpdateUserInput,
  User,
  Warehouse,
  WarehouseInput,
} from './types.js';

const enc = encodeURIComponent;

export interface PageQuery {
  limit?: number;
  cursor?: string | null;
}

export const authApi = {
  session: () => api.get<Session>('/api/auth/session'),
  signIn: (email: string, password: string) => api.post<Session>('/api/auth/sign-in', { email, password }),
  signOut: () => api.post<void>('/api/auth/sign-out'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
};

export const metaApi = {
  get: () => api.get<Meta>('/api/meta'),
};

export interface UserFilters {
  q?: string;
  role?: Role | null;
  status?: User['status'] | null;
}

export const usersApi = {
  list: (filters: UserFilters & PageQuery) => api.get<Page<User>>('/api/users', { ...filters }),
  get: (id: string) => api.get<User>(`/api/users/${enc(id)}`),
  create: (input: CreateUserInput) => api.post<CreateUserResult>('/api/users', input),
  update: (id: string, input: UpdateUserInput) => api.patch<User>(`/api/users/${enc(id)}`, input),
  disable: (id: string) => api.post<User>(`/api/users/${enc(id)}/disable`),
  enable: (id: string) => api.post<User>(`/api/users/${enc(id)}/enable`),
};

export const tokensApi = {
  list: (page: PageQuery) => api.get<Page<Token>>('/api/tokens', { ...page }),
  create: (input: CreateTokenInput) => api.post<CreateTokenResult>('/api/tokens', input),
  revoke: (id: string) => api.post<Token>(`/api/tokens/${enc(id)}/revoke`),
};

export interface AuditFilters {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

export const auditApi = {
  list: (filters: AuditFilters & PageQuery) => api.get<Page<AuditEntry>>('/api/audit', { ...filters }),
};

export const jobsApi = {
  list: (query: { state?: JobState | null } & PageQuery) => api.get<Page<Job>>('/api/jobs', { ...query }),
  retry: (id: string) => api.post<Job>(`/api/jobs/${enc(id)}/retry`),
};

export const mailApi = {
  list: (query: { state?: MailState | null } & PageQuery) =>
    api.get<Page<MailMessage>>('/api/mail', { ...query }),
  get: (id: string) => api.get<MailMessageDetail>(`/api/mail/${enc(id)}`),
};

export interface CustomerFilters {
  /** Searches name, code, tax id and contact emails. */
  q?: string;
  /** `active` when not given. */
  status?: CustomerStatus | 'all';
  currency?: string | null;
  tag?: string | null;
  ownerId?: string | null;
}

export type ImportMode = 'preview' | 'apply';

export const customersApi = {
  list: (filters: CustomerFilters & PageQuery) => api.get<Page<Customer>>('/api/customers', { ...filters }),
  get: (id: string) => api.get<Customer>(`/api/customers/${enc(id)}`),
  create: (input: CreateCustomerInput) => api.post<Customer>('/api/customers', input),
  update: (id: string, input: UpdateCustomerInput) => api.patch<Customer>(`/api/customers/${enc(id)}`, input),
  archive: (id: string) => api.post<Customer>(`/api/customers/${enc(id)}/archive`),
  unarchive: (id: string) => api.post<Customer>(`/api/customers/${enc(id)}/unarchive`),
  tags: () => api.get<{ tags: string[] }>('/api/customers/tags'),
  /** The server-side CSV export of the customers matching `filters` (a link target; the server streams it). */
  exportUrl: (filters: CustomerFilters) => buildUrl('/api/customers/export.csv', { ...filters }),
  /** Sends a CSV file: `preview` changes nothing; `apply` imports every line, or none (400) when any is invalid. */
  importCsv: (file: Blob | string, mode: ImportMode, onUploadProgress?: (fraction: number) => void) =>
    upload<ImportResult>('/api/customers/import', {
      query: { mode },
      body: file,
      contentType: 'text/csv',
      ...(onUploadProgress ? { onUploadProgress } : {}),
    }),
  addContact: (id: string, input: ContactInput) =>
    api.post<Contact>(`/api/customers/${enc(id)}/contacts`, input),
  updateContact: (id: string, contactId: string, input: Partial<ContactInput>) =>
    api.patch<Contact>(`/api/customers/${enc(id)}/contacts/${enc(contactId)}`, input),
  removeContact: (id: string, contactId: string) =>
    api.delete<void>(`/api/customers/${enc(id)}/contacts/${enc(contactId)}`),
};

// ── Invoices ─────────────────────────────────────────────────────────────────────────────────────

export interface InvoiceFilters {
  customerId?: string | null;
  kind?: InvoiceKind | null;
  status?: InvoiceStatus | null;
  paymentState?: InvoicePaymentState | null;
  overdue?: 'true' | 'false' | null;
  /** Issued on or after (`YYYY-MM-DD`). */
  from?: string | null;
  to?: string | null;
  currency?: string | null;
  /** Document number (with or without dashes) or RF reference. */
  q?: string;
}

export const invoicesApi = {
  list: (filters: InvoiceFilters & PageQuery) =>
    api.get<Page<InvoiceSummary>>('/api/invoices', { ...filters }),
  get: (id: string) => api.get<Invoice>(`/api/invoices/${enc(id)}`),
  create: (input: CreateDraftInput) => api.post<Invoice>('/api/invoices', input),
  update: (id: string, input: UpdateDraftInput) => api.patch<Invoice>(`/api/invoices/${enc(id)}`, input),
  remove: (id: string) => api.delete<void>(`/api/invoices/${enc(id)}`),
  issue: (id: string, issueDate?: string) =>
    api.post<Invoice>(`/api/invoices/${enc(id)}/issue`, issueDate ? { issueDate } : {}),
  credit: (id: string, input: CreditInput) => api.post<Invoice>(`/api/invoices/${enc(id)}/credit`, input),
  send: (id: string, input: { to?: string[]; cc?: string[] } = {}) =>
    api.post<{ messageId: string; to: string[] }>(`/api/invoices/${enc(id)}/send`, input),
  messages: (id: string) => api.get<{ items: InvoiceMessage[] }>(`/api/invoices/${enc(id)}/messages`),
  /** The archived PDF (a draft: a preview marked DRAFT). */
  pdfUrl: (id: string) => `/api/invoices/${enc(id)}/pdf`,
};

// ── Payments and customer accounts ───────────────────────────────────────────────────────────────

export interface PaymentFilters {
  customerId?: string | null;
  method?: PaymentMethod | null;
  currency?: string | null;
  state?: PaymentAllocationState | null;
  from?: string | null;
  to?: string | null;
  /** Searches reference, payer, cheque number and bank reference. */
  q?: string;
}

export const paymentsApi = {
  list: (filters: PaymentFilters & PageQuery) => api.get<Page<Payment>>('/api/payments', { ...filters }),
  get: (id: string) => api.get<PaymentDetail>(`/api/payments/${enc(id)}`),
  /** Re-sending with the same `idempotencyKey` replays the first answer instead of recording twice. */
  record: (input: RecordPaymentInput, idempotencyKey?: string) =>
    request<PaymentDetail>('POST', '/api/payments', {
      body: input,
      ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
    }),
  allocate: (id: string, input: AllocateInput) =>
    api.post<AllocationResult>(`/api/payments/${enc(id)}/allocations`, input),
  autoAllocate: (id: string, input: { creditRemainder?: boolean; date?: string } = {}) =>
    api.post<AllocationResult>(`/api/payments/${enc(id)}/auto-allocate`, input),
  /** Allocations from a source (a payment, a credit note) or to a target (an invoice). */
  allocations: (query: { sourceId?: string; targetId?: string }) =>
    api.get<{ allocations: Allocation[] }>('/api/allocations', { ...query }),
  reverse: (id: string, input: ReverseInput) =>
    api.post<AllocationResult>(`/api/payments/${enc(id)}/reverse`, input),
};

export const accountsApi = {
  balance: (customerId: string) => api.get<AccountBalance>(`/api/accounts/${enc(customerId)}/balance`),
  ledger: (
    customerId: string,
    query: { currency?: string | null; from?: string | null; to?: string | null } = {},
  ) => api.get<Ledger>(`/api/accounts/${enc(customerId)}/ledger`, { ...query }),
  credit: (customerId: string) => api.get<CreditBalance>(`/api/accounts/${enc(customerId)}/credit`),
};

// ── Reports ──────────────────────────────────────────────────────────────────────────────────────

export interface AgingQuery {
  asOf?: string | null;
  currency?: string | null;
  /** Ascending limits in days past due, e.g. "30,60,90". */
  buckets?: string | null;
}

export const reportsApi = {
  aging: (query: AgingQuery & PageQuery) => api.get<AgingReport>('/api/reports/aging', { ...query }),
  agingDrillDown: (query: AgingQuery & PageQuery & { customerId: string; bucket?: string | null }) =>
    api.get<AgingDrillDown>('/api/reports/aging/invoices', { ...query }),
  agingCsvUrl: (query: AgingQuery) => buildUrl('/api/reports/aging.csv', { ...query }),
  dso: (query: { from: string; to: string; currency?: string | null }) =>
    api.get<DsoReport>('/api/reports/dso', { ...query }),
};

// ── Catalog and stock ────────────────────────────────────────────────────────────────────────────

export interface ProductFilters {
  /** Searches SKU, name and GTIN. */
  q?: string;
  active?: 'true' | 'false' | 'all';
}

export const productsApi = {
  list: (filters: ProductFilters & PageQuery) => api.get<Page<Product>>('/api/products', { ...filters }),
  get: (id: string) => api.get<Product>(`/api/products/${enc(id)}`),
  create: (input: ProductInput) => api.post<Product>('/api/products', input),
  update: (id: string, input: Partial<ProductInput>) => api.patch<Product>(`/api/products/${enc(id)}`, input),
  remove: (id: string) => api.delete<void>(`/api/products/${enc(id)}`),
  /** The server-side CSV export of the products matching `filters` (a link target). */
  exportUrl: (filters: ProductFilters) => buildUrl('/api/products/export.csv', { ...filters }),
  /** `preview` changes nothing; `apply` imports every line, or none (400) when any is invalid. */
  importCsv: (file: Blob | string, mode: ImportMode, onUploadProgress?: (fraction: number) => void) =>
    upload<ProductImportResult>('/api/products/import', {
      query: { mode },
      body: file,
      contentType: 'text/csv',
      ...(onUploadProgress ? { onUploadProgress } : {}),
    }),
};

export const warehousesApi = {
  list: () => api.get<{ items: Warehouse[] }>('/api/warehouses'),
  get: (id: string) => api.get<Warehouse>(`/api/warehouses/${enc(id)}`),
  create: (input: WarehouseInput) => api.post<Warehouse>('/api/warehouses', input),
};

export interface StockLevelFilters {
  productId?: string | null;
  warehouseId?: string | null;
  /** Searches the product SKU, name and GTIN. */
  q?: string;
  /** Only levels with nothing available. */
  short?: 'true' | null;
}

export interface MovementFilters {
  productId?: string | null;
  warehouseId?: string | null;
  kind?: MovementKind | null;
  referenceType?: string | null;
  referenceId?: string | null;
}

export const stockApi = {
  levels: (filters: StockLevelFilters & PageQuery) =>
    api.get<Page<StockLevel>>('/api/stock/levels', { ...filters }),
  /** The ledger, newest first. */
  movements: (filters: MovementFilters & PageQuery) =>
    api.get<Page<Movement>>('/api/stock/movements', { ...filters }),
  receive: (input: ReceiptInput) => api.post<MoveResult>('/api/stock/receipts', input),
  adjust: (input: AdjustmentInput) => api.post<MoveResult>('/api/stock/adjustments', input),
  countsCsvUrl: (query: { warehouseId?: string | null }) => buildUrl('/api/stock/counts.csv', { ...query }),
};

// ── Sales orders ─────────────────────────────────────────────────────────────────────────────────

export interface OrderFilters {
  /** One or more statuses, comma-separated. */
  status?: string | null;
  customerId?: string | null;
  /** Order date on or after (`YYYY-MM-DD`). */
  from?: string | null;
  to?: string | null;
  backordered?: 'true' | null;
}

export const ordersApi = {
  list: (filters: OrderFilters & PageQuery) => api.get<Page<Order>>('/api/orders', { ...filters }),
  get: (id: string) => api.get<Order>(`/api/orders/${enc(id)}`),
  create: (input: CreateOrderInput) => api.post<Order>('/api/orders', input),
  update: (id: string, input: UpdateOrderInput) => api.patch<Order>(`/api/orders/${enc(id)}`, input),
  confirm: (id: string) => api.post<Order>(`/api/orders/${enc(id)}/confirm`),
  cancel: (id: string) => api.post<Order>(`/api/orders/${enc(id)}/cancel`),
  invoice: (id: string, input: InvoiceFromOrderInput) =>
    api.post<{ invoiceId: string; order: Order }>(`/api/orders/${enc(id)}/invoice`, input),
};

// ── Carriers and tracking ────────────────────────────────────────────────────────────────────────

export const carriersApi = {
  list: (query: { active?: 'true' | 'false' | 'all' } = {}) =>
    api.get<{ items: Carrier[] }>('/api/carriers', { ...query }),
  get: (id: string) => api.get<Carrier>(`/api/carriers/${enc(id)}`),
  create: (input: CreateCarrierInput) => api.post<CarrierWithSecret>('/api/carriers', input),
  update: (id: string, input: UpdateCarrierInput) => api.patch<Carrier>(`/api/carriers/${enc(id)}`, input),
  /** Sets the given secret, or generates one; the answer is the only time it is shown. */
  setWebhookSecret: (id: string, secret?: string) =>
    api.post<CarrierWithSecret>(`/api/carriers/${enc(id)}/webhook-secret`, secret ? { secret } : {}),
};

export const trackingApi = {
  ofShipment: (shipmentId: string) => api.get<ShipmentTracking>(`/api/shipments/${enc(shipmentId)}/tracking`),
  addEvent: (shipmentId: string, input: ManualEventInput) =>
    api.post<IngestResult>(`/api/shipments/${enc(shipmentId)}/tracking/events`, input),
  unmatched: (query: { state?: UnmatchedState; carrierId?: string | null; limit?: number } = {}) =>
    api.get<{ items: Unmatched[] }>('/api/tracking/unmatched', { ...query }),
  unmatchedDetail: (id: string) => api.get<UnmatchedDetail>(`/api/tracking/unmatched/${enc(id)}`),
  resolve: (id: string, shipmentId: string) =>
    api.post<IngestResult>(`/api/tracking/unmatched/${enc(id)}/resolve`, { shipmentId }),
  dismiss: (id: string, reason: string) =>
    api.post<{ dismissed: number }>(`/api/tracking/unmatched/${enc(id)}/dismiss`, { reason }),
  /** `preview` changes nothing; `apply` imports every line, or none (400) when any is invalid. */
  importCsv: (file: Blob | string, mode: ImportMode) =>
    upload<TrackingImportResult>('/api/tracking/import', {
      query: { mode },
      body: file,
      contentType: 'text/csv',
    }),
};

// ── Worklist ─────────────────────────────────────────────────────────────────────────────────────

export const worklistApi = {
  list: (filters: WorklistTypes.TaskFilters & PageQuery) =>
    api.get<Page<WorklistTypes.Task>>('/api/worklist/tasks', { ...filters }),
  get: (id: string) => api.get<WorklistTypes.TaskDetail>(`/api/worklist/tasks/${enc(id)}`),
  /** The server-side CSV export of the tasks matching `filters` (a link target). */
  exportUrl: (filters: WorklistTypes.TaskFilters) =>
    buildUrl('/api/worklist/tasks/export.csv', { ...filters }),
  assign: (id: string, input: WorklistTypes.TaskOwnerInput) =>
    api.post<WorklistTypes.Task>(`/api/worklist/tasks/${enc(id)}/assign`, input),
  snooze: (id: string, input: { until: string; reason: string }) =>
    api.post<WorklistTypes.Task>(`/api/worklist/tasks/${enc(id)}/snooze`, input),
  comment: (id: string, body: string) =>
    api.post<WorklistTypes.TaskComment>(`/api/worklist/tasks/${enc(id)}/comments`, { body }),
  done: (id: string, resolution?: string) =>
    api.post<WorklistTypes.Task>(`/api/worklist/tasks/${enc(id)}/done`, resolution ? { resolution } : {}),
  reopen: (id: string) => api.post<WorklistTypes.Task>(`/api/worklist/tasks/${enc(id)}/reopen`),
  bulkAssign: (ids: string[], input: WorklistTypes.TaskOwnerInput) =>
    api.post<{ updated: number }>('/api/worklist/tasks/bulk/assign', { ids, ...input }),
  bulkSnooze: (ids: string[], input: { until: string; reason: string }) =>
    api.post<{ updated: number }>('/api/worklist/tasks/bulk/snooze', { ids, ...input }),
  leads: () =>
    api.get<{ leads: { role: WorklistTypes.Role; userId: string; updatedAt: string }[] }>(
      '/api/worklist/leads',
    ),
  /** Sets (or, with null, clears) the lead of a role: who receives its escalations. */
  setLead: (role: WorklistTypes.Role, userId: string | null) =>
    request<{ leads: { role: WorklistTypes.Role; userId: string; updatedAt: string }[] }>(
      'PUT',
      `/api/worklist/leads/${enc(role)}`,
      { body: { userId } },
    ),
};

export const delaysApi = {
  detail: (entityType: 'order' | 'shipment', id: string) =>
    api.get<WorklistTypes.DelayDetail>(`/api/delays/${entityType}/${enc(id)}`),
  list: (query: { state?: string | null; entityType?: 'order' | 'shipment' | null } & PageQuery) =>
    api.get<Page<WorklistTypes.DelayStateView>>('/api/delays', { ...query }),
};

// ── Shipments ────────────────────────────────────────────────────────────────────────────────────

export interface ShipmentFilters {
  /** One or more statuses, comma-separated. */
  status?: string | null;
  carrierId?: string | null;
  orderId?: string | null;
  customerId?: string | null;
}

export const shipmentsApi = {
  list: (filters: ShipmentFilters & PageQuery) => api.get<Page<Shipment>>('/api/shipments', { ...filters }),
  get: (id: string) => api.get<Shipment>(`/api/shipments/${enc(id)}`),
  create: (input: CreateShipmentInput) => api.post<Shipment>('/api/shipments', input),
  pick: (id: string) => api.post<Shipment>(`/api/shipments/${enc(id)}/pick`),
  pack: (id: string, packages: PackageInput[]) =>
    api.post<Shipment>(`/api/shipments/${enc(id)}/pack`, { packages }),
  ship: (id: string, input: ShipShipmentInput) => api.post<Shipment>(`/api/shipments/${enc(id)}/ship`, input),
  cancel: (id: string, reason: string | null) =>
    api.post<Shipment>(`/api/shipments/${enc(id)}/cancel`, { reason }),
  invoice: (id: string, input: InvoiceFromShipmentInput) =>
    api.post<{ invoiceId: string; shipment: Shipment }>(`/api/shipments/${enc(id)}/invoice`, input),
};

// ── Follow-up: policies and run (engine), promises, snoozes, contact log, customer timeline ─────

export const followupApi = {
  policies: () => api.get<FollowupTypes.FollowupPolicy[]>('/api/followup/policies'),
  policy: (id: string) => api.get<FollowupTypes.FollowupPolicy>(`/api/followup/policies/${enc(id)}`),
  createPolicy: (input: FollowupTypes.PolicyInput) =>
    api.post<FollowupTypes.FollowupPolicy>('/api/followup/policies', input),
  updatePolicy: (id: string, input: FollowupTypes.PolicyInput) =>
    request<FollowupTypes.FollowupPolicy>('PUT', `/api/followup/policies/${enc(id)}`, { body: input }),
  removePolicy: (id: string) => api.delete<void>(`/api/followup/policies/${enc(id)}`),
  /** What the next run would do (nothing is written). */
  preview: (query: { asOf?: string | null; customerId?: string | null } = {}) =>
    api.get<FollowupTypes.FollowupRunResult>('/api/followup/preview', { ...query }),
  run: (input: { asOf?: string; dryRun?: boolean; customerId?: string } = {}) =>
    api.post<FollowupTypes.FollowupRunResult>('/api/followup/run', input),
  items: (query: { invoiceId?: string; customerId?: string }) =>
    api.get<FollowupTypes.FollowupItem[]>('/api/followup/items', { ...query }),
  pauses: (query: { invoiceId?: string; customerId?: string; active?: 'true' }) =>
    api.get<FollowupTypes.FollowupPause[]>('/api/followup/pauses', { ...query }),
  customerSettings: (customerId: string) =>
    api.get<FollowupTypes.CustomerFollowupSettings>(`/api/followup/customers/${enc(customerId)}/settings`),
  setCustomerSettings: (
    customerId: string,
    input: { policyId: string | null; excluded: boolean; exclusionReason?: string | null },
  ) =>
    request<FollowupTypes.CustomerFollowupSettings>(
      'PUT',
      `/api/followup/customers/${enc(customerId)}/settings`,
      { body: input },
    ),
};

export interface PromiseFilters {
  status?: FollowupTypes.PromiseStatus | null;
  customerId?: string | null;
  invoiceId?: string | null;
}

export const promisesApi = {
  list: (filters: PromiseFilters & PageQuery) =>
    api.get<Page<FollowupTypes.PromiseToPay>>('/api/promises', { ...filters }),
  get: (id: string) => api.get<FollowupTypes.PromiseToPay>(`/api/promises/${enc(id)}`),
  record: (input: FollowupTypes.RecordPromiseInput) =>
    api.post<FollowupTypes.PromiseToPay>('/api/promises', input),
  cancel: (id: string, reason: string) =>
    api.post<FollowupTypes.PromiseToPay>(`/api/promises/${enc(id)}/cancel`, { reason }),
};

export const snoozesApi = {
  list: (
    filters: { invoiceId?: string | null; customerId?: string | null; active?: 'true' | null } & PageQuery,
  ) => api.get<Page<FollowupTypes.Snooze>>('/api/snoozes', { ...filters }),
  snooze: (invoiceId: string, input: { reason: string; until: string }) =>
    api.post<FollowupTypes.Snooze>(`/api/invoices/${enc(invoiceId)}/snooze`, input),
  end: (id: string, reason?: string) =>
    api.post<FollowupTypes.Snooze>(`/api/snoozes/${enc(id)}/end`, reason ? { reason } : {}),
};

export const contactLogApi = {
  log: (customerId: string, input: FollowupTypes.LogNoteInput) =>
    api.post<FollowupTypes.ContactNote>(`/api/customers/${enc(customerId)}/notes`, input),
};

export const timelineApi = {
  list: (customerId: string, query: { kinds?: string | null } & PageQuery) =>
    api.get<Page<FollowupTypes.TimelineEntry>>(`/api/customers/${enc(customerId)}/timeline`, { ...query }),
  csvUrl: (customerId: string, query: { kinds?: string | null } = {}) =>
    buildUrl(`/api/customers/${enc(customerId)}/timeline.csv`, { ...query }),
};

// ── Credit holds and disputes ─────────────────────────────────────────────────────────────────────

export const creditApi = {
  ofCustomer: (customerId: string) =>
    api.get<CreditTypes.CustomerHolds>(`/api/customers/${enc(customerId)}/holds`),
  place: (customerId: string, reason: string) =>
    api.post<CreditTypes.Hold>(`/api/customers/${enc(customerId)}/holds`, { reason }),
  release: (holdId: string, reason: string) =>
    api.post<CreditTypes.Hold>(`/api/holds/${enc(holdId)}/release`, { reason }),
  list: (query: { cause?: CreditTypes.HoldCause | null } & PageQuery) =>
    api.get<Page<CreditTypes.HeldCustomer>>('/api/holds', { ...query }),
  settings: () => api.get<{ items: CreditTypes.CreditSetting[] }>('/api/credit/settings'),
  saveSetting: (currency: string, input: { overdueThreshold: number; overdueAfterDays: number }) =>
    request<CreditTypes.CreditSetting>('PUT', `/api/credit/settings/${enc(currency)}`, { body: input }),
  deleteSetting: (currency: string) => api.delete<void>(`/api/credit/settings/${enc(currency)}`),
};

export interface DisputeFilters {
  customerId?: string | null;
  invoiceId?: string | null;
  status?: CreditTypes.DisputeStatus | null;
  open?: 'true' | null;
  reason?: CreditTypes.DisputeReason | null;
}

export const disputesApi = {
  list: (filters: DisputeFilters & PageQuery) =>
    api.get<Page<CreditTypes.Dispute>>('/api/disputes', { ...filters }),
  get: (id: string) => api.get<CreditTypes.DisputeDetail>(`/api/disputes/${enc(id)}`),
  open: (input: CreditTypes.OpenDisputeInput) => api.post<CreditTypes.DisputeDetail>('/api/disputes', input),
  update: (id: string, input: { ownerUserId?: string | null; deadline?: string | null }) =>
    api.patch<CreditTypes.DisputeDetail>(`/api/disputes/${enc(id)}`, input),
  comment: (id: string, body: string) =>
    api.post<CreditTypes.DisputeDetail>(`/api/disputes/${enc(id)}/comments`, { body }),
  investigate: (id: string, note?: string) =>
    api.post<CreditTypes.DisputeDetail>(`/api/disputes/${enc(id)}/status`, {
      status: 'investigating',
      ...(note ? { note } : {}),
    }),
  resolve: (id: string, input: CreditTypes.ResolveDisputeInput) =>
    api.post<CreditTypes.DisputeDetail>(`/api/disputes/${enc(id)}/resolve`, input),
  attach: (id: string, file: File, onUploadProgress?: (fraction: number) => void) =>
    upload<CreditTypes.DisputeAttachment>(`/api/disputes/${enc(id)}/attachments`, {
      query: { filename: file.name },
      body: file,
      contentType: file.type || 'application/octet-stream',
      ...(onUploadProgress ? { onUploadProgress } : {}),
    }),
  attachmentUrl: (id: string, attachmentId: string) =>
    `/api/disputes/${enc(id)}/attachments/${enc(attachmentId)}`,
};
