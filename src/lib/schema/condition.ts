import type { MedicalCondition } from 'schema-dts';
import type { Condition } from '../content/schemas.ts';
import type { ServiceKind } from './clinic.ts';
import { ids, ref } from './ids.ts';
import type { NodeOf } from './types.ts';

export type ConditionNode = NodeOf<MedicalCondition, 'MedicalCondition'>;

export interface ConditionInput {
  siteUrl: string;
  condition: { id: string; data: Pick<Condition, 'name' | 'summary' | 'otherNames' | 'symptoms'> };
  /** The services that treat it; those the vocabulary can link are linked (see getTreatmentLink). */
  services: { id: string; data: { kind: ServiceKind } }[];
}

/**
 * How a condition points at a service that treats it: `possibleTreatment` takes MedicalTherapy
 * and `typicalTest` takes MedicalTest; a procedure or a plain Service fits neither, so it is not
 * linked.
 */
export function getTreatmentLink(kind: ServiceKind): 'possibleTreatment' | 'typicalTest' | undefined {
  if (kind === 'therapy') return 'possibleTreatment';
  if (kind === 'test') return 'typicalTest';
  return undefined;
}

/**
 * A condition at `<condition page>#condition`: its name, other names, summary, symptoms as
 * MedicalSignOrSymptom nodes and the therapies and tests for it.
 */
export function buildCondition({ siteUrl, condition, services }: ConditionInput): ConditionNode {
  const { data } = condition;
  const linked = (link: 'possibleTreatment' | 'typicalTest') => services.filter((s) => getTreatmentLink(s.data.kind) === link).map((s) => ref(ids.service(siteUrl, s.id)));
  const possibleTreatment = linked('possibleTreatment');
  const typicalTest = linked('typicalTest');
  return {
    '@type': 'MedicalCondition',
    '@id': ids.condition(siteUrl, condition.id),
    name: data.name,
    ...(data.otherNames.length > 0 && { alternateName: data.otherNames }),
    description: data.summary,
    signOrSymptom: data.symptoms.map((name) => ({ '@type': 'MedicalSignOrSymptom', name })),
    ...(possibleTreatment.length > 0 && { possibleTreatment }),
    ...(typicalTest.length > 0 && { typicalTest }),
  };
}
