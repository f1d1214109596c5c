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
