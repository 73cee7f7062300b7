/** shared/http/route-dispatch.ts: one function, several routes of the table, each its own handler by route key. */
import type { Context } from 'aws-lambda';
import type { Deps } from '../../shared/adapters/deps.js';
import type { HttpEvent, HttpResponse } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';

/** A route's handler answering `body`; bound, it answers `body` and the dependency object's name. */
const reply = (body: string, bound?: string) =>
  Object.assign((): Promise<HttpResponse> => Promise.resolve({ statusCode: 200, body: bound === undefined ? body : `${body}@${bound}` }), {
    withDeps: (deps: Deps) => reply(body, (deps as unknown as { name: string }).name),
  });
const event = (routeKey: unknown) => ({ routeKey }) as unknown as HttpEvent;
const ctx = {} as Context;
const ALL = {
  'POST /me/correction-requests': reply('file'),
  'POST /me/complaints': reply('complain'),
  'GET /me/rights-cases': reply('list'),
};

test('each route key reaches its own handler', async () => {
  const h = dispatchByRoute('rights-participant', ALL);
  expect((await h(event('POST /me/complaints'), ctx)).body).toBe('complain');
  expect((await h(event('GET /me/rights-cases'), ctx)).body).toBe('list');
});

test('withDeps binds every route of the function to the given dependency object', async () => {
  const h = dispatchByRoute('rights-participant', ALL).withDeps({ name: 'mine' } as unknown as Deps);
  expect((await h(event('POST /me/complaints'), ctx)).body).toBe('complain@mine');
  expect((await h(event('GET /me/rights-cases'), ctx)).body).toBe('list@mine');
  expect((await h(event('GET /me/attendance'), ctx)).statusCode).toBe(404);
});

test('a key the function does not serve (or none, or an inherited one) is a 404 with a code', async () => {
  const h = dispatchByRoute('rights-participant', ALL);
  for (const key of ['GET /me/attendance', undefined, 'toString', '__proto__']) {
    const r = await h(event(key), ctx);
    expect([r.statusCode, JSON.parse(String(r.body)).code, r.headers?.['x-content-type-options']]).toEqual([404, 'NO_SUCH_ROUTE', 'nosniff']);
  }
});

test('a route of the table without a handler, or a handler without a route, fails when the module loads', () => {
  const { 'GET /me/rights-cases': _list, ...missing } = ALL;
  expect(() => dispatchByRoute('rights-participant', missing)).toThrow('routes without a handler [GET /me/rights-cases]');
  expect(() => dispatchByRoute('rights-participant', { ...ALL, 'GET /elsewhere': reply('x') })).toThrow('handlers without a route [GET /elsewhere]');
});
