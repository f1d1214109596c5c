import { api } from './client.js';
import type {
  AuditEntry,
  CreateTokenInput,
  CreateTokenResult,
  CreateUserInput,
  CreateUserResult,
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
