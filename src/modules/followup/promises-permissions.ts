import { definePermission } from '../../platform/http/access.js';

/** Who may see and record the follow-up desk's touches: promises, snoozes, calls and notes, the timeline. */
export const touchPermissions = {
  /** Promises, snoozes and a customer's timeline: finance works them, sales and support answer customers, auditors look. */
  read: definePermission('followup.touches.read', ['admin', 'finance', 'sales', 'support', 'auditor']),
  /** Record or cancel a promise to pay (it pauses reminders). */
  promise: definePermission('followup.promises.write', ['admin', 'finance']),
  /** Snooze an invoice's reminders, end a snooze. */
  snooze: definePermission('followup.snooze', ['admin', 'finance']),
  /** Log a call or a note on a customer: whoever talks to customers. */
  log: definePermission('followup.notes.write', ['admin', 'finance', 'sales', 'support']),
} as const;
