import { definePermission } from '../../platform/http/access.js';

export const usersPermissions = {
  manageUsers: definePermission('users.manage', ['admin']),
  manageTokens: definePermission('tokens.manage', ['admin']),
} as const;
