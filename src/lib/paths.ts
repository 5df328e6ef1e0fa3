import { FORM_TOKEN_ENDPOINT, LEAD_ENDPOINT } from './endpoints.ts';
import { buildPagePath } from './page-kinds.ts';

/**
 * Every URL the site links to, in one place. Directory-style with a trailing slash. The pages'
 * paths come from the route table (page-kinds.ts); the rest are files, endpoints and the inbox.
 */
export const paths = {
  home: () => buildPagePath('home'),
  locations: () => buildPagePath('locations'),
  location: (id: string) => buildPagePath('location', [id]),
  locationService: (locationId: string, serviceId: string) => buildPagePath('location-service', [locationId, serviceId]),
  services: () => buildPagePath('services'),
  service: (id: string) => buildPagePath('service', [id]),
  conditions: () => buildPagePath('conditions'),
  condition: (id: string) => buildPagePath('condition', [id]),
  providers: () => buildPagePath('providers'),
  provider: (id: string) => buildPagePath('provider', [id]),
  /** The providers who see patients at a location, a page of the grouped directory (see directory-pages.ts). */
  providersAt: (locationId: string, page = 1) => buildPagePath('providers-at', [locationId], page),
  /** The providers who offer a service, a page of the grouped directory. */
  providersFor: (serviceId: string, page = 1) => buildPagePath('providers-for', [serviceId], page),
  privacy: () => buildPagePath('privacy'),
  /** The request form with every location, for a large organization whose pages list a few; noindex. */
  request: () => buildPagePath('request'),
  /** Every location as the request form lists them (JSON), fetched when a person asks for the full list. */
  requestLocations: () => '/request/locations.json',
  /** Where a request of each type ends without JavaScript; noindex. */
  thankYou: (leadType: string) => buildPagePath('thank-you', [leadType]),
  /** The on-demand lead endpoint and the form's time-trap token (no trailing slash: POST is not redirected). */
  leadEndpoint: () => LEAD_ENDPOINT,
  formToken: () => FORM_TOKEN_ENDPOINT,
  /** Where the lead form sits on every page. */
  requestAnchor: () => '#request',
  /** The intake inbox, rendered on demand for signed-in staff; never indexed or listed. */
  intake: () => '/intake/',
  intakeSignIn: () => '/intake/sign-in/',
  intakeSignOut: () => '/intake/sign-out/',
  intakeSetup: (token: string) => `/intake/setup/${token}/`,
  intakeLead: (id: string) => `/intake/leads/${id}/`,
  intakeAudit: () => '/intake/audit/',
  /** The funnel report (admins), and the same as a file; the range is in the query (days, never personal data). */
  intakeReport: () => '/intake/report/',
  intakeReportFile: (format: 'csv' | 'json') => `/intake/report.${format}`,
  /** The inbox's leads as CSV, with the inbox's filters as its query. */
  intakeExport: () => '/intake/export.csv',
} as const;

/** Every intake path starts with this. */
export const INTAKE_PREFIX = '/intake/';

export interface Crumb {
  name: string;
  /**
   * Path of the crumb. The current page (the last crumb) has one too, for structured data,
   * unless it has no address of its own (the 404 page).
   */
  path?: string;
}

/** The trail from the home page to the current page, home first. */
export function buildBreadcrumbs(trail: Crumb[]): Crumb[] {
  return [{ name: 'Home', path: paths.home() }, ...trail];
}
