import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Area } from './auth/permissions.js';
import { sessionQuery } from './auth/session.js';
import { RequireArea } from './components/RequireArea.js';
import { AppLayout } from './layout/AppShell.js';
import { CustomerDetailPage } from './pages/customers/CustomerDetailPage.js';
import { CustomersPage } from './pages/customers/CustomersPage.js';
import { CarriersPage } from './pages/dispatch/carriers/CarriersPage.js';
import { DispatchPage } from './pages/dispatch/DispatchPage.js';
import { ProductDetailPage } from './pages/dispatch/products/ProductDetailPage.js';
import { ProductsPage } from './pages/dispatch/products/ProductsPage.js';
import { ShipmentDetailPage } from './pages/dispatch/shipments/ShipmentDetailPage.js';
import { ShipmentsPage } from './pages/dispatch/shipments/ShipmentsPage.js';
import { StockPage } from './pages/dispatch/stock/StockPage.js';
import { UnmatchedPage } from './pages/dispatch/tracking/UnmatchedPage.js';
import { DisputeDetailPage } from './pages/disputes/DisputeDetailPage.js';
import { DisputesPage } from './pages/disputes/DisputesPage.js';
import { HoldsPage } from './pages/disputes/HoldsPage.js';
import { PoliciesPage } from './pages/followup/PoliciesPage.js';
import { PolicyEditorPage } from './pages/followup/PolicyEditorPage.js';
import { PromisesPage } from './pages/followup/PromisesPage.js';
import { SnoozesPage } from './pages/followup/SnoozesPage.js';
import { InvoiceDetailPage } from './pages/invoices/InvoiceDetailPage.js';
import { InvoicesPage } from './pages/invoices/InvoicesPage.js';
import { NewInvoicePage } from './pages/invoices/NewInvoicePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { NewOrderPage } from './pages/orders/NewOrderPage.js';
import { OrderDetailPage } from './pages/orders/OrderDetailPage.js';
import { OrdersPage } from './pages/orders/OrdersPage.js';
import { PaymentDetailPage } from './pages/payments/PaymentDetailPage.js';
import { PaymentsPage } from './pages/payments/PaymentsPage.js';
import { RouteErrorPage } from './pages/RouteErrorPage.js';
import { ReceivablesPage } from './pages/receivables/ReceivablesPage.js';
import { ReportsPage } from './pages/reports/ReportsPage.js';
import { AuditPage } from './pages/settings/audit/AuditPage.js';
import { JobsPage } from './pages/settings/jobs/JobsPage.js';
import { MailPage } from './pages/settings/mail/MailPage.js';
import { TokensPage } from './pages/settings/tokens/TokensPage.js';
import { UsersPage } from './pages/settings/users/UsersPage.js';
import { SignInPage, safeRedirect } from './pages/sign-in/SignInPage.js';
import { WorklistPage } from './pages/worklist/WorklistPage.js';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: SignInPage,
});

/** Everything below requires a signed-in user. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    return { session };
  },
  component: AppLayout,
  errorComponent: RouteErrorPage,
  notFoundComponent: NotFoundPage,
});

/** A page of the app; its area decides who may see it (the server enforces it too). */
function appPage<TPath extends string>(path: TPath, area: Area, Page: () => ReactNode) {
  return createRoute({
    getParentRoute: () => appRoute,
    path,
    component: () => (
      <RequireArea area={area}>
        <Page />
      </RequireArea>
    ),
  });
}

