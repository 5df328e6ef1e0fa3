import { describe, expect, it } from 'vitest';
import type { StoredLead } from '@/lib/leads/store.ts';
import { buildWebhookBody } from '@/lib/leads/webhook-payload.ts';

const INBOX = 'https://intake.clinic.example/';

/** Distinct, unusual strings in every place a person can type, so that a leak of any one shows. */
const PLANTED = {
  name: 'Quillon Zebrafinch-Marrowby',
  phone: '+1 (503) 555-0917',
  email: 'q.marrowby.planted@mailbox.example',
  message: 'My left knee creaks like a wombat lullaby',
  dateOfBirth: '1913-07-29',
  insuranceMemberId: 'MBR-QX7-90412',
  plan: 'Wobblewhistle Mutual Gold',
  practice: 'Fenwick-Oddlebury Family Practice',
  organization: 'Plumtree Gasket Works',
  anyField: 'Xylophone-Gargoyle 4471',
};
const PLANTED_ATTRIBUTION = { landingPage: '/services/physical-therapy/', utm_term: 'creaky wombat knee', referrer: 'https://search.example' };

function buildLead(overrides: Partial<StoredLead> = {}): StoredLead {
  return {
    id: '01JZ8Q4M6T9X2B7C3D5E8F1G0H',
    createdAt: '2026-03-02T15:04:05.000Z',
    leadType: 'patient',
    status: 'new',
    fields: { ...PLANTED, timing: 'this-week', service: 'physical-therapy', location: 'portland-east', consent: 'given' },
    attribution: PLANTED_ATTRIBUTION,
    channel: { channel: 'other-sites', rule: 'other-site-referrer' },
    route: { queue: 'intake-portland', priority: 'high', responseTargetMinutes: 90, matchedRule: 'portland-rehab' },
    score: 65,
    flags: ['insurance-not-on-file'],
    fit: { serviceOfferedAtLocation: true, insuranceAccepted: false },
    submissionKey: '0d6f4c1e-7f55-4a8f-9f6e-2f0b7c9d1a11',
    contentHash: 'hash-quillon',
    ...overrides,
  };
}

