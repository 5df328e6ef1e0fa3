import type { CollectionName } from './collections.ts';
import { ORGANIZATION_WEBHOOK } from '../leads/delivery.ts';
import type { Condition, LocalService, Location, Organization, Provider, Routing, Service } from './schemas.ts';
import { findNearest } from '../nearest.ts';

/** One entry as both Astro's `getCollection()` and the test file reader give it. */
export interface EntryRecord<T> {
  id: string;
  /** Path of the source file, relative to the project root. */
  filePath: string;
  data: T;
}

/** Every collection's entries, after schema validation. Images may be any value. */
export interface ContentSnapshot {
  organization: EntryRecord<Organization<unknown>>[];
  locations: EntryRecord<Location<unknown>>[];
  services: EntryRecord<Service>[];
  conditions: EntryRecord<Condition>[];
  providers: EntryRecord<Provider<unknown>>[];
  locationServices: EntryRecord<LocalService>[];
  routing: EntryRecord<Routing>[];
}

/** A problem in the content, said so a writer can find and fix it. */
export interface ContentIssue {
  severity: 'error' | 'warning';
  /** The file to open. */
  file: string;
  /**
   * The field in that file, e.g. `services[2]` or `review.reviewer` (list positions from 0, as
   * the data has them; `formatIssues` shows them from 1), or `page text`.
   */
  field: string;
  /** The line of the file, from 1, when the content check knows it. */
  line?: number;
  /** The offending value, when there is one. */
  value?: string;
  /** What is wrong. */
  message: string;
  /** What would make it right. */
  fix: string;
}

type RefTarget = Exclude<CollectionName, 'organization' | 'locationServices' | 'routing'>;

/**
 * Checks what a schema cannot see on its own: references between entries, uniqueness across
 * entries, and relations that must agree from both sides. Returns every issue found, errors and
 * warnings, in a stable order; an empty list means the content is consistent.
 */
export function checkIntegrity(content: ContentSnapshot): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const ids = {
    locations: new Set(content.locations.map((e) => e.id)),
    services: new Set(content.services.map((e) => e.id)),
    conditions: new Set(content.conditions.map((e) => e.id)),
    providers: new Set(content.providers.map((e) => e.id)),
  } satisfies Record<RefTarget, Set<string>>;

  // `orElse` is the other way out, when the reference may go: after a removal it is the only one.
  const checkRef = (entry: EntryRecord<unknown>, field: string, value: string, target: RefTarget, orElse?: string): boolean => {
    if (ids[target].has(value)) return true;
    issues.push({
      severity: 'error',
      file: entry.filePath,
      field,
      value,
      message: `"${value}" is not the id of any entry in ${target}/.`,
      fix: suggestId(value, [...ids[target]], target, orElse),
    });
    return false;
  };
  const checkRefs = (entry: EntryRecord<unknown>, field: string, values: readonly string[], target: RefTarget) =>
    values.forEach((value, i) => checkRef(entry, `${field}[${i}]`, value, target, `remove "${value}" from ${field} in ${entry.filePath}`));

  checkOrganization(content, issues);
  checkRouting(content, checkRefs, issues);
  checkDelivery(content, issues);
  checkTimeZone(content, issues);

  for (const e of content.locations) checkRefs(e, 'services', e.data.services, 'services');
  for (const e of content.services) checkRefs(e, 'conditions', e.data.conditions, 'conditions');
  for (const e of content.conditions) {
    checkRefs(e, 'services', e.data.services, 'services');
    checkRef(e, 'review.reviewer', e.data.review.reviewer, 'providers');
  }
  for (const e of content.providers) {
    checkRefs(e, 'locations', e.data.locations, 'locations');
    checkRefs(e, 'services', e.data.services, 'services');
  }

  checkUnique(content.locations, 'name', (d) => d.name, issues);
  checkUnique(content.services, 'name', (d) => d.name, issues);
  checkUnique(content.conditions, 'name', (d) => d.name, issues);
  checkUnique(content.providers, 'name', (d) => d.name, issues);
  checkUnique(content.providers, 'npi', (d) => d.npi, issues);
  checkUnique(content.locationServices, 'location and service', (d) => `${d.location} × ${d.service}`, issues);

  checkServiceConditionSymmetry(content, issues);
  checkProviderServicesOffered(content, issues);
  checkLocalServices(content, checkRef, issues);
  checkServicesOffered(content, issues);
  checkVirtualServicesAtLocations(content, issues);
  checkRepeatedRefs(content, issues);

  return issues;
}

