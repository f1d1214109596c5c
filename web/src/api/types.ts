/** Shapes of the Duely HTTP API (see DESIGN.md and the API contract). */

export const ROLES = ['admin', 'finance', 'sales', 'logistics', 'support', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  status: 'active' | 'disabled';
  createdAt: string;
  lastSignInAt: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Meta {
  version: string;
  roles: string[];
  timezone: string;
  baseCurrency: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CreateUserInput {
  email: string;
  name: string;
  roles: Role[];
  password?: string;
}

export interface CreateUserResult {
  user: User;
  initialPassword?: string;
}

export interface UpdateUserInput {
  name?: string;
  roles?: Role[];
}

export interface Token {
  id: string;
  name: string;
  prefix: string;
  roles: Role[];
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateTokenInput {
  name: string;
  roles: Role[];
  /** Business date `YYYY-MM-DD`. */
  expiresAt?: string;
}

export interface CreateTokenResult {
  token: Token;
  secret: string;
}

export type ActorType = 'user' | 'token' | 'system' | 'anonymous';

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}

export const JOB_STATES = ['queued', 'running', 'done', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Job {
  id: string;
  name: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  dedupeKey: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const MAIL_STATES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'held'] as const;
export type MailState = (typeof MAIL_STATES)[number];

export interface MailMessage {
  id: string;
  to: string[];
  subject: string;
  state: MailState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface MailEvent {
  at: string;
  event: string;
  detail: string | null;
}

export interface MailMessageDetail extends MailMessage {
  events: MailEvent[];
}

/** One entry of an RFC 9457 problem's `errors` array. */
export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

// ── Customers ────────────────────────────────────────────────────────────────────────────────────

export const CUSTOMER_STATUSES = ['active', 'archived'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export interface Address {
  line1: string;
  line2: string | null;
  postalCode: string | null;
  city: string;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface EarlyDiscount {
  percent: number;
  days: number;
}

export interface InstalmentPart {
  days: number;
  percent: number;
}

/** How an invoice's due date(s) follow from its date (see the customers module's rules). */
export type PaymentTerms =
  | { kind: 'net'; days: number; earlyDiscount?: EarlyDiscount }
  | { kind: 'end_of_month'; days: number; earlyDiscount?: EarlyDiscount }
  | { kind: 'instalments'; parts: InstalmentPart[]; earlyDiscount?: EarlyDiscount };

export interface Contact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Role or job title. */
  role: string | null;
  receivesInvoices: boolean;
  receivesReminders: boolean;
}

export type ContactInput = Omit<Contact, 'id'>;

export interface Customer {
  id: string;
  code: string;
  legalName: string;
  status: CustomerStatus;
  billingAddress: Address;
  /** null: ship to the billing address. */
  shippingAddress: Address | null;
  language: string;
  currency: string;
  paymentTerms: PaymentTerms;
  /** Minor units of the customer's currency; null: no limit. */
  creditLimit: number | null;
  taxId: string | null;
  tags: string[];
  notes: string | null;
  /** A user with the sales role. */
  ownerId: string | null;
  contacts: Contact[];
  createdAt: string;
  updatedAt: string;
}

/** The fields of a customer that create and update accept (update: only those given). */
export interface CustomerFields {
  code?: string;
  legalName: string;
  billingAddress: Address;
  shippingAddress?: Address | null;
  language?: string;
  currency?: string;
  paymentTerms?: PaymentTerms;
  creditLimit?: number | null;
  taxId?: string | null;
  tags?: string[];
  notes?: string | null;
  ownerId?: string | null;
}

export interface CreateCustomerInput extends CustomerFields {
  contacts?: ContactInput[];
}

export type UpdateCustomerInput = Partial<CustomerFields>;

export const IMPORT_ACTIONS = ['create', 'update', 'unchanged', 'invalid'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export interface ImportLine {
  line: number;
  code: string | null;
  legalName: string | null;
  action: ImportAction;
  /** The fields an update changes. */
  changes: string[];
  errors: { field: string | null; message: string }[];
  customerId?: string;
}

export interface ImportLineError {
  line: number;
  field: string | null;
  message: string;
}

export interface ImportResult {
  mode: 'preview' | 'apply';
  valid: boolean;
  counts: { lines: number; create: number; update: number; unchanged: number; invalid: number };
  lines: ImportLine[];
  /** Every error of the file, by line (also those of lines that could not be read, e.g. a bad header). */
  errors: ImportLineError[];
}

// ── Invoices and credit notes ────────────────────────────────────────────────────────────────────

export const TAX_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export const INVOICE_STATUSES = ['draft', 'issued', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const PAYMENT_STATES = ['unpaid', 'partially_paid', 'paid'] as const;
export type InvoicePaymentState = (typeof PAYMENT_STATES)[number];
export type InvoiceKind = 'invoice' | 'credit_note';

/** A line as the API takes it: decimals travel as strings ("12.5"). */
export interface InvoiceLineInput {
  description: string;
  itemCode?: string | null;
  quantity: string;
  unit?: string;
  unitPrice: string;
  discountPercent?: string;
  taxCategory: TaxCategory;
  taxRate?: string;
  exemptionReason?: string | null;
  exemptionReasonCode?: string | null;
}

export interface InvoiceLine {
  id: string;
  position: number;
  description: string;
  itemCode: string | null;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  taxCategory: string;
  taxRate: string;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
  /** Minor units, rounded per line. */
  netAmount: number;
}

export interface TaxRow {
  category: string;
  rate: string;
  taxableAmount: number;
  taxAmount: number;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
}

export interface InvoiceSummary {
  id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  number: string | null;
  customerId: string;
  /** From the buyer snapshot once issued. */
  customerName: string | null;
  currency: string;
  language: string;
  issueDate: string | null;
  dueDate: string | null;
  netTotal: number;
  taxTotal: number;
  grossTotal: number;
  openAmount: number;
  paidAmount: number;
  paymentState: InvoicePaymentState | null;
  overdue: boolean;
  daysOverdue: number;
  rfReference: string | null;
  relatedInvoiceId: string | null;
  issuedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartySnapshot {
  name?: string;
  legalName?: string;
  customerCode?: string;
  address?: string[];
  vatId?: string | null;
}

export interface Invoice extends InvoiceSummary {
  paymentTerms: PaymentTerms | null;
  instalments: { number: number; dueDate: string; amount: number }[] | null;
  earlyDiscount: {
    deadline: string;
    percent: string;
    discountAmount: number;
    discountedAmount: number;
  } | null;
  buyer: PartySnapshot | null;
  seller: PartySnapshot | null;
  purchaseOrder: string | null;
  orderReference: string | null;
  notes: string | null;
  pdf: { documentId: string; sha256: string } | null;
  voidedAt: string | null;
  lines: InvoiceLine[];
  taxBreakdown: TaxRow[];
  settlements: { allocationId: string; date: string; amount: number }[];
}

export interface CreateDraftInput {
  kind?: InvoiceKind;
  customerId: string;
  currency?: string;
  language?: string;
  issueDate?: string | null;
  relatedInvoiceId?: string | null;
  purchaseOrder?: string | null;
  orderReference?: string | null;
  notes?: string | null;
  lines?: InvoiceLineInput[];
  copyFrom?: string;
  fromTemplate?: boolean;
}

export type UpdateDraftInput = Partial<Omit<CreateDraftInput, 'kind' | 'copyFrom' | 'fromTemplate'>>;

export interface CreditInput {
  mode: 'full' | 'partial';
  issueDate?: string;
  notes?: string | null;
  lines?: InvoiceLineInput[];
}

export interface InvoiceMessage extends MailMessageDetail {
  cc: string[];
  attachments: { filename: string; contentType: string; size: number }[];
}

// ── Payments, allocations, accounts ──────────────────────────────────────────────────────────────

export const PAYMENT_METHODS = ['bank_transfer', 'cheque', 'card', 'online', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_ALLOCATION_STATES = ['applied', 'partially_applied', 'unapplied', 'reversed'] as const;
export type PaymentAllocationState = (typeof PAYMENT_ALLOCATION_STATES)[number];

export interface Payment {
  id: string;
  customerId: string;
  method: PaymentMethod;
  amount: number;
  currency: string;
  appliedAmount: number;
  unappliedAmount: number;
  status: 'received' | 'reversed';
  state: PaymentAllocationState;
  receivedDate: string;
  reference: string | null;
  notes: string | null;
  payerName: string | null;
  payerIban: string | null;
  bankReference: string | null;
  valueDate: string | null;
  chequeNumber: string | null;
  draweeBank: string | null;
  depositDate: string | null;
  providerReference: string | null;
  receiptNumber: string | null;
  reversal: { date: string; reason: string; at: string } | null;
  createdAt: string;
  createdBy: string | null;
}

export interface Allocation {
  id: string;
  customerId: string;
  sourceType: 'payment' | 'credit_note' | 'customer_credit' | 'write_off';
  sourceId: string;
  targetType: 'invoice' | 'refund' | 'write_off' | 'customer_credit';
  targetId: string;
  amount: number;
  currency: string;
  date: string;
  reversesId: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface PaymentDetail extends Payment {
  allocations: Allocation[];
}

interface PaymentCommon {
  customerId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  receivedDate: string;
  reference?: string | null;
  notes?: string | null;
  autoAllocate?: boolean;
}

export type RecordPaymentInput = PaymentCommon &
  (
    | {
        method: 'bank_transfer';
        payerName?: string | null;
        payerIban?: string | null;
        bankReference?: string | null;
        valueDate?: string | null;
      }
    | { method: 'cheque'; chequeNumber: string; draweeBank?: string | null; depositDate?: string | null }
    | { method: 'card' | 'online'; providerReference?: string | null }
    | { method: 'cash'; receiptNumber?: string | null }
  );

export interface AllocateInput {
  allocations: { invoiceId: string; amount: number }[];
  creditRemainder?: boolean;
  date?: string;
}

export interface AllocationResult {
  payment: Payment;
  allocations: Allocation[];
  matchedBy?: 'manual' | 'reference' | 'oldest_due';
}

export interface ReverseInput {
  reason: string;
  date?: string;
  fee?: { amount: number; description?: string | null };
}

export interface AccountBalance {
  customerId: string;
  currencies: {
    currency: string;
    openInvoices: number;
    openCreditNotes: number;
    unappliedPayments: number;
    customerCredit: number;
    openCharges: number;
    balance: number;
  }[];
}

export const LEDGER_KINDS = [
  'invoice',
  'credit_note',
  'payment',
  'payment_reversal',
  'refund',
  'write_off',
  'fee',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface Ledger {
  customerId: string;
  currency: string | null;
  from: string | null;
  to: string | null;
  openingBalance: number | null;
  closingBalance: number | null;
  lines: {
    date: string;
    kind: LedgerKind;
    id: string;
    reference: string | null;
    description: string;
    currency: string;
    amount: number;
    balance: number;
  }[];
}

export interface CreditBalance {
  customerId: string;
  totals: { currency: string; amount: number }[];
  credits: {
    id: string;
    currency: string;
    originType: string;
    originId: string;
    amount: number;
    remainingAmount: number;
    date: string;
  }[];
}

// ── Reports ──────────────────────────────────────────────────────────────────────────────────────

export interface AgingBucket {
  key: string;
  label: string;
  fromDays: number | null;
  toDays: number | null;
}

export interface AgingAmounts {
  currency: string;
  /** One amount per bucket, in the order of the report's `buckets`. */
  buckets: number[];
  total: number;
  overdue: number;
  /** Unused credit of credit notes (negative); not in the buckets. */
  unappliedCredit: number;
  balance: number;
}

export interface AgingCustomer extends AgingAmounts {
  customerId: string;
  customerCode: string | null;
  customerName: string | null;
}

export interface AgingReport {
  asOf: string;
  buckets: AgingBucket[];
  currencies: (AgingAmounts & { customers: number })[];
  customers: Page<AgingCustomer>;
}

export interface AgingDrillDown {
  asOf: string;
  customer: { id: string; code: string; name: string };
  bucket: AgingBucket | null;
  items: {
    id: string;
    kind: InvoiceKind;
    number: string;
    currency: string;
    issueDate: string;
    dueDate: string;
    grossTotal: number;
    openAmount: number;
    daysOverdue: number;
    bucket: string | null;
  }[];
  nextCursor: string | null;
}

export interface DsoReport {
  from: string;
  to: string;
  days: number;
  definition: string;
  currencies: {
    currency: string;
    receivables: number;
    invoiced: number;
    credited: number;
    netSales: number;
    dso: number | null;
  }[];
}

// ── Catalog and stock ────────────────────────────────────────────────────────────────────────────

export interface Dimensions {
  length: number;
  width: number;
  height: number;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  gtin: string | null;
  unit: string;
  weightGrams: number | null;
  dimensionsMm: Dimensions | null;
  hsCode: string | null;
  countryOfOrigin: string | null;
  /** Minor units of the currency. */
  price: { amount: number; currency: string } | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProductInput {
  sku: string;
  name: string;
  gtin?: string | null;
  unit?: string;
  weightGrams?: number | null;
  dimensionsMm?: Dimensions | null;
  hsCode?: string | null;
  countryOfOrigin?: string | null;
  price?: { amount: number; currency: string } | null;
  active?: boolean;
}

export interface WarehouseAddress {
  line1: string;
  line2: string | null;
  postalCode: string | null;
  city: string;
  region: string | null;
  country: string;
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  address: WarehouseAddress;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WarehouseInput {
  code: string;
  name: string;
  address: Partial<WarehouseAddress> & { line1: string; city: string; country: string };
  active?: boolean;
}

export interface StockLevel {
  productId: string;
  sku: string;
  productName: string;
  warehouseId: string;
  warehouseCode: string;
  onHand: number;
  reserved: number;
  available: number;
}

export const MOVEMENT_KINDS = [
  'receipt',
  'reservation',
  'release',
  'dispatch',
  'return',
  'adjustment',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface StockReference {
  type: string;
  id: string;
}

export interface Movement {
  id: string;
  productId: string;
  warehouseId: string;
  kind: MovementKind;
  /** Signed by its effect on on hand (or, for reservations, on reserved). */
  quantity: number;
  onHandDelta: number;
  reservedDelta: number;
  reason: string | null;
  reference: StockReference | null;
  override: boolean;
  actorType: string;
  actorId: string | null;
  createdAt: string;
}

export interface ReceiptInput {
  productId: string;
  warehouseId: string;
  quantity: number;
  reference?: StockReference | null;
}

export interface AdjustmentInput {
  productId: string;
  warehouseId: string;
  /** Signed: + adds to on hand, − removes. */
  quantity: number;
  reason: string;
  override?: boolean;
  reference?: StockReference | null;
}

export interface MoveResult {
  movement: Movement;
  level: { onHand: number; reserved: number; available: number };
}

export interface ProductImportLine {
  line: number;
  sku: string | null;
  name: string | null;
  action: ImportAction;
  changes: string[];
  errors: { field: string | null; message: string }[];
  productId?: string;
}

export interface ProductImportResult {
  mode: 'preview' | 'apply';
  valid: boolean;
  counts: { lines: number; create: number; update: number; unchanged: number; invalid: number };
  lines: ProductImportLine[];
  errors: ImportLineError[];
}

// ── Sales orders ─────────────────────────────────────────────────────────────────────────────────

export const ORDER_STATUSES = [
  'draft',
  'confirmed',
  'partially_shipped',
  'shipped',
  'delivered',
  'closed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Incoterms 2020 (the server's list). */
export const INCOTERMS = [
  'EXW',
  'FCA',
  'CPT',
  'CIP',
  'DAP',
  'DPU',
  'DDP',
  'FAS',
  'FOB',
  'CFR',
  'CIF',
] as const;

export interface OrderLine {
  id: string;
  position: number;
  productId: string;
  sku: string;
  description: string;
  unit: string;
  warehouseId: string;
  unitPrice: { amount: number; currency: string };
  lineTotal: { amount: number; currency: string };
  ordered: number;
  /** Units held in stock for this line. */
  reserved: number;
  shipped: number;
  /** Units that could not be reserved at confirmation. */
  backordered: number;
  /** ordered − shipped. */
  open: number;
}

export interface Order {
  id: string;
  /** SO-YYYY-NNNNNN, given at confirmation; null while a draft. */
  number: string | null;
  status: OrderStatus;
  customerId: string;
  orderDate: string;
  currency: string | null;
  netTotal: number;
  shippingAddress: Address;
  requestedDeliveryDate: string | null;
  promisedShipDate: string | null;
  incoterm: string | null;
  incotermPlace: string | null;
  customerReference: string | null;
  notes: string | null;
  invoiceId: string | null;
  backordered: boolean;
  confirmedAt: string | null;
  firstShippedAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  lines: OrderLine[];
}

export interface OrderLineInput {
  productId?: string;
  sku?: string;
  warehouseId: string;
  quantity: number;
}

export interface OrderFieldsInput {
  shippingAddress?: Address | null;
  requestedDeliveryDate?: string | null;
  promisedShipDate?: string | null;
  incoterm?: string | null;
  incotermPlace?: string | null;
  customerReference?: string | null;
  notes?: string | null;
}

export interface CreateOrderInput extends OrderFieldsInput {
  customerId: string;
  lines?: OrderLineInput[];
}

export interface UpdateOrderInput extends OrderFieldsInput {
  customerId?: string;
  /** Replaces all lines. */
  lines?: OrderLineInput[];
}

export interface InvoiceFromOrderInput {
  taxCategory?: TaxCategory;
  /** Percent, e.g. "20"; required for category S. */
  taxRate?: string;
}

// ── Carriers and tracking ────────────────────────────────────────────────────────────────────────

export const TRACKING_FORMATS = ['duely', 'aftership', 'easypost'] as const;
export type TrackingFormat = (typeof TRACKING_FORMATS)[number];

export interface Carrier {
  id: string;
  code: string;
  name: string;
  scac: string | null;
  /** Contains `{trackingNumber}`. */
  trackingUrlTemplate: string | null;
  webhookFormat: TrackingFormat;
  webhookSecretSet: boolean;
  /** Where this carrier (or its tracking service) posts its updates. */
  webhookUrl: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateCarrierInput {
  code: string;
  name: string;
  scac?: string | null;
  trackingUrlTemplate?: string | null;
  webhookFormat?: TrackingFormat;
  /** Omit to have Duely generate one (returned once). */
  webhookSecret?: string;
  active?: boolean;
}

export type UpdateCarrierInput = Partial<Omit<CreateCarrierInput, 'code' | 'webhookSecret'>>;

/** The answer of the calls that set or generate a webhook secret: the only time it is shown. */
export interface CarrierWithSecret {
  carrier: Carrier;
  webhookSecret: string;
}

/** Carrier tracking status (DESIGN.md §4). */
export const TRACKING_STATUSES = [
  'pending',
  'info_received',
  'in_transit',
  'out_for_delivery',
  'attempt_fail',
  'available_for_pickup',
  'delivered',
  'exception',
  'expired',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export interface TrackingState {
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
  lastEventAt: string | null;
  /** The carrier's latest delivery estimate. */
  eta: string | null;
  deliveredAt: string | null;
  /** Some event carried a carrier code Duely does not know (kept raw, to review). */
  flagged: boolean;
  flaggedEvents: number;
  events: number;
}

export type TrackingSource = 'webhook' | 'csv' | 'manual' | 'unmatched';

export interface TrackingEvent {
  id: string;
  carrierId: string;
  eventId: string;
  trackingNumber: string;
  /** The carrier's event time (UTC). */
  occurredAt: string;
  receivedAt: string;
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
  location: string | null;
  eta: string | null;
  flagged: boolean;
  rawCode: string;
  rawText: string;
  format: string;
  source: TrackingSource;
}

export interface TrackingNotification {
  key: string;
  status: string;
  substatus: string | null;
  eventId: string | null;
  /** pending: to be mailed right after the webhook that caused it. */
  outcome: 'pending' | 'queued' | 'superseded' | 'not_mailed' | 'no_recipient';
  mailId: string | null;
  createdAt: string;
}

export interface ShipmentTracking {
  shipmentId: string;
  state: TrackingState;
  /** Oldest first, by carrier time. */
  events: TrackingEvent[];
  notifications: TrackingNotification[];
}

export interface IngestResult {
  received: number;
  applied: number;
  duplicates: number;
  unmatched: number;
  flagged: number;
}

export interface ManualEventInput {
  /** ISO 8601 with a zone offset or Z. */
  occurredAt: string;
  status: TrackingStatus;
  substatus?: string | null;
  reason?: string | null;
  location?: string | null;
  eta?: string | null;
  trackingNumber?: string;
  eventId?: string;
  note?: string;
}

export type UnmatchedState = 'open' | 'resolved' | 'dismissed';

export interface Unmatched {
  /** Names the (carrier, tracking number) group. */
  id: string;
  carrierId: string;
  carrierCode: string | null;
  trackingNumber: string;
  state: UnmatchedState;
  events: number;
  firstReceivedAt: string;
  lastReceivedAt: string;
  lastOccurredAt: string;
}

export interface UnmatchedEvent {
  id: string;
  eventId: string;
  occurredAt: string;
  receivedAt: string;
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
  location: string | null;
  flagged: boolean;
  rawCode: string;
  rawText: string;
  source: string;
}

export interface UnmatchedDetail extends Unmatched {
  shipmentId: string | null;
  note: string | null;
  items: UnmatchedEvent[];
}

export type TrackingImportAction = 'apply' | 'duplicate' | 'unmatched' | 'invalid';

export interface TrackingImportResult {
  mode: 'preview' | 'apply';
  valid: boolean;
  counts: { lines: number; apply: number; duplicate: number; unmatched: number; invalid: number };
  lines: {
    line: number;
    carrier: string | null;
    trackingNumber: string | null;
    eventId: string | null;
    occurredAt: string | null;
    status: string | null;
    substatus: string | null;
    flagged: boolean;
    shipmentId: string | null;
    action: TrackingImportAction;
    errors: { field: string | null; message: string }[];
  }[];
  errors: ImportLineError[];
}

// ── Shipments ────────────────────────────────────────────────────────────────────────────────────

export const SHIPMENT_STATUSES = [
  'draft',
  'picked',
  'packed',
  'shipped',
  'delivered',
  'returned',
  'lost',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const PACKAGING_TYPES = ['carton', 'pallet', 'envelope', 'crate', 'drum', 'bag', 'tube'] as const;
export type PackagingType = (typeof PACKAGING_TYPES)[number];

export const FREIGHT_TERMS = ['prepaid', 'collect', 'third_party'] as const;
export type FreightTerms = (typeof FREIGHT_TERMS)[number];

export interface ShipmentLine {
  id: string;
  position: number;
  orderLineId: string;
  productId: string;
  sku: string;
  description: string;
  unit: string;
  quantity: number;
}

export interface ShipmentPackage {
  id: string;
  sequence: number;
  /** SSCC-18 (GS1, with check digit). */
  sscc: string;
  /** Human-readable form, e.g. (00) 0 0614141 000000001 7. */
  ssccText: string;
  packaging: string;
  weightGrams: number;
  dimensionsMm: Dimensions | null;
  contents: { shipmentLineId: string; quantity: number }[];
}

export interface ShipmentTrackingNumber {
  carrierId: string;
  trackingNumber: string;
  /** From the carrier's tracking URL template. */
  url: string | null;
}

export type ShipmentDocumentKind =
  | 'pick_list'
  | 'packing_list'
  | 'label_pdf'
  | 'label_zpl'
  | 'bill_of_lading';

export interface ShipmentDocument {
  id: string;
  kind: ShipmentDocumentKind;
  packageId: string | null;
  filename: string;
  contentType: string;
  sha256: string;
  createdAt: string;
  /** Download (inline; add ?download=1 for an attachment). */
  url: string;
}

export interface Shipment {
  id: string;
  /** SHP-YYYY-NNNNNN. */
  number: string;
  kind: 'regular' | 'replacement';
  status: ShipmentStatus;
  orderId: string;
  orderNumber: string | null;
  customerId: string;
  customerName: string | null;
  warehouseId: string;
  carrier: { id: string; code: string; name: string; scac: string | null } | null;
  service: string | null;
  proNumber: string | null;
  freightTerms: string | null;
  replacementFor: string | null;
  replacementReason: string | null;
  disputeId: string | null;
  invoiceId: string | null;
  shipTo: Address;
  pickedAt: string | null;
  packedAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  returnedAt: string | null;
  lostAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  lines: ShipmentLine[];
  packages: ShipmentPackage[];
  trackingNumbers: ShipmentTrackingNumber[];
  documents: ShipmentDocument[];
}

export interface ShipmentLineInput {
  orderLineId: string;
  quantity: number;
}

export interface CreateShipmentInput {
  orderId: string;
  /** Default: every open line, for what is not already on another open shipment. */
  lines?: ShipmentLineInput[];
}

export interface PackageInput {
  packaging?: PackagingType;
  weightGrams: number;
  dimensionsMm?: Dimensions | null;
  /** Which shipment lines are in the package; may be left out when there is one package. */
  contents?: { shipmentLineId: string; quantity: number }[];
}

export interface ShipShipmentInput {
  carrierId: string;
  service: string;
  trackingNumbers: string[];
  proNumber?: string | null;
  freightTerms?: FreightTerms;
  /** Ship despite a credit hold (needs the permission; audited). */
  override?: { reason: string } | null;
}

export interface InvoiceFromShipmentInput {
  taxCategory?: TaxCategory;
  taxRate?: string;
}

// ── Worklist ─────────────────────────────────────────────────────────────────────────────────────

export type Department = 'finance' | 'logistics' | 'sales' | 'customer_service';
export type TaskPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TaskStatus = 'open' | 'done' | 'closed';

export interface Task {
  id: string;
  dedupeKey: string;
  kind: string;
  department: Department;
  title: string;
  reason: string;
  recordType: string;
  recordId: string;
  customerId: string | null;
  ownerRole: Role | null;
  ownerUserId: string | null;
  priority: TaskPriority;
  dueDate: string | null;
  snoozedUntil: string | null;
  snoozeReason: string | null;
  status: TaskStatus;
  resolution: string | null;
  escalatedAt: string | null;
  escalatedTo: string[];
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
  doneBy: string | null;
}

export interface TaskComment {
  id: string;
  taskId: string;
  authorId: string | null;
  authorLabel: string | null;
  body: string;
  createdAt: string;
}

export interface TaskDetail extends Task {
  comments: TaskComment[];
}

export interface TaskFilters {
  status?: string | null;
  department?: Department | null;
  kind?: string | null;
  ownerRole?: Role | null;
  ownerUserId?: string | null;
  mine?: 'true' | null;
  due?: 'today' | 'overdue' | null;
  snoozed?: 'hide' | 'only' | 'include' | null;
}

export interface TaskOwnerInput {
  ownerUserId?: string | null;
  ownerRole?: Role | null;
}

export type DelayState = 'on_time' | 'at_risk' | 'late' | 'stalled';

export interface DelayStateView {
  entityType: 'order' | 'shipment';
  entityId: string;
  orderId: string | null;
  customerId: string | null;
  number: string | null;
  state: DelayState;
  reasons: string[];
  expectedDate: string | null;
  dueDate: string | null;
  open: boolean;
  evaluatedAt: string;
  changedAt: string;
}

export interface DelayDetail {
  state: DelayStateView | null;
  notices: {
    state: DelayState;
    expectedDate: string | null;
    messageId: string | null;
    outcome: string;
    createdAt: string;
  }[];
}

// ── Follow-up: policies, run preview, promises, snoozes, contact log, customer timeline ──────────

export const FOLLOWUP_TONES = ['friendly', 'firm', 'final'] as const;
export type FollowupTone = (typeof FOLLOWUP_TONES)[number];
export const TEMPLATE_LANGUAGES = ['en', 'fr'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export interface MessageTemplate {
  subject: string;
  body: string;
}

export type FollowupActionInput =
  | { type: 'reminder'; templates?: Partial<Record<TemplateLanguage, MessageTemplate>> }
  | { type: 'task'; department: string; role?: Role | null; title: string; priority?: string }
  | {
      type: 'late_fee';
      mode: 'fixed' | 'percent';
      amount?: number | null;
      currency?: string | null;
      percent?: string | null;
      description?: string;
    }
  | { type: 'interest'; annualRatePercent: string; description?: string }
  | { type: 'credit_hold'; reason?: string };

export interface PolicyStepInput {
  name: string;
  offsetDays: number;
  tone: FollowupTone;
  actions: FollowupActionInput[];
}

export interface PolicyInput {
  name: string;
  description?: string | null;
  isDefault?: boolean;
  steps: PolicyStepInput[];
}

export interface FollowupPolicy {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  steps: (PolicyStepInput & { id: string; position: number })[];
  createdAt: string;
  updatedAt: string;
}

export interface PlannedFollowupAction {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  stepPosition: number;
  stepName: string;
  tone: FollowupTone;
  kind: 'reminder' | 'task' | 'late_fee' | 'interest' | 'credit_hold';
  description: string;
  amount: number | null;
  currency: string | null;
  skippedSteps: number[];
}

export interface FollowupRunResult {
  asOf: string;
  dryRun: boolean;
  itemsDue: number;
  itemsClaimed: number;
  itemsClosed: number;
  messages: number;
  fees: number;
  tasks: number;
  holds: number;
  skipped: number;
  actions: PlannedFollowupAction[];
  emails: {
    customerId: string;
    to: string[];
    subject: string;
    invoiceNumbers: string[];
    messageId: string | null;
  }[];
  failures: { customerId: string; message: string }[];
}

/** An invoice's follow-up state (the engine's item). */
export interface FollowupItem {
  invoiceId: string;
  customerId: string;
  currency: string;
  dueDate: string;
  kind: 'invoice' | 'fee';
  policyId: string | null;
  currentStep: number;
  nextDate: string | null;
  lastRunOn: string | null;
  closedAt: string | null;
  closedReason: string | null;
  paused: boolean;
}

/** A customer's follow-up policy (null: the default) and exclusion. */
export interface CustomerFollowupSettings {
  customerId: string;
  policyId: string | null;
  effectivePolicyId: string | null;
  excluded: boolean;
  exclusionReason: string | null;
  updatedAt: string | null;
}

export type PauseKind = 'dispute' | 'promise' | 'payment_processing' | 'snooze';

export interface FollowupPause {
  id: string;
  invoiceId: string;
  customerId: string;
  kind: PauseKind;
  sourceId: string;
  reason: string;
  amount: number | null;
  startsOn: string;
  until: string | null;
  endedAt: string | null;
  endedReason: string | null;
  createdAt: string;
}

export const PROMISE_CHANNELS = ['call', 'email', 'portal', 'other'] as const;
export type PromiseChannel = (typeof PROMISE_CHANNELS)[number];
export const PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export interface PromiseToPay {
  id: string;
  customerId: string;
  customerCode: string | null;
  customerName: string | null;
  currency: string;
  amount: number;
  promisedDate: string;
  contactName: string;
  channel: PromiseChannel;
  note: string | null;
  status: PromiseStatus;
  paidAmount: number;
  openAtPromise: number;
  invoices: { invoiceId: string; number: string; openAtPromise: number }[];
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closeReason: string | null;
  taskId: string | null;
}

export interface RecordPromiseInput {
  customerId: string;
  invoiceIds: string[];
  amount: number;
  promisedDate: string;
  contactName: string;
  channel: PromiseChannel;
  note?: string | null;
}

export interface Snooze {
  id: string;
  invoiceId: string;
  number: string;
  customerId: string;
  customerName: string | null;
  reason: string;
  until: string;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

export const NOTE_KINDS = ['call', 'note'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const CALL_OUTCOMES = [
  'reached',
  'no_answer',
  'left_message',
  'wrong_number',
  'promised_to_pay',
  'disputed',
  'other',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface ContactNote {
  id: string;
  customerId: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  kind: NoteKind;
  outcome: CallOutcome | null;
  contactName: string | null;
  text: string;
  occurredAt: string;
  createdBy: string | null;
  createdAt: string;
}

export interface LogNoteInput {
  kind: NoteKind;
  invoiceId?: string | null;
  outcome?: CallOutcome | null;
  contactName?: string | null;
  text: string;
  occurredAt?: string | null;
}

export type TimelineKind =
  | 'reminder'
  | 'fee'
  | 'interest'
  | 'task'
  | 'call'
  | 'note'
  | 'promise_made'
  | 'promise_kept'
  | 'promise_broken'
  | 'promise_cancelled'
  | 'snooze_started'
  | 'snooze_ended'
  | 'dispute'
  | 'hold_placed'
  | 'hold_released'
  | 'shipment'
  | 'tracking';

export interface TimelineEntry {
  id: string;
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  record: { type: string; id: string } | null;
  amount: { amount: number; currency: string } | null;
  by: string | null;
  message: {
    id: string;
    to: string[];
    subject: string;
    text: string;
    state: string;
    sentAt: string | null;
  } | null;
}

// ── Credit holds and disputes ─────────────────────────────────────────────────────────────────────

export type HoldCause = 'policy_step' | 'credit_limit' | 'overdue_balance' | 'manual';

export interface Hold {
  id: string;
  customerId: string;
  cause: HoldCause;
  sourceKey: string | null;
  reason: string;
  placedAt: string;
  placedBy: string | null;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
  active: boolean;
}

export interface CustomerHolds {
  customerId: string;
  onHold: boolean;
  active: Hold[];
  history: Hold[];
}

export interface HeldCustomer extends Hold {
  customerCode: string | null;
  customerName: string | null;
}

export interface CreditSetting {
  currency: string;
  overdueThreshold: number;
  overdueAfterDays: number;
  updatedAt: string;
  updatedBy: string | null;
}

export const DISPUTE_REASONS = [
  'pricing',
  'quantity',
  'damaged',
  'not_received',
  'duplicate_billing',
  'quality',
  'other',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export type DisputeStatus = 'open' | 'investigating' | 'resolved' | 'rejected';
export type DisputeResolution = 'credit_note' | 'write_off' | 'reship' | 'rejected';

export interface Dispute {
  id: string;
  number: string;
  customerId: string;
  invoiceId: string;
  invoiceNumber: string;
  currency: string;
  amount: number;
  reason: DisputeReason;
  status: DisputeStatus;
  ownerUserId: string | null;
  deadline: string | null;
  description: string;
  resolution: DisputeResolution | null;
  resolutionNote: string | null;
  resolutionRef: string | null;
  resolving: boolean;
  openedAt: string;
  openedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DisputeEvent {
  id: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  body: string | null;
  data: unknown;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
}

export interface DisputeAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string | null;
}

export interface DisputeDetail extends Dispute {
  timeline: DisputeEvent[];
  attachments: DisputeAttachment[];
  allowedStatuses: DisputeStatus[];
}

export interface OpenDisputeInput {
  invoiceId: string;
  amount?: number;
  reason: DisputeReason;
  description: string;
  ownerUserId?: string | null;
  deadline?: string | null;
}

export interface ResolveDisputeInput {
  resolution: DisputeResolution;
  note: string;
  amount?: number;
  orderId?: string;
  lines?: { orderLineId: string; quantity: number }[];
}