describe('buildWebhookBody', () => {
  it('writes a thin lead.created event with the route, due time and a link, keys in a stable order', () => {
    const body = buildWebhookBody(buildLead(), { payload: 'thin', inboxUrl: INBOX });
    // Re-indented, not re-parsed into a snapshot that sorts keys: the order is part of what is tested.
    expect(JSON.stringify(JSON.parse(body), null, 2)).toMatchInlineSnapshot(`
      "{
        "type": "lead.created",
        "timestamp": "2026-03-02T15:04:05.000Z",
        "data": {
          "id": "01JZ8Q4M6T9X2B7C3D5E8F1G0H",
          "leadType": "patient",
          "queue": "intake-portland",
          "priority": "high",
          "responseTargetMinutes": 90,
          "dueAt": "2026-03-02T16:34:05.000Z",
          "score": 65,
          "fit": {
            "insuranceAccepted": false,
            "serviceOfferedAtLocation": true
          },
          "flags": [
            "insurance-not-on-file"
          ],
          "service": "physical-therapy",
          "location": "portland-east",
          "createdAt": "2026-03-02T15:04:05.000Z",
          "url": "https://intake.clinic.example/leads/01JZ8Q4M6T9X2B7C3D5E8F1G0H/"
        }
      }"
    `);
  });

  it('carries none of the planted personal values anywhere in a thin body', () => {
    const body = buildWebhookBody(buildLead(), { payload: 'thin', inboxUrl: INBOX });
    const planted = [...Object.values(PLANTED), ...Object.values(PLANTED_ATTRIBUTION), 'hash-quillon', '0d6f4c1e-7f55-4a8f-9f6e-2f0b7c9d1a11'];
    for (const value of planted) expect(body).not.toContain(value);
    // Nor in JSON's escaped form, nor any key naming a submitted field.
    for (const value of planted) expect(body).not.toContain(JSON.stringify(value).slice(1, -1));
    for (const key of ['name', 'phone', 'email', 'message', 'dateOfBirth', 'insuranceMemberId', 'fields', 'attribution']) expect(body).not.toContain(`"${key}"`);
  });

  it('puts every field, the attribution and the matched rule in a full body, after the thin data', () => {
    const body = buildWebhookBody(buildLead(), { payload: 'full', inboxUrl: INBOX });
    for (const value of [...Object.values(PLANTED), ...Object.values(PLANTED_ATTRIBUTION)]) expect(body).toContain(JSON.stringify(value));
    const data = (JSON.parse(body) as { data: Record<string, unknown> }).data;
    expect(Object.keys(data)).toEqual([
      'id',
      'leadType',
      'queue',
      'priority',
      'responseTargetMinutes',
      'dueAt',
      'score',
      'fit',
      'flags',
      'service',
      'location',
      'createdAt',
      'url',
      'matchedRule',
      'fields',
      'attribution',
    ]);
    expect(data['matchedRule']).toBe('portland-rehab');
    expect(data['fields']).toEqual({ ...PLANTED, timing: 'this-week', service: 'physical-therapy', location: 'portland-east', consent: 'given' });
    expect(Object.keys(data['fields'] as object)).toEqual(Object.keys(data['fields'] as object).toSorted());
    expect(data['attribution']).toEqual(PLANTED_ATTRIBUTION);
  });

  it('writes the same body for the same lead whatever order its records were stored in', () => {
    const lead = buildLead();
    const reordered = buildLead({
      fields: Object.fromEntries(Object.entries(lead.fields).toReversed()),
      attribution: Object.fromEntries(Object.entries(lead.attribution).toReversed()),
      fit: Object.fromEntries(Object.entries(lead.fit).toReversed()),
    });
    expect(buildWebhookBody(reordered, { payload: 'full', inboxUrl: INBOX })).toBe(buildWebhookBody(lead, { payload: 'full', inboxUrl: INBOX }));
  });

  it('flags a quarantined lead, and only that one', () => {
    const spam = JSON.parse(buildWebhookBody(buildLead({ status: 'spam' }), { payload: 'thin', inboxUrl: INBOX })) as { data: Record<string, unknown> };
    expect(spam.data['quarantined']).toBe(true);
    expect(Object.keys(spam.data).slice(0, 3)).toEqual(['id', 'leadType', 'quarantined']);
    for (const status of ['new', 'contacted', 'booked', 'closed'] as const) {
      expect(buildWebhookBody(buildLead({ status }), { payload: 'full', inboxUrl: INBOX })).not.toContain('quarantined');
    }
  });

  it.each([
    [1, '2026-03-02T15:05:05.000Z'],
    [240, '2026-03-02T19:04:05.000Z'],
    [7 * 24 * 60, '2026-03-09T15:04:05.000Z'],
  ])('writes dueAt as created + %i minutes', (minutes, dueAt) => {
    const lead = buildLead({ route: { queue: 'q', priority: 'normal', responseTargetMinutes: minutes, matchedRule: null } });
    const data = (JSON.parse(buildWebhookBody(lead, { payload: 'thin', inboxUrl: INBOX })) as { data: { dueAt: string } }).data;
    expect(data.dueAt).toBe(dueAt);
  });

  it('writes null for a service or location the lead has not, and for one that is not an id', () => {
    const lead = buildLead({ fields: { name: PLANTED.name, location: 'Call me at 555 0917' } });
    const data = (JSON.parse(buildWebhookBody(lead, { payload: 'thin', inboxUrl: INBOX })) as { data: Record<string, unknown> }).data;
    expect(data['service']).toBeNull();
    expect(data['location']).toBeNull();
  });

  it.each([
    ['https://intake.clinic.example/', 'https://intake.clinic.example/leads/01JZ8Q4M6T9X2B7C3D5E8F1G0H/'],
    ['https://intake.clinic.example', 'https://intake.clinic.example/leads/01JZ8Q4M6T9X2B7C3D5E8F1G0H/'],
    ['https://clinic.example/intake', 'https://clinic.example/intake/leads/01JZ8Q4M6T9X2B7C3D5E8F1G0H/'],
    ['https://clinic.example/intake/', 'https://clinic.example/intake/leads/01JZ8Q4M6T9X2B7C3D5E8F1G0H/'],
    ['http://localhost:4322/', 'http://localhost:4322/leads/01JZ8Q4M6T9X2B7C3D5E8F1G0H/'],
  ])('links the lead under the inbox %s', (inboxUrl, url) => {
    const data = (JSON.parse(buildWebhookBody(buildLead(), { payload: 'thin', inboxUrl })) as { data: { url: string } }).data;
    expect(data.url).toBe(url);
  });

  it.each(['intake.clinic.example', '/intake/', 'ftp://intake.clinic.example/', 'https://intake.clinic.example/?x=1', 'https://intake.clinic.example/#top', ''])(
    'refuses the inbox URL %j, naming INTAKE_URL',
    (inboxUrl) => {
      expect(() => buildWebhookBody(buildLead(), { payload: 'thin', inboxUrl })).toThrow(
        /^INTAKE_URL must be the inbox's absolute URL, without query or fragment, such as https:\/\/intake\.clinic\.example\/; got /,
      );
    },
  );
});
