/** An in-process Duely server on a fresh test database, driven with `app.inject` (real HTTP semantics, no socket). */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildServer, registerBackgroundWork } from '../../src/app.js';
import { createToken, createUser } from '../../src/modules/users/index.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { createMetrics } from '../../src/platform/http/metrics.js';
import type { App } from '../../src/platform/http/server.js';
import { describeEachDatabase, type TestDatabase } from './databases.js';

export const ADMIN = { email: 'admin@example.com', password: 'Admin-Password-123' };

export interface TestApp extends TestDatabase {
  app: App;
  adminId: string;
  adminActor: Actor;
  /** Signs in through the API; returns the cookie header value and the CSRF token. */
  signIn(
    email?: string,
    password?: string,
  ): Promise<{ cookie: string; csrf: string; response: LightMyRequestResponse }>;
  /** A fresh API token holding exactly these roles. */
  tokenWith(roles: readonly Role[]): Promise<string>;
  /** A user with these roles and the given password; returns its id. */
  userWith(
    roles: readonly Role[],
    password?: string,
  ): Promise<{ id: string; email: string; password: string }>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

let counter = 0;

export function describeEachApp(
  name: string,
  body: (get: () => TestApp) => void,
  options: { config?: Record<string, string> } = {},
): void {
  describeEachDatabase(
    name,
    (getDb) => {
      let testApp: TestApp | undefined;
      beforeAll(async () => {
        const db = getDb();
        registerBackgroundWork(db.ctx);
        const app = await buildServer(db.ctx, createMetrics(), { serveWeb: false, logRequests: false });
        const { user: admin } = await createUser(db.ctx, systemActor('test'), {
          email: ADMIN.email,
          name: 'Admin',
          roles: ['admin'],
          password: ADMIN.password,
        });
        const adminActor: Actor = {
          type: 'user',
          id: admin.id,
          label: admin.email,
          roles: ['admin'],
          userId: admin.id,
        };
        const signIn: TestApp['signIn'] = async (email = ADMIN.email, password = ADMIN.password) => {
          const response = await app.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            payload: { email, password },
          });
          const setCookie = response.cookies.find((c) => c.name === 'duely_session');
          return {
            cookie: setCookie ? `duely_session=${setCookie.value}` : '',
            csrf: response.json().csrfToken ?? '',
            response,
          };
        };
        testApp = {
          ...db,
          app,
          adminId: admin.id,
          adminActor,
          signIn,
          inject: (opts) => app.inject(opts),
          tokenWith: async (roles) =>
            (await createToken(db.ctx, adminActor, { name: `t${++counter}`, roles: [...roles] })).secret,
          userWith: async (roles, password = 'User-Password-123') => {
            const email = `user${++counter}-${Date.now()}@example.com`;
            const { user } = await createUser(db.ctx, adminActor, {
              email,
              name: `User ${counter}`,
              roles: [...roles],
              password,
            });
            return { id: user.id, email, password };
          },
        };
      });
      afterAll(async () => {
        await testApp?.app.close();
      });
      body(() => {
        if (!testApp) throw new Error('test app not ready');
        return testApp;
      });
    },
    options,
  );
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