function checkOrganization(content: ContentSnapshot, issues: ContentIssue[]): void {
  if (content.organization.length === 1) return;
  const [first, ...rest] = content.organization;
  if (!first) {
    issues.push({
      severity: 'error',
      file: 'organization/',
      field: '(file)',
      message: 'There is no organization entry.',
      fix: 'Add organization/organization.yaml with the name, phone, website and logo of the organization.',
    });
    return;
  }
  for (const extra of rest) {
    issues.push({
      severity: 'error',
      file: extra.filePath,
      field: '(file)',
      message: `There may be only one organization entry; ${first.filePath} is one already.`,
      fix: `Merge the two into ${first.filePath} and delete this file.`,
    });
  }
}

/** Exactly one routing file, and every service and location its rules name exists. */
function checkRouting(
  content: ContentSnapshot,
  checkRefs: (entry: EntryRecord<unknown>, field: string, values: readonly string[], target: RefTarget) => void,
  issues: ContentIssue[],
): void {
  const [first, ...rest] = content.routing;
  if (!first) {
    issues.push({
      severity: 'error',
      file: 'routing/',
      field: '(file)',
      message: 'There are no lead routing rules, so no inquiry would reach a team.',
      fix: 'Add routing/routing.yaml with a defaultRoute and the rules (see the README).',
    });
  }
  for (const extra of rest) {
    issues.push({
      severity: 'error',
      file: extra.filePath,
      field: '(file)',
      message: `There may be only one routing file; ${first?.filePath} is one already.`,
      fix: `Move these rules into ${first?.filePath} and delete this file.`,
    });
  }
  for (const entry of content.routing) {
    entry.data.rules.forEach((rule, i) => {
      checkRefs(entry, `rules[${i}].when.services`, rule.when.services ?? [], 'services');
      checkRefs(entry, `rules[${i}].when.locations`, rule.when.locations ?? [], 'locations');
    });
  }
}

/**
 * Each route's webhooks are declared under `delivery.webhooks`, and none is `crm` (which gets
 * every lead); a declared webhook no route names gets nothing; a confirmation needs the
 * organization's address to reply to.
 */
