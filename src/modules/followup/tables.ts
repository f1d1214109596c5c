/** The tables the follow-up module owns (migrations/0013_followup.ts). No other module reads them. */
export interface FollowupTables {
  followup_policies: {
    id: string;
    name: string;
    description: string | null;
    is_default: number;
    created_at: string;
    updated_at: string;
  };
  followup_policy_steps: {
    id: string;
    policy_id: string;
    position: number;
    name: string;
    offset_days: number;
    tone: string;
    /** JSON StepAction[]. */
    actions: string;
  };
  followup_customer_settings: {
    customer_id: string;
    policy_id: string | null;
    excluded: number;
    exclusion_reason: string | null;
    updated_at: string;
  };
  followup_items: {
    invoice_id: string;
    customer_id: string;
    currency: string;
    due_date: string;
    kind: 'invoice' | 'fee';
    policy_id: string | null;
    current_step: number;
    next_date: string | null;
    last_run_on: string | null;
    closed_at: string | null;
    closed_reason: string | null;
    created_at: string;
    updated_at: string;
  };
  followup_actions: {
    id: string;
    dedupe_key: string;
    invoice_id: string;
    customer_id: string;
    policy_id: string;
    step_id: string;
    step_position: number;
    tone: string;
    kind: string;
    run_on: string;
    message_id: string | null;
    fee_invoice_id: string | null;
    amount: number | null;
    currency: string | null;
    task_id: string | null;
    hold_id: string | null;
    details: string;
    created_at: string;
  };
  followup_pauses: {
    id: string;
    invoice_id: string;
    customer_id: string;
    kind: string;
    source_id: string;
    reason: string;
    amount: number | null;
    starts_on: string;
    until: string | null;
    ended_at: string | null;
    ended_reason: string | null;
    created_at: string;
  };
}

export type ItemRow = FollowupTables['followup_items'];
export type StepRow = FollowupTables['followup_policy_steps'];
export type PolicyRow = FollowupTables['followup_policies'];
export type ActionRow = FollowupTables['followup_actions'];
export type PauseRow = FollowupTables['followup_pauses'];
