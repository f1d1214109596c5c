import { definePermission } from '../../platform/http/access.js';

export const followupPermissions = {
  /** Policies, items, pauses, the run preview and the action log: whoever works or watches receivables. */
  read: definePermission('followup.read', ['admin', 'finance', 'sales', 'support', 'auditor']),
  /** Create, change and delete policies; choose the default. */
  policies: definePermission('followup.policies.write', ['admin', 'finance']),
  /** A customer's policy and exclusion. */
  settings: definePermission('followup.settings.write', ['admin', 'finance']),
  /** Start and end pauses by hand (disputes and promises start theirs in their own modules). */
  pauses: definePermission('followup.pauses.write', ['admin', 'finance']),
  /** Run the follow-up now (the daily job does it by itself). */
  run: definePermission('followup.run', ['admin', 'finance']),
} as const;