function checkDelivery(content: ContentSnapshot, issues: ContentIssue[]): void {
  const [organization] = content.organization;
  for (const entry of content.routing) {
    const { delivery } = entry.data;
    const declared = Object.keys(delivery.webhooks);
    const named = new Set<string>();
    const routes = [
      { field: 'defaultRoute', route: entry.data.defaultRoute },
      ...entry.data.rules.map((rule, i) => ({ field: `rules[${i}].route`, route: rule.route })),
    ];
    for (const { field, route } of routes) {
      route.webhooks.forEach((name, i) => {
        named.add(name);
        const where = { severity: 'error', file: entry.filePath, field: `${field}.webhooks[${i}]`, value: name } as const;
        if (name === ORGANIZATION_WEBHOOK) {
          issues.push({
            ...where,
            message: `"${ORGANIZATION_WEBHOOK}" is the organization's webhook: it gets every lead already.`,
            fix: `Remove "${ORGANIZATION_WEBHOOK}" from webhooks here; to set its payload, declare it under delivery.webhooks.`,
          });
        } else if (!Object.hasOwn(delivery.webhooks, name)) {
          const nearest = findNearest(name, declared.filter((d) => d !== ORGANIZATION_WEBHOOK));
          issues.push({
            ...where,
            message: `"${name}" is not a webhook declared under delivery.webhooks.`,
            fix: `${nearest === undefined ? '' : `Did you mean "${nearest}"? `}Declare it under delivery.webhooks, e.g. "delivery: { webhooks: { ${name}: { payload: thin } } }", or remove it here.`,
          });
        }
      });
    }
    for (const name of declared) {
      if (name === ORGANIZATION_WEBHOOK || named.has(name)) continue;
      issues.push({
        severity: 'warning',
        file: entry.filePath,
        field: `delivery.webhooks.${name}`,
        message: `No route names the webhook "${name}", so it gets no leads.`,
        fix: `Add "${name}" to the webhooks of the routes whose leads it should get, or remove it here.`,
      });
    }
    if (delivery.confirmation && organization && organization.data.email === undefined) {
      issues.push({
        severity: 'error',
        file: organization.filePath,
        field: 'email',
        message: `${entry.filePath} sends people a confirmation (delivery.confirmation: true), but the organization gives no email address for their replies.`,
        fix: `Add the address people may write to, e.g. "email: hello@clinic.example"; or set delivery.confirmation: false in ${entry.filePath}.`,
      });
    }
  }
}

/**
 * The organization has one time zone, which opening hours are read in and shown with: its own
 * `timeZone`, or the routing file's, where it was written before locations had their own.
 */
function checkTimeZone(content: ContentSnapshot, issues: ContentIssue[]): void {
  const [organization] = content.organization;
  const [routing] = content.routing;
  if (!organization) return;
  const own = organization.data.timeZone;
  const routed = routing?.data.timeZone;
  if (own === undefined && routed === undefined) {
    issues.push({
      severity: 'error',
      file: organization.filePath,
      field: 'timeZone',
      message: 'The organization has no time zone, so no one can tell when its locations are open.',
      fix: 'Add the IANA name of its time zone, e.g. "timeZone: America/Chicago"; give a location in another zone its own timeZone.',
    });
  } else if (routing && own !== undefined && routed !== undefined && own !== routed) {
    issues.push({
      severity: 'error',
      file: routing.filePath,
      field: 'timeZone',
      value: routed,
      message: `The routing file's time zone differs from the organization's (${own} in ${organization.filePath}).`,
      fix: `Remove timeZone here: the organization's is the default; give each location in another zone its own timeZone.`,
    });
  }
}

function checkUnique<T>(
  entries: EntryRecord<T>[],
  field: string,
  key: (data: T) => string,
  issues: ContentIssue[],
): void {
  const seen = new Map<string, EntryRecord<T>>();
  for (const entry of entries) {
    const value = key(entry.data);
    const normalized = value.trim().toLowerCase();
    const first = seen.get(normalized);
    if (!first) {
      seen.set(normalized, entry);
      continue;
    }
    issues.push({
      severity: 'error',
      file: entry.filePath,
      field,
      value,
      message: `${first.filePath} has the same ${field}; two pages would share one title or identity.`,
      fix: `Give this entry a ${field} of its own, or merge the two files.`,
    });
  }
}

/** A service that treats a condition and that condition's related services must name each other. */
function checkServiceConditionSymmetry(content: ContentSnapshot, issues: ContentIssue[]): void {
  const services = new Map(content.services.map((e) => [e.id, e]));
  const conditions = new Map(content.conditions.map((e) => [e.id, e]));
  for (const service of content.services) {
    for (const conditionId of service.data.conditions) {
      const condition = conditions.get(conditionId);
      if (condition && !condition.data.services.includes(service.id)) {
        issues.push({
          severity: 'error',
          file: condition.filePath,
          field: 'services',
          message: `${service.filePath} lists "${conditionId}" among the conditions it treats, but this condition does not list "${service.id}".`,
          fix: `Add "${service.id}" to services here, or remove "${conditionId}" from conditions in ${service.filePath}.`,
        });
      }
    }
  }
  for (const condition of content.conditions) {
    for (const serviceId of condition.data.services) {
      const service = services.get(serviceId);
      if (service && !service.data.conditions.includes(condition.id)) {
        issues.push({
          severity: 'error',
          file: service.filePath,
          field: 'conditions',
          message: `${condition.filePath} lists "${serviceId}" as a related service, but this service does not list "${condition.id}".`,
          fix: `Add "${condition.id}" to conditions here, or remove "${serviceId}" from services in ${condition.filePath}.`,
        });
      }
    }
  }
}

