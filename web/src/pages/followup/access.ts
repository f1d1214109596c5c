import type { Role } from '../../api/types.js';
import { useSession } from '../../auth/session.js';

/** Roles that may record promises, snooze reminders, edit policies and run the follow-up (the server's follow-up write permissions). */
const WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
/** Roles that may log calls and notes (whoever talks to customers). */
const LOG_ROLES: readonly Role[] = ['admin', 'finance', 'sales', 'support'];

export function useCanWriteFollowup(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => WRITE_ROLES.includes(role));
}

export function useCanLogNotes(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => LOG_ROLES.includes(role));
}

export const CHANNEL_LABELS = {
  call: 'Phone call',
  email: 'Email',
  portal: 'Portal',
  other: 'Other',
} as const;

export const OUTCOME_LABELS = {
  reached: 'Reached',
  no_answer: 'No answer',
  left_message: 'Left a message',
  wrong_number: 'Wrong number',
  promised_to_pay: 'Promised to pay',
  disputed: 'Disputed',
  other: 'Other',
} as const;

export const PROMISE_STATUS_COLORS = {
  open: 'blue',
  kept: 'teal',
  broken: 'red',
  cancelled: 'gray',
} as const;

/** Today as `YYYY-MM-DD` in the browser's zone (a default for date fields; the server decides with the company's zone). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
