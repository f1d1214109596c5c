/** One-shot commands: migrate, user management, audit verification, demo data. */

import { migrations } from '../../migrations/index.js';
import { MODULES, openContext } from '../app.js';
import {
  createUser,
  disableUser,
  enableUser,
  ensureAdministrator,
  findUserByEmail,
  listUsers,
  setPassword,
} from '../modules/users/index.js';
import { createUserSchema } from '../modules/users/schemas.js';
import { verifyAuditTrail } from '../platform/audit/verify.js';
import { systemActor } from '../platform/auth/actor.js';
import { generatePassword } from '../platform/auth/passwords.js';
import { ROLES, type Role } from '../platform/auth/roles.js';
import { openDatabase } from '../platform/db/database.js';
import { migrate, migrationStatus } from '../platform/db/migrate.js';
import { AppError, StartupError } from '../platform/errors.js';
import { configFrom, type DatabaseFlags, EXIT } from './common.js';
import { type Format, render } from './output.js';

const cliActor = () => systemActor(`cli:${process.env.USER ?? 'operator'}`);

export async function migrateCommand(flags: DatabaseFlags & { status?: boolean }): Promise<void> {
  const config = configFrom(flags);
  const database = await openDatabase(config.DATABASE_URL, { poolSize: 2 });
  try {
    if (flags.status) {
      const status = await migrationStatus(database, migrations);
      process.stdout.write(
        `${database.displayUrl}\n  applied: ${status.applied.length}\n  pending: ${status.pending.join(', ') || 'none'}\n`,
      );
      return;
    }
    const applied = await migrate(database, migrations);
    process.stdout.write(
      applied.length
        ? `Applied ${applied.join(', ')} to ${database.displayUrl}.\n`
        : `${database.displayUrl} is up to date.\n`,
    );
  } finally {
    await database.close();
  }
}

function parseRoles(value: string): Role[] {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length)
    throw new AppError(
      400,
      'validation',
      'Invalid input',
      `Unknown role(s) ${unknown.join(', ')}; roles are ${ROLES.join(', ')}.`,
    );
  return roles as Role[];
}

async function withContext<T>(
  flags: DatabaseFlags,
  work: (ctx: Awaited<ReturnType<typeof openContext>>) => Promise<T>,
): Promise<T> {
  const ctx = await openContext(configFrom(flags), { migrate: false });
  try {
    return await work(ctx);
  } finally {
    await ctx.database.close();
  }
}

export async function userAdd(
  flags: DatabaseFlags & { email: string; name: string; roles: string; password?: string },
): Promise<void> {
  const parsed = createUserSchema.safeParse({
    email: flags.email,
    name: flags.name,
    roles: parseRoles(flags.roles),
    ...(flags.password ? { password: flags.password } : {}),
  });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ');
    throw new AppError(400, 'validation', 'Invalid input', detail);
  }
  await withContext(flags, async (ctx) => {
    const { user, initialPassword } = await createUser(ctx, cliActor(), parsed.data);
    process.stdout.write(`Created ${user.email} (${user.id}) with role(s) ${user.roles.join(', ')}.\n`);
    if (initialPassword) process.stdout.write(`Initial password (shown once): ${initialPassword}\n`);
  });
}

export async function userList(
  flags: DatabaseFlags & { format: Format; role?: string; status?: string },
): Promise<void> {
  await withContext(flags, async (ctx) => {
    const role = flags.role ? parseRoles(flags.role)[0] : undefined;
    const status = flags.status === 'active' || flags.status === 'disabled' ? flags.status : undefined;
    const rows = await listUsers(ctx, { role, status, limit: 100_000 });
    const headers = ['id', 'email', 'name', 'roles', 'status', 'last sign-in'];
    const table = rows.map((u) => [
      u.id,
      u.email,
      u.name,
      u.roles.join(','),
      u.status,
      u.last_signin_at ?? 'never',
    ]);
    const json = rows.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      roles: u.roles,
      status: u.status,
      lastSignInAt: u.last_signin_at,
    }));
    process.stdout.write(`${render(flags.format, headers, table, json)}\n`);
  });
}

async function requireUser(ctx: Parameters<Parameters<typeof withContext>[1]>[0], email: string) {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) throw new AppError(404, 'not-found', 'Not found', `No user with the email ${email}.`);
  return user;
}

export async function userSetStatus(
  flags: DatabaseFlags,
  email: string,
  status: 'active' | 'disabled',
): Promise<void> {
  await withContext(flags, async (ctx) => {
    const user = await requireUser(ctx, email);
    const actor = cliActor();
    const after =
      status === 'disabled' ? await disableUser(ctx, actor, user.id) : await enableUser(ctx, actor, user.id);
    process.stdout.write(`${after.email} is now ${after.status}.\n`);
  });
}

export async function userPassword(
  flags: DatabaseFlags & { password?: string },
  email: string,
): Promise<void> {
  await withContext(flags, async (ctx) => {
    const user = await requireUser(ctx, email);
    const password = flags.password ?? generatePassword();
    if (password.length < 12)
      throw new AppError(400, 'validation', 'Invalid input', '--password: must be at least 12 characters');
    await setPassword(ctx, cliActor(), user.id, password);
    process.stdout.write(
      flags.password
        ? `Password of ${user.email} changed; their sessions were ended.\n`
        : `New password of ${user.email} (shown once): ${password}\n`,
    );
  });
}

export async function auditVerify(flags: DatabaseFlags): Promise<number> {
  return withContext(flags, async (ctx) => {
    const result = await verifyAuditTrail(ctx.db, {
      onProgress: (n) => {
        if (process.stderr.isTTY) process.stderr.write(`\rchecked ${n} entries…`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (result.ok) {
      process.stdout.write(
        `Audit trail intact: ${result.checked} entries, head ${result.headSeq} ${result.headHash}.\n`,
      );
      return EXIT.ok;
    }
    process.stdout.write(
      `Audit trail TAMPERED: ${result.problems.length} problem(s) in ${result.checked} entries checked:\n`,
    );
    for (const problem of result.problems) process.stdout.write(`  - [${problem.kind}] ${problem.message}\n`);
    return EXIT.auditFailed;
  });
}

export async function seed(flags: DatabaseFlags & { demo?: boolean }): Promise<void> {
  if (!flags.demo) throw new StartupError('Nothing to seed: pass --demo to add demonstration data.');
  const ctx = await openContext(configFrom(flags), { migrate: true });
  try {
    const admin = await ensureAdministrator(ctx);
    if (admin?.generatedPassword)
      process.stdout.write(
        `Administrator ${admin.email} created, password (shown once): ${admin.generatedPassword}\n`,
      );
    for (const module of MODULES) {
      if (!module.seedDemo) continue;
      await module.seedDemo(ctx, systemActor('seed'), (message) => process.stdout.write(`  ${message}\n`));
    }
    process.stdout.write('Demo data ready.\n');
  } finally {
    await ctx.database.close();
  }
}
