/** The users module's shapes at the HTTP boundary. */
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import { roleSchema } from '../../platform/auth/roles.js';
import { businessDateSchema } from '../../platform/dates.js';
import type { TokenRow, UserWithRoles } from './store.js';

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const toUser = (row: UserWithRoles): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  roles: row.roles,
  status: row.status,
  createdAt: row.created_at,
  lastSignInAt: row.last_signin_at,
});

const rolesInput = z
  .array(roleSchema)
  .min(1, 'give at least one role')
  .refine((roles) => new Set(roles).size === roles.length, 'lists a role twice');

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200);

export const createUserSchema = z.strictObject({
  email: z.email('must be an email address').max(254),
  name: z.string().trim().min(1, 'is required').max(200),
  roles: rolesInput,
  password: passwordSchema.optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200).optional(),
  roles: rolesInput.optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const signInSchema = z.strictObject({
  email: z.string().trim().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
});

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: passwordSchema,
});

export const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  roles: z.array(roleSchema),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type Token = z.infer<typeof tokenSchema>;

export const toToken = (row: TokenRow): Token => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  roles: JSON.parse(row.roles) as Token['roles'],
  createdAt: row.created_at,
  createdBy: row.created_by,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  roles: rolesInput,
  expiresAt: businessDateSchema.optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;
