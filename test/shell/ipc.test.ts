import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/main/core/api/root.ts';
import { appRouter } from '../../src/main/core/api/root.ts';
import type { Tollgate } from '../../src/main/core/app.ts';
import { createTollgate } from '../../src/main/core/app.ts';
import { silentLogger } from '../../src/main/core/lib/logger.ts';
import { handleTrpcIpc } from '../../src/main/shell/ipc.ts';
import { ipcContextFactory } from '../../src/main/shell/ipc-context.ts';
import { TRPC_CHANNEL } from '../../src/preload/channel.ts';
import { createBridge } from '../../src/preload/bridge.ts';
import { ipcLink } from '../../src/renderer/src/trpc/ipc-link.ts';
import { fakeIpc } from './fake-ipc.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 'correct horse battery';

async function caught(p: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(TRPCClientError);
  return err as TRPCClientError<AppRouter>;
}

describe('tRPC over IPC (real router, fake ipcMain/ipcRenderer)', () => {
  let dataDir: string;
  let app: Tollgate;
  let url: string;
  const ipc = fakeIpc();
  /** A renderer-side client for the window with the given webContents id. */
  const client = (senderId = 1, topFrame = true) =>
    createTRPCClient<AppRouter>({ links: [ipcLink(createBridge(ipc.renderer(senderId, topFrame)))] });
  /** The browser's transport, for checking that both deliver the same values. */
  const http = (token?: string) => createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: token ? { authorization: `Bearer ${token}` } : {} })],
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tollgate-ipc-'));
    app = await createTollgate({
      masterKey: randomBytes(32), logger: silentLogger(),
      config: { dataDir, databaseUrl: null, migrationsRoot: join(ROOT, 'drizzle'), rendererDir: null, port: 0 },
    });
    url = await app.listen();
    handleTrpcIpc({
      ipcMain: ipc.ipcMain, router: appRouter, createContext: ipcContextFactory(app).createContext,
      isAllowedSender: (event) => event.senderFrame?.parent === null,
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a query', async () => {
    await expect(client().auth.session.query()).resolves.toMatchObject({ signedIn: false, localOwner: false, user: null, gatewayUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  });

  it('runs a mutation, keeps its session per window, and delivers JSON values as HTTP does', async () => {
    const win = client(7);
    const reg = await win.auth.register.mutate({ email: 'ada@example.com', name: 'Ada', password: PASSWORD });
    // No transformer on either link: a Date crosses as its ISO string even though IPC could clone it.
    expect(typeof reg.user.createdAt).toBe('string');
    expect(reg.user.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const session = await win.auth.session.query();
    expect(session).toMatchObject({ signedIn: true, user: { email: 'ada@example.com', name: 'Ada' } });
    // Another window did not sign in.
    expect((await client(8).auth.session.query()).signedIn).toBe(false);

    const viaIpc = await win.orgs.listMine.query();
    expect(viaIpc).toMatchObject([{ name: 'My organization', role: 'owner' }]);
    expect(await http(reg.token).orgs.listMine.query()).toEqual(viaIpc);

    await win.auth.logout.mutate();
    expect((await win.auth.session.query()).signedIn).toBe(false);
  });

  it('reports a validation error as BAD_REQUEST with zod issues, in the same shape as over HTTP', async () => {
    const bad = { email: 'not-an-email', name: 'Bob', password: 'short' };
    const err = await caught(client().auth.register.mutate(bad));
    expect(err.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, path: 'auth.register' });
    const fields = (err.data?.issues as { path: string[] }[]).map((i) => i.path[0]).sort();
    expect(fields).toEqual(['email', 'password']);

    const overHttp = await caught(http().auth.register.mutate(bad));
    expect(err.shape).toEqual(overHttp.shape);
    expect(err.message).toBe(overHttp.message);
  });

  it('reports domain and auth errors with their codes', async () => {
    expect((await caught(client().orgs.listMine.query())).data?.code).toBe('UNAUTHORIZED');
    const wrong = await caught(client().auth.login.mutate({ email: 'ada@example.com', password: 'wrong password' }));
    expect(wrong.data?.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe('wrong email or password');
  });

  it('refuses senders that are not allowed, and malformed requests', async () => {
    expect((await caught(client(1, false).auth.session.query())).data?.code).toBe('FORBIDDEN');

    const raw = ipc.renderer();
    for (const request of [null, { type: 'subscription', path: 'auth.session' }, { type: 'query', path: 'x', extra: 1 }]) {
      const text = await raw.invoke(TRPC_CHANNEL, request);
      expect(JSON.parse(text as string)).toMatchObject({ error: { data: { code: 'BAD_REQUEST' } } });
    }
    const notJson = JSON.parse(await raw.invoke(TRPC_CHANNEL, { type: 'query', path: 'auth.session', input: '{' }) as string);
    expect(notJson).toMatchObject({ error: { data: { code: 'PARSE_ERROR' } } });
    const unknown = JSON.parse(await raw.invoke(TRPC_CHANNEL, { type: 'mutation', path: 'auth.session' }) as string);
    expect(unknown).toMatchObject({ error: { data: { code: 'NOT_FOUND' } } });
  });

  it('turns a subscription into a client error instead of hanging', async () => {
    const link = ipcLink<AppRouter>(createBridge(ipc.renderer()));
    const err = await new Promise<unknown>((resolve) => {
      link({} as never)({ op: { type: 'subscription', path: 'x', input: undefined, id: 1, context: {}, signal: null }, next: () => {
        throw new Error('unreachable');
      } }).subscribe({ error: resolve });
    });
    expect(err).toBeInstanceOf(TRPCClientError);
  });
});
