/** The tables the users module owns (migrations/0002_users.ts). No other module reads them. */
export interface UsersTables {
  users: {
    id: string;
    email: string;
    name: string;
    status: 'active' | 'disabled';
    password_hash: string | null;
    failed_signins: number;
    locked_until: string | null;
    last_signin_at: string | null;
    created_at: string;
    updated_at: string;
  };
  user_roles: { user_id: string; role: string };
  sessions: {
    token_hash: string;
    id: string;
    user_id: string;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    ended_at: string | null;
    ip: string | null;
    user_agent: string | null;
  };
  api_tokens: {
    id: string;
    name: string;
    prefix: string;
    secret_hash: string;
    roles: string;
    created_by: string;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  };
}
