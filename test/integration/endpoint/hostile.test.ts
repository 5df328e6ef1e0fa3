import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLeadsDb, startServer, type RunningServer } from '../../support/built-server.ts';
import { listLeads } from './leads.ts';

/**
 * Hostile input against the real built server and a real SQLite file: every answer is a 4xx with
 * a reason (or a normal success for input that is merely odd), nothing is stored for refused
 * input, and the server still serves pages afterwards.
 */
let server: RunningServer;
let db: ReturnType<typeof makeLeadsDb>;
beforeAll(async () => {
  db = makeLeadsDb();
  server = await startServer({ leadsDb: db.path, env: { LEAD_RATE_LIMIT: '100000' } });
});
afterAll(async () => {
  await server?.stop();
  db?.remove();
});

const valid = { leadType: 'patient', name: 'Ana Ruiz', phone: '503 555 0142', timing: 'flexible', consent: true };
const post = (body: BodyInit, contentType = 'application/json', headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/api/leads`, { method: 'POST', body, headers: { 'content-type': contentType, origin: server.origin, ...headers }, redirect: 'manual' });
const json = (value: unknown) => post(JSON.stringify(value));
const form = (text: string) => post(text, 'application/x-www-form-urlencoded');
const bytes = (...values: number[]) => new Uint8Array(values);

const refused: [string, () => Promise<Response>, number][] = [
  ['a 33 KB JSON body', () => json({ ...valid, message: 'x'.repeat(33 * 1024) }), 413],
  ['a 1 MB form body', () => form(`leadType=patient&patient.name=${'a'.repeat(1024 * 1024)}`), 413],
  ['invalid UTF-8 in JSON', () => post(bytes(0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d)), 400],
  ['invalid UTF-8 in a form', () => post(bytes(0x6c, 0x3d, 0xc3, 0x28), 'application/x-www-form-urlencoded'), 400],
  ['broken percent-encoding', () => form('leadType=patient&patient.name=%E0%A4%A&consent=%ZZ'), 422],
  ['UTF-16 claimed as JSON', () => post(Buffer.from(JSON.stringify(valid), 'utf16le'), 'application/json; charset=utf-16'), 400],
  ['15,000 nested arrays', () => post('['.repeat(15_000) + ']'.repeat(15_000)), 422],
  ['5,000 nested objects', () => post(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`), 422],
  ['__proto__ in JSON', () => post(`{"__proto__":{"status":"booked"},${JSON.stringify(valid).slice(1)}`), 422],
  ['constructor.prototype in JSON', () => json({ ...valid, constructor: { prototype: { status: 'booked' } } }), 422],
  ['__proto__ in a form', () => form('leadType=patient&patient.name=A&patient.phone=5035550100&patient.timing=asap&consent=yes&__proto__[status]=booked'), 422],
  ['CRLF in a name (header injection)', () => json({ ...valid, name: 'Ana\r\nBcc: victim@example.com' }), 422],
  ['a NUL byte', () => json({ ...valid, name: 'Ana\u0000' }), 422],
  ['a lone surrogate', () => post('{"leadType":"patient","name":"\\ud800","phone":"5035550142","timing":"asap","consent":true}'), 422],
  ['a right-to-left override in a phone number', () => json({ ...valid, phone: '\u202e2410555305' }), 422],
  ['a name of 101 emoji', () => json({ ...valid, name: '😀'.repeat(101) }), 422],
  ['mass assignment of status', () => json({ ...valid, status: 'booked' }), 422],
  ['mass assignment of route and score', () => json({ ...valid, route: { queue: 'vip' }, score: 100 }), 422],
  ['mass assignment of id and createdAt', () => json({ ...valid, id: '01', createdAt: '2000-01-01' }), 422],
  ['wrong types', () => json({ leadType: 'patient', name: 42, phone: ['503'], timing: null, consent: 'no' }), 422],
  ['an array', () => json([valid, valid]), 422],
  ['a bare string', () => json('lead'), 422],
  ['null', () => post('null'), 422],
  ['an empty JSON body', () => post(''), 400],
  ['3,000 unknown form fields', () => form(Array.from({ length: 3000 }, (_, i) => `f${i}=x`).join('&')), 422],
  ['an unknown location id', () => json({ ...valid, location: 'atlantis' }), 422],
  ['a path in a location id', () => json({ ...valid, location: '../../etc/passwd' }), 422],
  ['multipart', () => post('--x\r\nContent-Disposition: form-data; name="leadType"\r\n\r\npatient\r\n--x--', 'multipart/form-data; boundary=x'), 415],
  ['text/plain from another site', () => post('leadType=patient', 'text/plain', { origin: 'https://evil.example' }), 403],
];

describe('refused input', () => {
  it.each(refused)('%s → %s, stores nothing', async (_, send, status) => {
    const before = listLeads(server.leadsDb).length;
    const response = await send();
    expect(response.status).toBe(status);
    expect((await response.text()).length).toBeGreaterThan(0);
    expect(listLeads(server.leadsDb).length).toBe(before);
  });
});

describe('odd but acceptable input is stored exactly as sent', () => {
  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['SQL', "Robert'); DROP TABLE leads;--"],
    ['emoji and accents', 'Zoë 😀 Ñúñez'],
    ['right-to-left script', 'مريم'],
    ['a zero-width joiner', 'A\u200db'],
  ])('%s in a name', async (_, name) => {
    const response = await json({ ...valid, name });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(listLeads(server.leadsDb).find((lead) => lead.id === id)?.fields['name']).toBe(name);
  });

  it('a multi-line message (no medical details asked for)', async () => {
    const response = await json({ ...valid, name: 'Multi Line', message: 'Line one\r\nLine two' });
    expect(response.status).toBe(201);
  });
});

describe('afterwards', () => {
  it('the server is healthy and the leads table intact', async () => {
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
    expect((await json({ ...valid, name: 'Still Working' })).status).toBe(201);
    expect(listLeads(server.leadsDb).some((lead) => lead.fields['name'] === 'Still Working')).toBe(true);
  });
});