/** A provider may only offer a service at one of their locations that offers it. */
function checkProviderServicesOffered(content: ContentSnapshot, issues: ContentIssue[]): void {
  const locations = new Map(content.locations.map((e) => [e.id, e]));
  const services = new Set(content.services.map((e) => e.id));
  // A service only by video or phone is not offered at a place: providers offer it from anywhere.
  const virtual = new Set(content.services.filter(isVirtualOnly).map((e) => e.id));
  for (const provider of content.providers) {
    const theirLocations = provider.data.locations.flatMap((id) => locations.get(id) ?? []);
    if (theirLocations.length === 0) continue;
    provider.data.services.forEach((serviceId, i) => {
      // An unknown id is reported once, as unknown: adding it to a location would be no fix.
      if (!services.has(serviceId) || virtual.has(serviceId) || theirLocations.some((l) => l.data.services.includes(serviceId))) return;
      issues.push({
        severity: 'error',
        file: provider.filePath,
        field: `services[${i}]`,
        value: serviceId,
        message: `None of this provider's locations (${provider.data.locations.join(', ')}) offers "${serviceId}", so no page could show them for it.`,
        fix: `Add "${serviceId}" to services in one of ${theirLocations.map((l) => l.filePath).join(', ')}, or remove it here.`,
      });
    });
  }
}

/** An override page must be for a pair that gets a page: the location offers the service. */
function checkLocalServices(
  content: ContentSnapshot,
  checkRef: (entry: EntryRecord<unknown>, field: string, value: string, target: RefTarget, orElse?: string) => boolean,
  issues: ContentIssue[],
): void {
  const locations = new Map(content.locations.map((e) => [e.id, e]));
  for (const entry of content.locationServices) {
    const orElse = `delete ${entry.filePath} if that page is gone`;
    const locationOk = checkRef(entry, 'location', entry.data.location, 'locations', orElse);
    const serviceOk = checkRef(entry, 'service', entry.data.service, 'services', orElse);
    const location = locations.get(entry.data.location);
    if (!locationOk || !serviceOk || !location || location.data.services.includes(entry.data.service)) continue;
    issues.push({
      severity: 'error',
      file: entry.filePath,
      field: 'service',
      value: entry.data.service,
      message: `${location.filePath} does not offer "${entry.data.service}", so there is no page for this pair.`,
      fix: `Add "${entry.data.service}" to services in ${location.filePath}, or delete this file.`,
    });
  }
}

/** A service no location offers has no location pages and no place to book; likely an oversight. */
function checkServicesOffered(content: ContentSnapshot, issues: ContentIssue[]): void {
  const offered = new Set(content.locations.flatMap((l) => l.data.services));
  for (const service of content.services) {
    if (offered.has(service.id) || isVirtualOnly(service)) continue;
    issues.push({
      severity: 'warning',
      file: service.filePath,
      field: '(entry)',
      message: 'No location offers this service, so its page has no place to book or call.',
      fix: `Add "${service.id}" to services in the locations that offer it.`,
    });
  }
}

/**
 * A service only by video or phone has no location pages: listed at a location it would get a
 * page giving the clinic's address and parking for a visit that happens at home.
 */
