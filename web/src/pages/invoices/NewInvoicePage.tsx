import { PageHeader } from '../../components/PageHeader.js';
import { BackToInvoices } from './InvoiceDetailPage.js';
import { InvoiceEditor } from './InvoiceEditor.js';

/** A new draft invoice: nothing is stored until the first save. */
export function NewInvoicePage(props: { customerId?: string | undefined }) {
  return (
    <>
      <BackToInvoices />
      <PageHeader
        title="New invoice"
        description="A draft has no number and can be changed freely; the server computes its totals on each save."
      />
      <InvoiceEditor invoice={null} initialCustomerId={props.customerId} />
    </>
  );
}
