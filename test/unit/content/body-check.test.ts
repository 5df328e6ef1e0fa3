import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBody } from '@/lib/content/body-check.ts';
import { MDX_COMPONENTS, MDX_COMPONENT_NAMES } from '@/lib/content/mdx-components.ts';

const problemsOf = (source: string) => checkBody(source).problems.map(({ line, message }) => `${line}: ${message}`);

describe('checkBody', () => {
  it('accepts the components, settings and Markdown writers use', () => {
    const source = [
      '## Before your visit',
      '',
      '<Callout type="emergency" title="If you are thinking about hurting yourself">Call 988.</Callout>',
      '',
      '<CallToAction action="request" label="Ask for a visit" primary />',
      '',
      '<LocationHours id="lloyd-imaging" headingLevel={3} />',
      '',
      '<InsuranceList plans={["Aetna", "Medicare"]} />',
      '',
      '{/* a note for other writers */}',
      '',
      '![The front desk, with two chairs](./images/desk.jpg) and x < 3, <abbr title="blood pressure">BP</abbr>.',
    ].join('\n');
    expect(checkBody(source)).toEqual({
      problems: [],
      references: [{ of: 'locations', id: 'lloyd-imaging', line: 7, written: '<LocationHours id>' }],
    });
  });

  it('names an unknown component and the nearest one', () => {
    expect(checkBody('Text\n\n<Calout>Hi</Calout>\n').problems).toEqual([
      { line: 3, value: 'Calout', message: 'There is no component <Calout>.', fix: `Did you mean <Callout>? Components you can use: ${MDX_COMPONENT_NAMES.join(', ')} (no import needed).` },
    ]);
  });

  it('refuses a setting a component does not have, a value not among its values, and a missing one', () => {
    expect(problemsOf('<Callout kind="note">x</Callout>\n\n<Callout type="info">x</Callout>\n\n<FAQ>Answer</FAQ>\n\n<ProviderCard id="a" headingLevel={4} />')).toEqual([
      '1: <Callout> has no setting "kind".',
      '3: <Callout type> is "info", which is not one of its values.',
      '5: <FAQ> needs the setting question.',
      '7: <ProviderCard headingLevel> is "4", which is not one of its values.',
    ]);
  });

  it('wants exactly one of id or plans for InsuranceList', () => {
    expect(problemsOf('<InsuranceList />')).toEqual(['1: <InsuranceList> needs exactly one of the settings id or plans.']);
    expect(problemsOf('<InsuranceList id="a" plans={["b"]} />')).toEqual(['1: <InsuranceList> needs exactly one of the settings id or plans.']);
  });

  it('checks flags, phone numbers and settings written as code', () => {
    expect(problemsOf('<CallToAction action="call" phone="503-555-0100" primary="yes" />\n\n<Callout title={today}>x</Callout>')).toEqual([
      '1: <CallToAction phone> is not a phone number in E.164 form.',
      '1: <CallToAction primary> is a yes-or-no setting.',
      '3: <Callout title> is written as code ({today}).',
    ]);
  });

  it('refuses braces read as code, and imports', () => {
    expect(problemsOf('Today is {today}.\n\nimport X from "y"\n')).toEqual([
      '1: "{today}" is read as code, and page text has nothing to fill it in with.',
      '3: Page text cannot import or export anything ("import X from "y"").',
    ]);
  });

  it('reports every line that does not parse, not only the first', () => {
    const { problems } = checkBody('Bring your {insurance card}.\n\nOK here.\n\nAnd a<b here.\n\n<Callout>\nNever closed\n');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'A brace "{" here is read as the start of code.'],
      [5, 'A "<" here is read as the start of a component.'],
      [7, '<Callout> is opened here and never closed.'],
    ]);
    expect(problems[0]?.fix).toBe('To show a brace in text, write \\{ (and \\}); to give a component a setting, write it in quotes, like title="…".');
  });

  it('refuses images without a description or described by their file name, in Markdown and as <img>', () => {
    expect(problemsOf('![](./a.jpg)\n\n![a.jpg](./a.jpg)\n\n![IMG_2041.HEIC](./b.heic)\n\n<img src="./c.png" />\n\n<img src="./c.png" alt="c.png" />')).toEqual([
      '1: The image "./a.jpg" has no description (alt text).',
      '3: The image "./a.jpg" is described by a file name ("a.jpg").',
      '5: The image "./b.heic" is described by a file name ("IMG_2041.HEIC").',
      '7: The image "./c.png" has no description (alt text).',
      '9: The image "./c.png" is described by a file name ("c.png").',
    ]);
  });

  it('reads a .md file as Markdown: braces and tags are text there, images are still checked', () => {
    expect(checkBody('Costs {about} $20 <Calout>\n\n![](./a.jpg)\n', { markdown: true }).problems.map((p) => p.line)).toEqual([3]);
  });

  it('gives the ids components refer to, with their lines', () => {
    expect(checkBody('A\n\n<ProviderCard id="maya-okafor" />\n\n<InsuranceList id="gateway" headingLevel={2} />').references).toEqual([
      { of: 'providers', id: 'maya-okafor', line: 3, written: '<ProviderCard id>' },
      { of: 'locations', id: 'gateway', line: 5, written: '<InsuranceList id>' },
    ]);
  });
});

describe('MDX_COMPONENTS', () => {
  it('lists exactly the components page text may use (src/components/mdx.ts)', () => {
    const source = readFileSync('src/components/mdx.ts', 'utf8');
    const exported = /export const mdxComponents = \{([^}]*)\}/.exec(source)?.[1]?.split(',').map((name) => name.trim()).filter(Boolean);
    expect(exported?.sort()).toEqual([...MDX_COMPONENT_NAMES].sort());
  });

  it.each(MDX_COMPONENT_NAMES)('%s: every setting is one of its Props', (name) => {
    const source = readFileSync(`src/components/${name}.astro`, 'utf8');
    const props = /(?:interface Props \{|type Props =)([\s\S]*?)\n(?:\}|const)/.exec(source)?.[1] ?? '';
    for (const prop of Object.keys(MDX_COMPONENTS[name]?.props ?? {})) expect(props, `${name}.${prop}`).toMatch(new RegExp(`\\b${prop}\\??:`));
  });
});