const worklistRoute = appPage('/', 'worklist', WorklistPage);
const receivablesRoute = appPage('/receivables', 'receivables', ReceivablesPage);
const customersRoute = appPage('/receivables/customers', 'receivables', CustomersPage);
const customerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/receivables/customers/$customerId',
  component: function CustomerRoute() {
    const { customerId } = customerRoute.useParams();
    return (
      <RequireArea area="receivables">
        <CustomerDetailPage key={customerId} customerId={customerId} />
      </RequireArea>
    );
  },
});
const invoicesRoute = appPage('/receivables/invoices', 'receivables', InvoicesPage);
const newInvoiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/receivables/invoices/new',
  validateSearch: (search: Record<string, unknown>): { customerId?: string } =>
    typeof search.customerId === 'string' ? { customerId: search.customerId } : {},
  component: function NewInvoiceRoute() {
    const { customerId } = newInvoiceRoute.useSearch();
    return (
      <RequireArea area="receivables">
        <NewInvoicePage key={customerId ?? ''} customerId={customerId} />
      </RequireArea>
    );
  },
});
const invoiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/receivables/invoices/$invoiceId',
  component: function InvoiceRoute() {
    const { invoiceId } = invoiceRoute.useParams();
    return (
      <RequireArea area="receivables">
        <InvoiceDetailPage key={invoiceId} invoiceId={invoiceId} />
      </RequireArea>
    );
  },
});
const disputesRoute = appPage('/receivables/disputes', 'receivables', DisputesPage);
const holdsRoute = appPage('/receivables/holds', 'receivables', HoldsPage);
const disputeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/receivables/disputes/$disputeId',
  component: function DisputeRoute() {
    const { disputeId } = disputeRoute.useParams();
    return (
      <RequireArea area="receivables">
        <DisputeDetailPage key={disputeId} disputeId={disputeId} />
      </RequireArea>
    );
  },
});
const paymentsRoute = appPage('/receivables/payments', 'receivables', PaymentsPage);
const paymentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/receivables/payments/$paymentId',
  component: function PaymentRoute() {
    const { paymentId } = paymentRoute.useParams();
    return (
      <RequireArea area="receivables">
        <PaymentDetailPage key={paymentId} paymentId={paymentId} />
      </RequireArea>
    );
  },
});
const dispatchRoute = appPage('/dispatch', 'dispatch', DispatchPage);
const productsRoute = appPage('/dispatch/products', 'dispatch', ProductsPage);
const productRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dispatch/products/$productId',
  component: function ProductRoute() {
    const { productId } = productRoute.useParams();
    return (
      <RequireArea area="dispatch">
        <ProductDetailPage key={productId} productId={productId} />
      </RequireArea>
    );
  },
});
const stockRoute = appPage('/dispatch/stock', 'dispatch', StockPage);
const ordersRoute = appPage('/dispatch/orders', 'dispatch', OrdersPage);
const newOrderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dispatch/orders/new',
  validateSearch: (search: Record<string, unknown>): { customerId?: string } =>
    typeof search.customerId === 'string' ? { customerId: search.customerId } : {},
  component: function NewOrderRoute() {
    const { customerId } = newOrderRoute.useSearch();
    return (
      <RequireArea area="dispatch">
        <NewOrderPage key={customerId ?? ''} customerId={customerId} />
      </RequireArea>
    );
  },
});
const orderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dispatch/orders/$orderId',
  component: function OrderRoute() {
    const { orderId } = orderRoute.useParams();
    return (
      <RequireArea area="dispatch">
        <OrderDetailPage key={orderId} orderId={orderId} />
      </RequireArea>
    );
  },
});
const shipmentsRoute = appPage('/dispatch/shipments', 'dispatch', ShipmentsPage);
const shipmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dispatch/shipments/$shipmentId',
  component: function ShipmentRoute() {
    const { shipmentId } = shipmentRoute.useParams();
    return (
      <RequireArea area="dispatch">
        <ShipmentDetailPage key={shipmentId} shipmentId={shipmentId} />
      </RequireArea>
    );
  },
});
const carriersRoute = appPage('/dispatch/carriers', 'dispatch', CarriersPage);
const trackingReviewRoute = appPage('/dispatch/tracking', 'dispatch', UnmatchedPage);
const reportsRoute = appPage('/reports', 'reports', ReportsPage);
const policiesRoute = appPage('/followup/policies', 'receivables', PoliciesPage);
const newPolicyRoute = appPage('/followup/policies/new', 'receivables', () => <PolicyEditorPage />);
const policyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/followup/policies/$policyId',
  component: function PolicyRoute() {
    const { policyId } = policyRoute.useParams();
    return (
      <RequireArea area="receivables">
        <PolicyEditorPage key={policyId} policyId={policyId} />
      </RequireArea>
    );
  },
});
const promisesRoute = appPage('/followup/promises', 'receivables', PromisesPage);
const snoozesRoute = appPage('/followup/snoozes', 'receivables', SnoozesPage);
const usersRoute = appPage('/settings/users', 'users', UsersPage);
const tokensRoute = appPage('/settings/tokens', 'tokens', TokensPage);
const auditRoute = appPage('/settings/audit', 'audit', AuditPage);
const jobsRoute = appPage('/settings/jobs', 'jobs', JobsPage);
const mailRoute = appPage('/settings/mail', 'mail', MailPage);

const settingsIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  beforeLoad: ({ context }) => {
    const roles = context.session.user.roles;
    throw redirect({ to: roles.includes('admin') ? '/settings/users' : '/settings/audit' });
  },
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    worklistRoute,
    receivablesRoute,
    customersRoute,
    customerRoute,
    invoicesRoute,
    newInvoiceRoute,
    invoiceRoute,
    paymentsRoute,
    paymentRoute,
    disputesRoute,
    disputeRoute,
    holdsRoute,
    dispatchRoute,
    productsRoute,
    productRoute,
    stockRoute,
    ordersRoute,
    newOrderRoute,
    orderRoute,
    shipmentsRoute,
    shipmentRoute,
    carriersRoute,
    trackingReviewRoute,
    reportsRoute,
    policiesRoute,
    newPolicyRoute,
    policyRoute,
    promisesRoute,
    snoozesRoute,
    settingsIndexRoute,
    usersRoute,
    tokensRoute,
    auditRoute,
    jobsRoute,
    mailRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
