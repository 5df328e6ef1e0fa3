import type { MedicalProcedure, MedicalTest, MedicalTherapy, Service } from 'schema-dts';
import { getOfferLink, type LocationType, type ServiceFacts } from './clinic.ts';
import { ids, pageUrls, ref, schemaOrgUrl } from './ids.ts';
import type { NodeOf } from './types.ts';

export type ServiceNode = NodeOf<Service, 'Service'> | NodeOf<MedicalProcedure, 'MedicalProcedure'> | NodeOf<MedicalTherapy, 'MedicalTherapy'> | NodeOf<MedicalTest, 'MedicalTest'>;

type OfferingLocation = { id: string; data: { type: LocationType; address?: { city: string } | undefined } };

export interface ServiceSummaryInput {
  siteUrl: string;
  service: { id: string; data: Pick<ServiceFacts, 'name' | 'kind'> };
  /**
   * Locations of this graph that offer it. A plain Service names them as `provider`; a medical
   * service is listed by each location instead (see getOfferLink in clinic.ts).
   */
  offeredAt?: OfferingLocation[];
}

export interface ServiceInput extends ServiceSummaryInput {
  service: { id: string; data: ServiceFacts };
}

/**
 * A service line as other pages mention it, at `<service page>#service`, typed by its kind
 * (MedicalProcedure, MedicalTherapy, MedicalTest or Service): name, page and, for a Service,
 * the locations that provide it.
 */
export function buildServiceSummary({ siteUrl, service, offeredAt = [] }: ServiceSummaryInput): ServiceNode {
  const { id, data } = service;
  const common = { '@id': ids.service(siteUrl, id), name: data.name, url: pageUrls.service(siteUrl, id) };
  switch (data.kind) {
    case 'procedure':
      return { '@type': 'MedicalProcedure', ...common };
    case 'therapy':
      return { '@type': 'MedicalTherapy', ...common };
    case 'test':
      return { '@type': 'MedicalTest', ...common };
    case 'service': {
      const providers = getProviders(offeredAt);
      return { '@type': 'Service', ...common, ...(providers.length > 0 && { provider: providers.map((l) => ref(ids.clinic(siteUrl, l.id))) }) };
    }
  }
}

/**
 * A service line on its own page: the summary plus its description, and its specialty
 * (`relevantSpecialty`, a MedicalEntity property) or, for a plain Service, the cities of the
 * locations that provide it (`areaServed`, a Service property).
 */
export function buildService(input: ServiceInput): ServiceNode {
  const { data } = input.service;
  const summary = buildServiceSummary(input);
  if (summary['@type'] === 'Service') {
    const cities = [...new Set(getProviders(input.offeredAt ?? []).flatMap((l) => l.data.address?.city ?? []))];
    const channels = data.delivery.filter((mode) => mode !== 'in-person');
    return {
      ...summary,
      description: data.summary,
      ...(cities.length > 0 && { areaServed: cities }),
      ...(channels.length > 0 && {
        availableChannel: channels.map((mode) => ({ '@type': 'ServiceChannel', name: CHANNEL_NAMES[mode], serviceUrl: pageUrls.service(input.siteUrl, input.service.id) })),
      }),
    };
  }
  return { ...summary, description: data.summary, ...(data.specialty !== undefined && { relevantSpecialty: schemaOrgUrl(data.specialty) }) };
}

/** How a channel other than a visit in person is named in JSON-LD and on the page. */
export const CHANNEL_NAMES = { video: 'Video visit', phone: 'Phone visit' } as const;

function getProviders(offeredAt: OfferingLocation[]): OfferingLocation[] {
  return offeredAt.filter((l) => getOfferLink('service', l.data.type) === 'provider');
}
