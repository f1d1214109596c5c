/** The tables of the shipping module's tracking part (migrations/0011_tracking.ts). No other module reads them. */
export interface TrackingTables {
  tracking_events: {
    id: string;
    carrier_id: string;
    event_id: string;
    shipment_id: string;
    tracking_number: string;
    occurred_at: string;
    received_at: string;
    status: string;
    substatus: string | null;
    reason: string | null;
    location: string | null;
    eta: string | null;
    flagged: number;
    raw_code: string;
    raw_text: string;
    raw_payload: string | null;
    format: string;
    /** 'webhook' | 'csv' | 'manual' | 'unmatched'. */
    source: string;
    actor_id: string | null;
  };
  shipment_tracking: {
    shipment_id: string;
    carrier_id: string | null;
    status: string;
    substatus: string | null;
    reason: string | null;
    last_event_at: string | null;
    eta: string | null;
    delivered_at: string | null;
    flagged: number;
    events: number;
    /** JSON: the reducer's WinningEvent. */
    winner: string | null;
    last_exception: string | null;
    eta_from: string | null;
    outcome: string | null;
    effects_pending: number;
    emitted_status: string | null;
    emitted_substatus: string | null;
    emitted_events: number;
    created_at: string;
    updated_at: string;
  };
  tracking_unmatched: {
    id: string;
    carrier_id: string;
    event_id: string;
    tracking_number: string;
    occurred_at: string;
    received_at: string;
    status: string;
    substatus: string | null;
    reason: string | null;
    location: string | null;
    eta: string | null;
    flagged: number;
    raw_code: string;
    raw_text: string;
    raw_payload: string | null;
    format: string;
    source: string;
    /** 'open' | 'resolved' | 'dismissed'. */
    state: string;
    shipment_id: string | null;
    resolved_at: string | null;
    resolved_by: string | null;
    note: string | null;
  };
  tracking_notifications: {
    shipment_id: string;
    key: string;
    status: string;
    substatus: string | null;
    event_id: string | null;
    /** 'pending' | 'queued' | 'superseded' | 'not_mailed' | 'no_recipient'. */
    outcome: string;
    mail_id: string | null;
    created_at: string;
  };
  /** Owned by the shipments part (migration 0010); written here only to link a resolved unmatched number. */
  shipment_tracking_numbers: {
    carrier_id: string;
    tracking_number: string;
    shipment_id: string;
    /** Order of the numbers on the shipment (the N-th package's label carries the N-th). */
    position: number;
    created_at: string;
  };
}
