import type { IndividualPhysician, Person } from 'schema-dts';
import type { Provider } from '../content/schemas.ts';
import { isMedicalOrganization, type LocationType } from './clinic.ts';
import { ids, pageUrls, ref, schemaOrgUrl } from './ids.ts';
import type { NodeOf } from './types.ts';

// IndividualPhysician is "an individual medical practitioner" under Physician ("an individual
// physician or a physician's office"): for physicians, not for nurse practitioners, physician
// assistants, therapists, psychologists, social workers or dentists.
const PHYSICIAN_CREDENTIALS: readonly string[] = ['MD', 'DO'];

/** A provider is published as a physician when they hold an MD or a DO. */
export function isPhysician(credentials: readonly string[]): boolean {
  return credentials.some((c) => PHYSICIAN_CREDENTIALS.includes(c));
}

/**
 * A provider node. In schema.org IndividualPhysician descends from MedicalOrganization, not from
 * Person, so a physician is typed `["Person", "IndividualPhysician"]` to carry both Person
 * properties (honorificSuffix, jobTitle, alumniOf, worksFor) and physician ones
 * (medicalSpecialty, isAcceptingNewPatients, practicesAt, usNPI); anyone else is a Person.
 */
export type PersonNode = Omit<NodeOf<Person, 'Person'>, '@type'> &
  Omit<NodeOf<IndividualPhysician, 'IndividualPhysician'>, '@type'> & {
    '@type': 'Person' | readonly ['Person', 'IndividualPhysician'];
  };

type ProviderFacts = Pick<
  Provider,
  | 'name'
  | 'summary'
  | 'credentials'
  | 'specialty'
  | 'medicalSpecialty'
  | 'languages'
  | 'acceptingNewPatients'
  | 'education'
  | 'certifications'
  | 'npi'
>;

export interface PersonSummaryInput {
  siteUrl: string;
  provider: { id: string; data: Pick<ProviderFacts, 'name' | 'credentials'> };
}

export interface PersonInput extends PersonSummaryInput {
  provider: { id: string; data: ProviderFacts };
  /** The locations where they see patients, all in the graph. */
  locations: { id: string; data: { type: LocationType } }[];
  /** Absolute URL of their headshot. */
  image?: string | undefined;
}

/** A provider as other pages mention them (a page's reviewer), at `<provider page>#person`. */
export function buildPersonSummary({ siteUrl, provider }: PersonSummaryInput): PersonNode {
  const { id, data } = provider;
  return {
    '@type': isPhysician(data.credentials) ? ['Person', 'IndividualPhysician'] : 'Person',
    '@id': ids.person(siteUrl, id),
    name: data.name,
    honorificSuffix: data.credentials.join(', '),
    url: pageUrls.provider(siteUrl, id),
  };
}

/**
 * A provider on their own page: the summary plus bio summary, headshot, specialty, languages,
 * the locations they work at, schools, board certifications and NPI; for physicians also their
 * medical specialty, whether they take new patients and where they practise.
 */
export function buildPerson(input: PersonInput): PersonNode {
  const { siteUrl, provider, locations, image } = input;
  const { data } = provider;
  const clinics = locations.map((l) => ref(ids.clinic(siteUrl, l.id)));
  const schools = [...new Set(data.education.map((e) => e.institution))];
  const person: PersonNode = {
    ...buildPersonSummary(input),
    description: data.summary,
    ...(image !== undefined && { image }),
    jobTitle: data.specialty,
    knowsLanguage: data.languages,
    worksFor: clinics,
    ...(schools.length > 0 && { alumniOf: schools.map((name) => ({ '@type': 'EducationalOrganization' as const, name })) }),
    ...(data.certifications.length > 0 && {
      hasCredential: data.certifications.map((board) => ({
        '@type': 'EducationalOccupationalCredential' as const,
        credentialCategory: 'Board certification',
        recognizedBy: { '@type': 'Organization' as const, name: board },
      })),
    }),
    identifier: { '@type': 'PropertyValue', propertyID: 'NPI', value: data.npi },
  };
  if (!isPhysician(data.credentials)) return person;
  const practices = locations.filter((l) => isMedicalOrganization(l.data.type)).map((l) => ref(ids.clinic(siteUrl, l.id)));
  return {
    ...person,
    medicalSpecialty: schemaOrgUrl(data.medicalSpecialty),
    isAcceptingNewPatients: data.acceptingNewPatients,
    ...(practices.length > 0 && { practicesAt: practices }),
    usNPI: data.npi,
  };
}
