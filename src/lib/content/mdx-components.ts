/**
 * What a writer may write for each component in page text: its settings (props), which of them are
 * needed, and the values each takes. src/components/mdx.ts has the components themselves; a unit
 * test keeps the two lists and each component's Props in step. The content check reads this before
 * MDX compiles a page, so a wrong component or setting is a writer's error with file and line, not a
 * JavaScript error.
 */

/** How a setting's value is checked. */
export type PropSpec =
  | { kind: 'text' }
  | { kind: 'phone' }
  | { kind: 'flag' }
  | { kind: 'choice'; values: readonly (string | number)[] }
  /** The id of an entry of a collection; the content check looks it up. */
  | { kind: 'id'; of: 'locations' | 'providers' }
  | { kind: 'list' };

export interface ComponentSpec {
  props: Record<string, PropSpec & { required?: boolean }>;
  /** Settings of which exactly one must be given. */
  oneOf?: readonly string[];
  /** An example of the component as written in page text. */
  example: string;
}

const headingLevel: PropSpec = { kind: 'choice', values: [2, 3] };

export const MDX_COMPONENTS: Record<string, ComponentSpec> = {
  Callout: {
    props: { type: { kind: 'choice', values: ['note', 'warning', 'emergency'] }, title: { kind: 'text' } },
    example: '<Callout type="note" title="What to bring">…</Callout>',
  },
  CallToAction: {
    props: {
      action: { kind: 'choice', values: ['request', 'call'], required: true },
      phone: { kind: 'phone' },
      primary: { kind: 'flag' },
      label: { kind: 'text' },
    },
    example: '<CallToAction action="request" label="Ask for a visit" />',
  },
  FAQ: {
    props: { question: { kind: 'text', required: true } },
    example: '<FAQ question="Do I need a referral?">The answer…</FAQ>',
  },
  InsuranceList: {
    props: { id: { kind: 'id', of: 'locations' }, plans: { kind: 'list' }, headingLevel },
    oneOf: ['id', 'plans'],
    example: '<InsuranceList id="pearl-district" />',
  },
  LocationHours: {
    props: { id: { kind: 'id', of: 'locations', required: true }, headingLevel },
    example: '<LocationHours id="pearl-district" />',
  },
  ProviderCard: {
    props: { id: { kind: 'id', of: 'providers', required: true }, headingLevel },
    example: '<ProviderCard id="maya-okafor" />',
  },
};

export const MDX_COMPONENT_NAMES = Object.keys(MDX_COMPONENTS);
