/**
 * The words of the emails a lead makes: the team's notification, reminder and escalation, and the
 * person's confirmation. Pure: the SMTP sender (src/server/delivery/smtp.ts) sends them.
 *
 * A lead is protected health information, and email is neither private nor audited. So these
 * messages never read `lead.fields`: no name, contact details, message, date of birth, insurance
 * or service (a service can name a condition). Staff get what to do next (queue, priority, due
 * time and a link to the lead in the intake inbox); the person gets when we will answer.
 */
import { getDueAt, type DeliverySettings } from './delivery.ts';
import type { StoredLead } from './store.ts';
import { formatPhone, telHref } from '../format.ts';
import { escapeHtml } from '../html.ts';

/** One email's subject and its plain-text and HTML bodies. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** The team's messages for one lead. */
export type TeamEmailPurpose = 'lead' | 'reminder' | 'escalation';

/**
 * The team's email for a lead. The subject depends only on purpose, priority and queue, so that it
 * can never carry anything the person typed.
 * @param options.inboxUrl The intake inbox, ending in '/'; the lead is at `${inboxUrl}leads/<id>/`.
 * @param options.timeZone IANA time zone the due time is written in.
 * @param options.concealQueue For a route marked `conceal` (its queue's name would reveal a
 *   condition, such as behavioral-health-intake): the email says "your team" and names no queue.
 */
export function composeTeamEmail(lead: StoredLead, options: { purpose: TeamEmailPurpose; inboxUrl: string; timeZone: string; organizationName: string; concealQueue?: boolean }): EmailContent {
  const { priority } = lead.route;
  const concealed = options.concealQueue === true;
  const queue = concealed ? 'your team' : lead.route.queue;
  const inQueue = concealed ? 'for your team' : `in the ${queue} queue`;
  const due = formatDueAt(getDueAt(lead), options.timeZone);
  const link = `${options.inboxUrl}leads/${encodeURIComponent(lead.id)}/`;
  const { subject, action } = {
    lead: {
      subject: `New ${priority} request for ${queue}`,
      action: `A new ${priority} request is waiting ${inQueue}. Open it in the intake inbox and contact the person by ${due}.`,
    },
    reminder: {
      subject: `Overdue: ${priority} request for ${queue}`,
      action: `This ${priority} request ${inQueue} was due by ${due} and nobody has contacted the person yet. Contact them now, then mark the lead contacted in the intake inbox.`,
    },
    escalation: {
      subject: `Escalation: ${priority} request for ${queue} not yet contacted`,
      action: `This ${priority} request ${inQueue} is still not contacted, well past its due time (${due}). Make sure someone contacts the person now.`,
    },
  }[options.purpose];
  const facts: [string, string][] = [...(concealed ? [] : [['Queue', queue] as [string, string]]), ['Priority', priority], ['Due', due], ['Type', lead.leadType]];
  const privacy = 'The details are in the intake inbox, never in email.';
  const text = [action, '', ...facts.map(([label, value]) => `${label}: ${value}`), '', `Open the lead: ${link}`, '', privacy, '', `${options.organizationName} intake`, ''].join('\n');
  const html = renderHtml(subject, [
    `<p>${escapeHtml(action)}</p>`,
    `<table role="presentation">${facts.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`,
    `<p><a href="${escapeHtml(link)}">Open the lead in the intake inbox</a></p>`,
    `<p>${escapeHtml(privacy)}</p>`,
    `<p>${escapeHtml(options.organizationName)} intake</p>`,
  ]);
  return { subject, text, html };
}

/**
 * "We received your request" to the person who gave an email address. It says when the team will
 * answer, in the organization's time zone, and names nothing the person wrote: whoever reads
 * their mailbox learns no more than that they asked this organization to contact them.
 */
export function composeConfirmation(lead: StoredLead, options: { organization: DeliverySettings['organization'] }): EmailContent {
  const { organization } = options;
  const due = formatDueAt(getDueAt(lead), organization.timeZone);
  const phone = formatPhone(organization.phone);
  const subject = `${organization.name}: we received your request`;
  const received = `We received your request. Our team will contact you by ${due}.`;
  const emergency = 'If this is an emergency, call 911.';
  const call = `To talk to us sooner, call ${phone}.`;
  const notYou = 'If you did not send a request, you can ignore this email.';
  const text = [received, '', emergency, '', call, '', notYou, '', organization.name, ''].join('\n');
  const html = renderHtml(subject, [
    `<p>${escapeHtml(received)}</p>`,
    `<p><strong>${escapeHtml(emergency)}</strong></p>`,
    `<p>To talk to us sooner, call <a href="${escapeHtml(telHref(organization.phone))}">${escapeHtml(phone)}</a>.</p>`,
    `<p>${escapeHtml(notYou)}</p>`,
    `<p>${escapeHtml(organization.name)}</p>`,
  ]);
  return { subject, text, html };
}

/** "Tue, Dec 1, 2:30 PM PST": when a lead is due, in the given IANA time zone. */
function formatDueAt(date: Date, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(date);
  // ICU puts a narrow no-break space before "PM"; a plain one keeps the message plain ASCII.
  return formatted.replace(/[\u202f\u00a0]/g, ' ');
}

/** A bare HTML document: no images, no remote styles, no tracking. */
function renderHtml(title: string, body: readonly string[]): string {
  return ['<!doctype html>', '<html lang="en">', `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`, '<body>', ...body, '</body>', '</html>', ''].join('\n');
}
