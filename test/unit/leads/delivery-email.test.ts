import { describe, expect, it } from 'vitest';
import { composeConfirmation, composeTeamEmail, type TeamEmailPurpose } from '@/lib/leads/delivery-email.ts';
import { buildPhiLead, findPlanted, ORGANIZATION, PERSON } from './support/phi-lead.ts';

const INBOX = 'https://inbox.riverbend.example/';
const LINK = 'https://inbox.riverbend.example/leads/01KBQ7ZR4X9E2M8N6T5V3W1Y0A/';
const PURPOSES: TeamEmailPurpose[] = ['lead', 'reminder', 'escalation'];
const team = (purpose: TeamEmailPurpose, lead = buildPhiLead()) => composeTeamEmail(lead, { purpose, inboxUrl: INBOX, timeZone: 'America/Los_Angeles', organizationName: 'Riverbend Health' });

describe('composeTeamEmail', () => {
  it.each([
    ['lead', 'urgent', 'New urgent request for urgent-care-desk'],
    ['reminder', 'urgent', 'Overdue: urgent request for urgent-care-desk'],
    ['escalation', 'urgent', 'Escalation: urgent request for urgent-care-desk not yet contacted'],
    ['lead', 'low', 'New low request for urgent-care-desk'],
    ['reminder', 'high', 'Overdue: high request for urgent-care-desk'],
  ] as const)('%s, %s: the subject is "%s"', (purpose, priority, subject) => {
    const lead = buildPhiLead({ route: { ...buildPhiLead().route, priority } });
    expect(team(purpose, lead).subject).toBe(subject);
  });

  it('says what to do, the queue, priority, due time and type, and links to the lead', () => {
    expect(team('lead').text).toMatchInlineSnapshot(`
      "A new urgent request is waiting in the urgent-care-desk queue. Open it in the intake inbox and contact the person by Tue, Dec 1, 2:30 PM PST.

      Queue: urgent-care-desk
      Priority: urgent
      Due: Tue, Dec 1, 2:30 PM PST
      Type: patient

      Open the lead: https://inbox.riverbend.example/leads/01KBQ7ZR4X9E2M8N6T5V3W1Y0A/

      The details are in the intake inbox, never in email.

      Riverbend Health intake
      "
    `);
  });

  it.each(PURPOSES)('%s: the HTML part says the same, escaped, with nothing remote but the link', (purpose) => {
    const { html, text } = team(purpose);
    for (const [label, value] of [
      ['Queue', 'urgent-care-desk'],
      ['Priority', 'urgent'],
      ['Due', 'Tue, Dec 1, 2:30 PM PST'],
      ['Type', 'patient'],
    ]) {
      expect(text).toContain(`\n${label}: ${value}\n`);
      expect(html).toContain(`<tr><th align="left">${label}</th><td>${value}</td></tr>`);
    }
    expect(text).toContain(`\nOpen the lead: ${LINK}\n`);
    expect(html).toContain('<p>The details are in the intake inbox, never in email.</p>');
    expect(html).toContain(`<a href="${LINK}">Open the lead in the intake inbox</a>`);
    expect(html.match(/https?:\/\/[^"\s<]*/g)).toEqual([LINK]);
    expect(html).not.toMatch(/<img|<link|<script|<style|style=|src=|url\(/i);
  });

  it.each(PURPOSES)('%s: nothing the person typed, nor the service, is in the subject or either body', (purpose) => {
    const { subject, text, html } = team(purpose);
    expect(findPlanted(`${subject}\n${text}\n${html}`)).toEqual([]);
    expect(`${subject}${text}${html}`).not.toContain(PERSON.email);
  });

  it.each(PURPOSES)('%s: reads nothing the person gave: a lead with no fields gets the same email', (purpose) => {
    const bare = buildPhiLead({ fields: {}, attribution: {}, flags: [], route: { ...buildPhiLead().route, matchedRule: null } });
    expect(team(purpose, bare)).toEqual(team(purpose));
  });

  it('the reminder says the lead is overdue, the escalation that it is still not contacted', () => {
    expect(team('reminder').text.split('\n')[0]).toBe(
      'This urgent request in the urgent-care-desk queue was due by Tue, Dec 1, 2:30 PM PST and nobody has contacted the person yet. Contact them now, then mark the lead contacted in the intake inbox.',
    );
    expect(team('escalation').text.split('\n')[0]).toBe(
      'This urgent request in the urgent-care-desk queue is still not contacted, well past its due time (Tue, Dec 1, 2:30 PM PST). Make sure someone contacts the person now.',
    );
  });

  it.each([
    ['America/Denver', 'Tue, Dec 1, 3:30 PM MST'],
    ['America/New_York', 'Tue, Dec 1, 5:30 PM EST'],
    ['Europe/Berlin', 'Tue, Dec 1, 11:30 PM GMT+1'],
    ['Pacific/Auckland', 'Wed, Dec 2, 11:30 AM GMT+13'],
  ])('writes the due time in %s', (timeZone, due) => {
    const { text } = composeTeamEmail(buildPhiLead(), { purpose: 'lead', inboxUrl: INBOX, timeZone, organizationName: 'Riverbend Health' });
    expect(text).toContain(`Due: ${due}\n`);
  });

  it('due is created + the response target, across midnight and a daylight saving change', () => {
    const lead = buildPhiLead({ createdAt: '2026-03-08T09:30:00.000Z', route: { ...buildPhiLead().route, responseTargetMinutes: 24 * 60 } });
    expect(team('lead', lead).text).toContain('Due: Mon, Mar 9, 2:30 AM PDT\n');
  });

  it.each(PURPOSES)('%s for a concealed route names no queue, so a queue such as behavioral-health-intake stays out', (purpose) => {
    const lead = buildPhiLead({ route: { ...buildPhiLead().route, queue: 'behavioral-health-intake' } });
    const email = composeTeamEmail(lead, { purpose, inboxUrl: INBOX, timeZone: 'America/Los_Angeles', organizationName: 'Riverbend Health', concealQueue: true });
    for (const part of [email.subject, email.text, email.html]) expect(part.toLowerCase()).not.toContain('behavioral');
    expect(email.subject).toContain('request for your team');
    expect(email.text).toContain(LINK);
    expect(email.text).toContain('Priority: urgent');
  });

  it('escapes the organization name in HTML', () => {
    const { html, text } = composeTeamEmail(buildPhiLead(), { purpose: 'lead', inboxUrl: INBOX, timeZone: 'UTC', organizationName: 'Smith & <Jones> "Care"' });
    expect(html).toContain('<p>Smith &amp; &lt;Jones&gt; &quot;Care&quot; intake</p>');
    expect(text).toContain('Smith & <Jones> "Care" intake');
  });
});

describe('composeConfirmation', () => {
  const confirmation = composeConfirmation(buildPhiLead(), { organization: ORGANIZATION });

  it('says we received it, when we will answer, to call 911 in an emergency, and how to call us', () => {
    expect(confirmation.subject).toBe('Riverbend Health: we received your request');
    expect(confirmation.text).toMatchInlineSnapshot(`
      "We received your request. Our team will contact you by Tue, Dec 1, 2:30 PM PST.

      If this is an emergency, call 911.

      To talk to us sooner, call (503) 555-0100.

      If you did not send a request, you can ignore this email.

      Riverbend Health
      "
    `);
    expect(confirmation.html).toContain('<p>We received your request. Our team will contact you by Tue, Dec 1, 2:30 PM PST.</p>');
    expect(confirmation.html).toContain('<strong>If this is an emergency, call 911.</strong>');
    expect(confirmation.html).toContain('<a href="tel:+15035550100">(503) 555-0100</a>');
    expect(confirmation.html).not.toMatch(/<img|<link|<script|<style|style=|src=|url\(|https?:/i);
  });

  it('names nothing the person typed, not even their name or address, and no service', () => {
    const { subject, text, html } = confirmation;
    expect(findPlanted(`${subject}\n${text}\n${html}`)).toEqual([]);
    expect(`${subject}${text}${html}`).not.toContain(PERSON.email);
  });

  it("writes the due time in the organization's time zone", () => {
    const { text } = composeConfirmation(buildPhiLead(), { organization: { ...ORGANIZATION, timeZone: 'America/Chicago' } });
    expect(text).toContain('contact you by Tue, Dec 1, 4:30 PM CST.');
  });

  it('reads nothing the person gave', () => {
    expect(composeConfirmation(buildPhiLead({ fields: {}, attribution: {}, flags: [] }), { organization: ORGANIZATION })).toEqual(confirmation);
  });
});
