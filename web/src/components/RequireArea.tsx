import type { ReactNode } from 'react';
import { type Area, canUse } from '../auth/permissions.js';
import { useSession } from '../auth/session.js';
import { Forbidden } from './Forbidden.js';

/** Renders children only when the signed-in user's roles may use `area`. */
export function RequireArea(props: { area: Area; children: ReactNode }) {
  const { user } = useSession();
  return canUse(props.area, user.roles) ? props.children : <Forbidden />;
}
