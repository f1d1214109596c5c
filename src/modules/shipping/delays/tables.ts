/** The tables of dispatch delays (migrations/0015_delays.ts). Only the delays files read them. */
export interface DelaysTables {
  delay_states: {
    entity_type: string;
    entity_id: string;
    order_id: string | null;
    customer_id: string | null;
    number: string | null;
    state: string;
    reasons: string;
    expected_date: string | null;
    due_date: string | null;
    open: number;
    evaluated_at: string;
    changed_at: string;
  };
  delay_notices: {
    entity_type: string;
    entity_id: string;
    state: string;
    expected_date: string;
    message_id: string | null;
    outcome: string;
    created_at: string;
  };
  delay_settings: {
    id: number;
    at_risk_days: number;
    stalled_days: number;
    notify_customers: number;
    notify_states: string;
    updated_at: string;
  };
}
