import {
  IconBellRinging,
  IconBuildingStore,
  IconBuildingWarehouse,
  IconCalendarDollar,
  IconCash,
  IconChartBar,
  IconChecklist,
  IconClipboardList,
  IconClockHour4,
  IconFileDollar,
  IconFileInvoice,
  IconHandStop,
  IconKey,
  IconLayoutDashboard,
  IconListNumbers,
  IconMail,
  IconMessageReport,
  IconPackage,
  IconPlayerPause,
  IconRoute,
  IconShieldSearch,
  IconStack2,
  IconTruck,
  IconTruckDelivery,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Area } from '../auth/permissions.js';

export interface NavLinkItem {
  to:
    | '/'
    | '/receivables'
    | '/receivables/customers'
    | '/receivables/invoices'
    | '/receivables/payments'
    | '/receivables/disputes'
    | '/receivables/holds'
    | '/dispatch'
    | '/dispatch/products'
    | '/dispatch/stock'
    | '/dispatch/orders'
    | '/dispatch/shipments'
    | '/dispatch/carriers'
    | '/dispatch/tracking'
    | '/reports'
    | '/followup/policies'
    | '/followup/promises'
    | '/followup/snoozes'
    | `/settings/${'users' | 'tokens' | 'audit' | 'jobs' | 'mail'}`;
  label: string;
  area: Area;
  icon: ReactNode;
  /** Active only on this exact path, not below it (e.g. a group's overview page). */
  exact?: boolean;
}

/** An entry that opens to show the pages of one area. */
export interface NavGroup {
  label: string;
  area: Area;
  icon: ReactNode;
  children: NavLinkItem[];
}

export type NavItem = NavLinkItem | NavGroup;

export const isNavGroup = (item: NavItem): item is NavGroup => 'children' in item;

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
        label: 'Receivables',
        area: 'receivables',
        icon: <IconFileInvoice size={size} />,
        children: [
          {
            to: '/receivables',
            label: 'Overview',
            area: 'receivables',
            icon: <IconLayoutDashboard size={16} />,
            exact: true,
          },
          {
            to: '/receivables/customers',
            label: 'Customers',
            area: 'receivables',
            icon: <IconBuildingStore size={16} />,
          },
          {
            to: '/receivables/invoices',
            label: 'Invoices',
            area: 'receivables',
            icon: <IconFileDollar size={16} />,
          },
          {
            to: '/receivables/payments',
            label: 'Payments',
            area: 'receivables',
            icon: <IconCash size={16} />,
          },
          {
            to: '/receivables/disputes',
            label: 'Disputes',
            area: 'receivables',
            icon: <IconMessageReport size={16} />,
          },
          {
            to: '/receivables/holds',
            label: 'Credit holds',
            area: 'receivables',
            icon: <IconHandStop size={16} />,
          },
        ],
      },
      {
        label: 'Dispatch',
        area: 'dispatch',
        icon: <IconTruckDelivery size={size} />,
        children: [
          {
            to: '/dispatch',
            label: 'Overview',
            area: 'dispatch',
            icon: <IconLayoutDashboard size={16} />,
            exact: true,
          },
          {
            to: '/dispatch/orders',
            label: 'Orders',
            area: 'dispatch',
            icon: <IconClipboardList size={16} />,
          },
          {
            to: '/dispatch/shipments',
            label: 'Shipments',
            area: 'dispatch',
            icon: <IconTruck size={16} />,
          },
          { to: '/dispatch/products', label: 'Products', area: 'dispatch', icon: <IconPackage size={16} /> },
          { to: '/dispatch/stock', label: 'Stock', area: 'dispatch', icon: <IconStack2 size={16} /> },
          {
            to: '/dispatch/tracking',
            label: 'Tracking review',
            area: 'dispatch',
            icon: <IconRoute size={16} />,
          },
          {
            to: '/dispatch/carriers',
            label: 'Carriers',
            area: 'dispatch',
            icon: <IconBuildingWarehouse size={16} />,
          },
        ],
      },
      {
        label: 'Follow-up',
        area: 'receivables',
        icon: <IconBellRinging size={size} />,
        children: [
          {
            to: '/followup/policies',
            label: 'Policies',
            area: 'receivables',
            icon: <IconListNumbers size={16} />,
          },
          {
            to: '/followup/promises',
            label: 'Promises',
            area: 'receivables',
            icon: <IconCalendarDollar size={16} />,
          },
          {
            to: '/followup/snoozes',
            label: 'Snoozed',
            area: 'receivables',
            icon: <IconPlayerPause size={16} />,
          },
        ],
      },
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
