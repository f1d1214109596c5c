/** The tables the customers module owns (migrations/0003_customers.ts). No other module reads them. */
export interface CustomersTables {
  customers: {
    id: string;
    code: string;
    legal_name: string;
    sort_name: string;
    search_text: string;
    status: 'active' | 'archived';
    billing_line1: string;
    billing_line2: string | null;
    billing_postal_code: string | null;
    billing_city: string;
    billing_region: string | null;
    billing_country: string;
    shipping_line1: string | null;
    shipping_line2: string | null;
    shipping_postal_code: string | null;
    shipping_city: string | null;
    shipping_region: string | null;
    shipping_country: string | null;
    language: string;
    currency: string;
    /** JSON of a PaymentTerms (rules.ts). */
    payment_terms: string;
    /** Minor units of `currency`; null: no limit. */
    credit_limit: number | null;
    tax_id: string | null;
    notes: string | null;
    owner_id: string | null;
    created_at: string;
    updated_at: string;
  };
  customer_tags: { customer_id: string; tag: string };
  customer_contacts: {
    id: string;
    customer_id: string;
    name: string;
    email: string | null;
    phone: string | null;
    role: string | null;
    receives_invoices: number;
    receives_reminders: number;
    created_at: string;
    updated_at: string;
  };
  customer_counters: { name: string; value: number };
}
