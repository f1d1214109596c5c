/** The tables the credit module owns (migrations/0014_credit_disputes.ts). No other module reads them. */
export interface CreditTables {
  credit_holds: {
    id: string;
    customer_id: string;
    cause: string;
    /** '' when the cause has no further source (one manual hold, one credit-limit hold …). */
    source_key: string;
    reason: string;
    placed_at: string;
    placed_by: string | null;
    released_at: string | null;
    released_by: string | null;
    release_reason: string | null;
    owner_notified_at: string | null;
  };
  credit_settings: {
    currency: string;
    overdue_threshold: number;
    overdue_after_days: number;
    updated_at: string;
    updated_by: string | null;
  };
}
