import type { IndividualPhysician, Person } from 'schema-dts';
import type { Provider } from '../content/schemas.ts';
import { isMedicalOrganization, type LocationType } from './clinic.ts';
import { ids, pageUrls, ref, schemaOrgUrl } from './ids.ts';
import type { NodeOf } from './types.ts';

/**
 * The credentials that make a provider a physician, as written after the name. They are compared
 * without dots, spaces and case, so "M.D.", "MB ChB" and "m.b.b.s." count as MD, MBChB and MBBS.
 * IndividualPhysician is "an individual medical practitioner" under Physician ("an individual
 * physician or a physician's office"): for doctors of medicine, not for nurse practitioners,
 * physician assistants, therapists, psychologists, social workers or dentists.
 */
export const PHYSICIAN_CREDENTIALS = [
  // United States and Canada: Doctor of Medicine, Doctor of Osteopathic Medicine, McGill's MDCM.
  'MD',
  'DO',
  'MDCM',
  // The UK, Ireland and Commonwealth countries: Bachelor of Medicine, Bachelor of Surgery.
  'MBBS',
  'MBChB',
  'MBBCh',
  'BMBS',
  'BMBCh',
  'MBBChir',
  'MB BCh BAO',
] as const;

const normalize = (credential: string) => credential.replace(/[.\s]/g, '').toUpperCase();
const PHYSICIAN = new Set(PHYSICIAN_CREDENTIALS.map(normalize));

/** A provider is published as a physician when one of their credentials is in PHYSICIAN_CREDENTIALS. */
export function isPhysician(credentials: readonly string[]): boolean {
  return credentials.some((c) => PHYSICIAN.has(normalize(c)));
}

/**
 * A provider node. In schema.org IndividualPhysician descends from MedicalOrganization, not from
 * Person, so a physician is typed `["Person", "IndividualPhysician"]` to carry both Person
 * properties (honorificSuffix, jobTitle, alumniOf, worksFor) and physician ones
 * (medicalSpecialty, practicesAt, usNPI). Anyone else is typed `["Person", "MedicalOrganization"]`:
 * schema.org has no type for a practitioner who is not a physician, and whether they take new
 * patients (`isAcceptingNewPatients`) is a MedicalOrganization property; IndividualPhysician is
 * schema.org's own model of an individual practitioner as one.
 */
export type PersonNode = Omit<NodeOf<Person, 'Person'>, '@type'> &
  Omit<NodeOf<IndividualPhysician, 'IndividualPhysician'>, '@type'> & {
    '@type': readonly ['Person', 'IndividualPhysician' | 'MedicalOrganization'];
  };

type ProviderFacts = Pick<Provider, 'name' | 'summary' | 'credentials' | 'specialty' | 'medicalSpecialty' | 'languages' | 'acceptingNewPatients' | 'education' | 'certifications' | 'npi'>;

export interface PersonSummaryInput {
  siteUrl: string;
  provider: { id: string; data: Pick<ProviderFacts, 'name' | 'credentials'> };
}

export interface PersonInput extends PersonSummaryInput {
  provider: { id: string; data: ProviderFacts };
  /** The locations where they see patients, all in the graph. */
  locations: { id: string; data: { type: LocationType } }[];
  /** Absolute URL of their headshot; absent when they have none, and then no image is claimed. */
  image?: string | undefined;
}

/** A provider as other pages mention them (a page's reviewer), at `<provider page>#person`. */
export function buildPersonSummary({ siteUrl, provider }: PersonSummaryInput): PersonNode {
  const { id, data } = provider;
  return {
    '@type': ['Person', isPhysician(data.credentials) ? 'IndividualPhysician' : 'MedicalOrganization'],
    '@id': ids.person(siteUrl, id),
    name: data.name,
    ...(data.credentials.length > 0 && { honorificSuffix: data.credentials.join(', ') }),
    url: pageUrls.provider(siteUrl, id),
  };
}

/**
 * A provider on their own page: the summary plus bio summary, headshot (only when they have one),
 * specialty, languages, whether they take new patients, the locations they work at, schools,
 * board certifications and NPI; for physicians also their medical specialty and where they practise.
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
    isAcceptingNewPatients: data.acceptingNewPatients,
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
    ...(practices.length > 0 && { practicesAt: practices }),
    usNPI: data.npi,
  };
}
