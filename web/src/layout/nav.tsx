import {
  IconChartBar,
  IconChecklist,
  IconClockHour4,
  IconFileInvoice,
  IconKey,
  IconMail,
  IconShieldSearch,
  IconTruckDelivery,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Area } from '../auth/permissions.js';

export interface NavItem {
  to:
    | '/'
    | '/receivables'
    | '/dispatch'
    | '/reports'
    | `/settings/${'users' | 'tokens' | 'audit' | 'jobs' | 'mail'}`;
  label: string;
  area: Area;
  icon: ReactNode;
}

export interface NavSection {
  label: string | null;
  items: NavItem[];
}

const size = 18;

/** The navbar, by department. Entries the user's roles cannot use are hidden (the server enforces anyway). */
export const NAV: NavSection[] = [
  {
    label: null,
    items: [
      { to: '/', label: 'Worklist', area: 'worklist', icon: <IconChecklist size={size} /> },
      {
        to: '/receivables',
        label: 'Receivables',
        area: 'receivables',
        icon: <IconFileInvoice size={size} />,
      },
      { to: '/dispatch', label: 'Dispatch', area: 'dispatch', icon: <IconTruckDelivery size={size} /> },
      { to: '/reports', label: 'Reports', area: 'reports', icon: <IconChartBar size={size} /> },
    ],
  },
  {
    label: 'Settings',
    items: [
      { to: '/settings/users', label: 'Users', area: 'users', icon: <IconUsers size={size} /> },
      { to: '/settings/tokens', label: 'API tokens', area: 'tokens', icon: <IconKey size={size} /> },
      { to: '/settings/audit', label: 'Audit trail', area: 'audit', icon: <IconShieldSearch size={size} /> },
      { to: '/settings/jobs', label: 'Jobs', area: 'jobs', icon: <IconClockHour4 size={size} /> },
      { to: '/settings/mail', label: 'Mail log', area: 'mail', icon: <IconMail size={size} /> },
    ],
  },
];
