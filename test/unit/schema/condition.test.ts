import { describe, expect, it } from 'vitest';
import { buildCondition, getTreatmentLink } from '@/lib/schema/condition.ts';

const siteUrl = 'https://r.example';
const condition = {
  id: 'knee-osteoarthritis',
  data: { name: 'Knee osteoarthritis', summary: 'Wear in the knee joint.', otherNames: ['Knee arthritis'], symptoms: ['Knee pain', 'Stiffness'] },
};

describe('buildCondition', () => {
  it('states names, symptoms, and the therapies and tests for it', () => {
    expect(
      buildCondition({
        siteUrl,
        condition,
        services: [
          { id: 'primary-care', data: { kind: 'service' } },
          { id: 'physical-therapy', data: { kind: 'therapy' } },
          { id: 'imaging', data: { kind: 'test' } },
        ],
      }),
    ).toMatchInlineSnapshot(`
      {
        "@id": "https://r.example/conditions/knee-osteoarthritis/#condition",
        "@type": "MedicalCondition",
        "alternateName": [
          "Knee arthritis",
        ],
        "description": "Wear in the knee joint.",
        "name": "Knee osteoarthritis",
        "possibleTreatment": [
          {
            "@id": "https://r.example/services/physical-therapy/#service",
          },
        ],
        "signOrSymptom": [
          {
            "@type": "MedicalSignOrSymptom",
            "name": "Knee pain",
          },
          {
            "@type": "MedicalSignOrSymptom",
            "name": "Stiffness",
          },
        ],
        "typicalTest": [
          {
            "@id": "https://r.example/services/imaging/#service",
          },
        ],
      }
    `);
  });

  it('leaves out alternateName, possibleTreatment and typicalTest when there are none', () => {
    const node = buildCondition({
      siteUrl,
      condition: { ...condition, data: { ...condition.data, otherNames: [] } },
      services: [{ id: 'primary-care', data: { kind: 'service' } }],
    });
    expect(Object.keys(node)).toEqual(['@type', '@id', 'name', 'description', 'signOrSymptom']);
  });
});

describe('getTreatmentLink', () => {
  it.each([
    { kind: 'therapy' as const, link: 'possibleTreatment' },
    { kind: 'test' as const, link: 'typicalTest' },
    { kind: 'procedure' as const, link: undefined },
    { kind: 'service' as const, link: undefined },
  ])('links a $kind by $link', ({ kind, link }) => {
    expect(getTreatmentLink(kind)).toBe(link);
  });
});
