/** The tables the payments module owns (migrations/0006_payments.ts). No other module reads them. */
export type PaymentMethod = 'bank_transfer' | 'cheque' | 'card' | 'online' | 'cash';
export type SourceType = 'payment' | 'credit_note' | 'customer_credit' | 'write_off';
export type TargetType = 'invoice' | 'refund' | 'write_off' | 'customer_credit';

export interface PaymentsTables {
  payments: {
    id: string;
    customer_id: string;
    method: PaymentMethod;
    amount: number;
    currency: string;
    unapplied_amount: number;
    status: 'received' | 'reversed';
    received_date: string;
    reference: string | null;
    notes: string | null;
    payer_name: string | null;
    payer_iban: string | null;
    bank_reference: string | null;
    value_date: string | null;
    cheque_number: string | null;
    drawee_bank: string | null;
    deposit_date: string | null;
    provider_reference: string | null;
    receipt_number: string | null;
    reversal_date: string | null;
    reversal_reason: string | null;
    reversed_at: string | null;
    created_at: string;
    created_by: string | null;
    updated_at: string;
  };
  allocations: {
    id: string;
    customer_id: string;
    source_type: SourceType;
    source_id: string;
    target_type: TargetType;
    target_id: string;
    amount: number;
    currency: string;
    date: string;
    reverses_id: string | null;
    created_at: string;
    created_by: string | null;
  };
  customer_credits: {
    id: string;
    customer_id: string;
    currency: string;
    origin_type: 'payment';
    origin_id: string;
    amount: number;
    remaining_amount: number;
    date: string;
    created_at: string;
  };
  refunds: {
    id: string;
    customer_id: string;
    amount: number;
    currency: string;
    method: PaymentMethod;
    date: string;
    reference: string | null;
    notes: string | null;
    created_at: string;
    created_by: string | null;
  };
  write_offs: {
    id: string;
    customer_id: string;
    kind: 'invoice' | 'payment';
    document_id: string;
    amount: number;
    currency: string;
    date: string;
    reason: string;
    created_at: string;
    created_by: string | null;
  };
  customer_charges: {
    id: string;
    customer_id: string;
    kind: 'fee';
    amount: number;
    currency: string;
    date: string;
    description: string;
    origin_type: string | null;
    origin_id: string | null;
    invoiced_document_id: string | null;
    created_at: string;
    created_by: string | null;
  };
  write_off_tolerances: { currency: string; amount: number; updated_at: string };
}
