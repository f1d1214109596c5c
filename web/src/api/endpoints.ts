import { api, buildUrl, upload } from './client.js';
import type {
  AuditEntry,
  Contact,
  ContactInput,
  CreateCustomerInput,
  CreateTokenInput,
  CreateTokenResult,
  CreateUserInput,
  CreateUserResult,
  Customer,
  CustomerStatus,
  ImportResult,
  Job,
  JobState,
  MailMessage,
  MailMessageDetail,
  MailState,
  Meta,
  Page,
  Role,
  Session,
  Token,
  UpdateCustomerInput,
  UpdateUserInput,
  User,
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
