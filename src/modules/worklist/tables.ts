/** The tables the worklist module owns (migrations/0012_worklist.ts). No other module reads them. */
export interface WorklistTables {
  tasks: {
    id: string;
    dedupe_key: string;
    /** The dedupe key while the task is open; null once done or closed (unique: one open task per cause). */
    open_key: string | null;
    kind: string;
    department: string;
    title: string;
    reason: string;
    record_type: string;
    record_id: string;
    customer_id: string | null;
    owner_role: string | null;
    owner_user_id: string | null;
    priority: string;
    due_date: string | null;
    snoozed_until: string | null;
    snooze_reason: string | null;
    status: string;
    resolution: string | null;
    escalated_at: string | null;
    /** JSON array of the user ids told about the escalation. */
    escalated_to: string | null;
    rank_key: string;
    created_at: string;
    updated_at: string;
    done_at: string | null;
    done_by: string | null;
  };
  task_comments: {
    id: string;
    task_id: string;
    author_id: string | null;
    author_label: string | null;
    body: string;
    created_at: string;
  };
  worklist_leads: { role: string; user_id: string; updated_at: string };
  worklist_digests: { user_id: string; local_date: string; message_id: string | null; sent_at: string };
}
