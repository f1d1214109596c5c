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
