import type { LeadSiteContext } from '../leads/submit.ts';
import { ORGANIZATION_WEBHOOK, type DeliverySettings } from '../leads/delivery.ts';
import { getOrganizationTimeZone } from '../hours.ts';
import { byName, byServiceOrder } from './relations.ts';
import { getListingCity } from '../format.ts';
import type { Location, Organization, Routing, Service } from './schemas.ts';
import { resolveChannelRules } from '../funnel/channels.ts';
import type { LocationChoice } from '../leads/location-choices.ts';

/** The few facts the request form and the lead endpoint need, read without the rest of the site. */
export interface LeadSite {
  /** By name, with what the form needs to choose a page's nearby ones. */
  locations: LocationChoice[];
  services: { id: string; name: string }[];
  /** The same facts as the lead pipeline takes them. */
  context: LeadSiteContext;
  /** Who sends what once a lead is stored, as the build writes it to dist/server/delivery-settings.json. */
  delivery: DeliverySettings;
}

type Entry<T> = { id: string; data: T };

/**
 * The form's lists (locations by name, the services people can ask for, in their order) and the
 * lead pipeline's facts, each location's hours in its own time zone or the organization's. A
 * support service that is not bookable is in neither: a request naming it is refused like an
 * unknown one.
 */
export function buildLeadSite(content: {
  organization: DeliveryOrganization;
  locations: Entry<Location<unknown>>[];
  services: Entry<Service>[];
  routing: Routing;
}): LeadSite {
  const { organization, locations, routing } = content;
  const services = content.services.filter((s) => s.data.bookable);
  const timeZone = getTimeZone(organization, routing);
  return {
    locations: [...locations].sort(byName).map((l) => ({ id: l.id, name: l.data.name, city: getListingCity(l.data), geo: l.data.geo, services: l.data.services })),
    services: [...services].sort(byServiceOrder).map((s) => ({ id: s.id, name: s.data.name })),
    context: {
      locations: new Map(
        locations.map((l) => [
          l.id,
          { services: l.data.services, insurance: l.data.insurance, hours: l.data.hours ?? [], holidayHours: l.data.holidayHours, timeZone: l.data.timeZone ?? timeZone },
        ]),
      ),
      services: new Map(services.map((s) => [s.id, { urgent: s.data.intent === 'urgent' }])),
      routing,
      channelRules: resolveChannelRules(routing.channels),
    },
    delivery: buildDeliverySettings({ organization, routing }),
  };
}

type DeliveryOrganization = Pick<Organization<unknown>, 'name' | 'phone' | 'email' | 'timeZone'>;

/**
 * The delivery settings the content gives: the organization as its emails name it (with its time
 * zone, as the lead site resolves it), whether people get a confirmation, whether spam is
 * delivered, and every webhook with its payload: `crm` always, thin unless declared otherwise.
 */
export function buildDeliverySettings(content: { organization: DeliveryOrganization; routing: Routing }): DeliverySettings {
  const { organization, routing } = content;
  const { webhooks, confirmation, deliverSpam } = routing.delivery;
  return {
    organization: { name: organization.name, phone: organization.phone, email: organization.email ?? null, timeZone: getTimeZone(organization, routing) },
    confirmation,
    deliverSpam,
    webhooks: { [ORGANIZATION_WEBHOOK]: { payload: 'thin' }, ...webhooks },
    retention: { closedLeadsDays: routing.retention.closedLeadsDays ?? null, spamDays: routing.retention.spamDays ?? null },
  };
}

function getTimeZone(organization: Pick<Organization<unknown>, 'timeZone'>, routing: Routing): string {
  const timeZone = getOrganizationTimeZone(organization, routing);
  if (timeZone === undefined) throw new Error('The organization has no time zone; the integrity check should have caught this.');
  return timeZone;
}
