import { PageHeader } from '../../components/PageHeader.js';
import { BackToOrders } from './OrderDetailPage.js';
import { OrderEditor } from './OrderEditor.js';

/** A new draft order: nothing is stored until it is created. */
export function NewOrderPage(props: { customerId?: string | undefined }) {
  return (
    <>
      <BackToOrders />
      <PageHeader
        title="New order"
        description="A draft has no number and reserves nothing; confirming it numbers it and reserves the stock."
      />
      <OrderEditor order={null} initialCustomerId={props.customerId} />
    </>
  );
}
