import { Text } from '@mantine/core';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { useCustomer } from '../invoices/CustomerSelect.js';
import { useCanSeeReceivables } from './access.js';

/** A customer's legal name by id (cached), or null while unknown or without `id`. */
export function useCustomerName(id: string | null): string | null {
  return useCustomer(id).data?.legalName ?? null;
}

/** A customer's name (fetched by id, cached); a link to its page for those who may open it. */
export function CustomerName(props: { customerId: string }) {
  const canOpen = useCanSeeReceivables();
  const query = useCustomer(props.customerId);
  const name = query.data ? `${query.data.legalName}` : null;
  const label = name ?? (
    <Text span size="xs" ff="monospace">
      {props.customerId}
    </Text>
  );
  return canOpen ? (
    <RouterAnchor to="/receivables/customers/$customerId" params={{ customerId: props.customerId }} size="sm">
      {label}
    </RouterAnchor>
  ) : (
    <Text span size="sm">
      {label}
    </Text>
  );
}
