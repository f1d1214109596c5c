/** The tables the disputes module owns (migrations/0014_credit_disputes.ts). No other module reads them. */
export interface DisputesTables {
  disputes: {
    id: string;
    number: string;
    customer_id: string;
    invoice_id: string;
    invoice_number: string;
    currency: string;
    amount: number;
    reason: string;
    status: string;
    owner_user_id: string | null;
    deadline: string | null;
    description: string;
    resolution: string | null;
    resolution_note: string | null;
    resolution_ref: string | null;
    resolution_claimed_at: string | null;
    opened_at: string;
    opened_by: string | null;
    closed_at: string | null;
    closed_by: string | null;
    created_at: string;
    updated_at: string;
  };
  dispute_events: {
    id: string;
    dispute_id: string;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    body: string | null;
    data: string | null;
    at: string;
    actor_id: string | null;
    actor_label: string | null;
  };
  dispute_attachments: {
    id: string;
    dispute_id: string;
    document_id: string;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    uploaded_at: string;
    uploaded_by: string | null;
  };
}