function checkVirtualServicesAtLocations(content: ContentSnapshot, issues: ContentIssue[]): void {
  const virtual = new Map(content.services.filter(isVirtualOnly).map((e) => [e.id, e]));
  for (const location of content.locations) {
    location.data.services.forEach((serviceId, i) => {
      const service = virtual.get(serviceId);
      if (!service) return;
      issues.push({
        severity: 'error',
        file: location.filePath,
        field: `services[${i}]`,
        value: serviceId,
        message: `"${serviceId}" is delivered only by ${service.data.delivery.join(' and ')} (${service.filePath}), so it has no page at a location.`,
        fix: `Remove "${serviceId}" from services here; its own page says how to get it. If it is also offered in person here, add in-person to delivery in ${service.filePath}.`,
      });
    });
  }
}

const isVirtualOnly = (service: { data: { delivery: readonly string[] } }) => !service.data.delivery.includes('in-person');

/** The same id twice in one list is a copy-paste slip that would show an entry twice. */
function checkRepeatedRefs(content: ContentSnapshot, issues: ContentIssue[]): void {
  const lists: [EntryRecord<unknown>, string, readonly string[]][] = [
    ...content.locations.map((e): [EntryRecord<unknown>, string, readonly string[]] => [e, 'services', e.data.services]),
    ...content.services.map((e): [EntryRecord<unknown>, string, readonly string[]] => [e, 'conditions', e.data.conditions]),
    ...content.conditions.map((e): [EntryRecord<unknown>, string, readonly string[]] => [e, 'services', e.data.services]),
    ...content.providers.flatMap((e): [EntryRecord<unknown>, string, readonly string[]][] => [
      [e, 'locations', e.data.locations],
      [e, 'services', e.data.services],
    ]),
  ];
  for (const [entry, field, values] of lists) {
    values.forEach((value, i) => {
      if (values.indexOf(value) === i) return;
      issues.push({
        severity: 'error',
        file: entry.filePath,
        field: `${field}[${i}]`,
        value,
        message: `"${value}" is listed twice in ${field}.`,
        fix: `Remove the second "${value}".`,
      });
    });
  }
}

/**
 * A fix for an unknown id: the nearest valid id when one is close, then all valid ids, then
 * `orElse` (the other way out, e.g. `remove "hill" from locations in content/providers/ana-ruiz.mdx`).
 */
export function suggestId(value: string, validIds: string[], collection: string, orElse?: string): string {
  const sorted = [...validIds].sort();
  if (sorted.length === 0) return `There are no entries in ${collection}/ yet; add one or remove this reference.`;
  const nearest = findNearest(value, sorted);
  const hint = nearest === undefined ? '' : `Did you mean "${nearest}"? `;
  return `${hint}Valid ids in ${collection}/: ${sorted.join(', ')}${orElse === undefined ? '' : `; or ${orElse}`}.`;
}


/** The issues as a writer reads them: grouped by file, each with its line, field, value and fix. */
export function formatIssues(issues: ContentIssue[]): string {
  const byFile = new Map<string, ContentIssue[]>();
  for (const issue of issues) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
  const blocks = [...byFile].map(([file, fileIssues]) => {
    const lines = fileIssues.map((i) => {
      const value = i.value === undefined ? '' : ` = "${i.value}"`;
      const line = i.line === undefined ? '' : `line ${i.line}, `;
      const where = i.field === 'page text' ? 'the page text' : `field ${formatField(i.field)}`;
      return `  ${line}${i.severity} in ${where}${value}\n    ${i.message}\n    fix: ${i.fix}`;
    });
    return `${file}\n${lines.join('\n')}`;
  });
  return blocks.join('\n\n');
}

/** A field as a writer counts: list positions from 1 (`hours[0]` is the first, shown `hours[1]`). */
export function formatField(field: string): string {
  return field.replace(/\[(\d+)\]/g, (_, n: string) => `[${Number(n) + 1}]`);
}
