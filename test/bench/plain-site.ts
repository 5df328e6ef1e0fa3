/**
 * The Markdown of the plain Astro site `npm run bench:build -- --compare` builds beside Carepath's
 * (test/bench/plain-astro/): `count` pages of about 600 words each (headings, paragraphs, a list,
 * a link), the same bytes for the same count on every machine.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, type Random } from './synthetic/seeded-random.ts';

/** The fixture project, built with `astro build --root`. */
export const PLAIN_ASTRO_ROOT = new URL('./plain-astro/', import.meta.url);

const WORDS_PER_PAGE = 600;
const PAGES_PER_FOLDER = 500;

const SENTENCES = [
  'Our clinicians see adults and children for routine care and for problems that need attention soon.',
  'Most visits start with a conversation about what brought you in and how long it has been going on.',
  'Bring a list of the medicines you take, including vitamins and anything you buy without a prescription.',
  'If the problem gets worse quickly, call us the same day or go to the nearest emergency department.',
  'We accept most insurance plans and can check your coverage before your first appointment.',
  'Same-week appointments are often open, and evening hours are available at several clinics.',
  'A nurse can answer questions by phone and help you decide whether you need to be seen.',
  'Tests such as blood work and imaging can usually be done in the same building.',
  'Your care team shares notes through the patient portal so that you can read them after the visit.',
  'Interpreters are available at no cost for every visit, in person or by video.',
  'Parking is free, and the clinic is a short walk from the nearest bus stop.',
  'We will explain each option, what it involves and what recovery looks like, so that you can choose.',
  'Some people need only a single visit, while others come back for follow-up over several weeks.',
  'Tell us about allergies, past surgeries and family history at the start of the visit.',
  'You can ask for a provider who speaks your language or who has a particular focus.',
  'Arrive fifteen minutes early for a first visit to fill in a short form.',
] as const;

const HEADINGS = ['What to expect', 'Before your visit', 'Treatment options', 'When to call', 'Costs and insurance', 'After your visit'] as const;
const TOPICS = ['Back pain', 'Asthma', 'Knee injuries', 'Migraine', 'Diabetes care', 'Skin checks', 'Sleep problems', 'Allergies', 'Heart health', 'Pregnancy care'] as const;
const TOWNS = ['Northgate', 'Riverside', 'Lakeview', 'Hillcrest', 'Bayview', 'Fairhaven', 'Oak Park', 'Westfield'] as const;

/** Writes `count` Markdown pages under `dir` (emptied first); returns their total size in bytes. */
export function writePlainSite(dir: string, count: number): number {
  rmSync(dir, { recursive: true, force: true });
  const random = createRandom(`plain-${count}`);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `section-${String(Math.floor(i / PAGES_PER_FOLDER)).padStart(3, '0')}`);
    if (i % PAGES_PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    const text = writePage(random.fork(String(i)), i);
    writeFileSync(join(folder, `page-${String(i).padStart(6, '0')}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

function writePage(random: Random, index: number): string {
  const topic = random.pick(TOPICS);
  const town = random.pick(TOWNS);
  const title = `${topic} in ${town} (${index + 1})`;
  const lines = [
    '---',
    `title: "${title}"`,
    `description: "Care for ${topic.toLowerCase()} at our ${town} clinic: what to expect, costs and how to book."`,
    `updated: 2026-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    '---',
    '',
  ];
  let words = 0;
  for (const heading of random.shuffle(HEADINGS)) {
    if (words >= WORDS_PER_PAGE) break;
    lines.push(`## ${heading}`, '');
    const paragraph = random.sample(SENTENCES, random.int(3, 5));
    lines.push(paragraph.join(' '), '');
    words += countWords(paragraph.join(' ')) + 2;
    if (random.chance(0.5)) {
      const items = random.sample(SENTENCES, 3);
      for (const item of items) lines.push(`- ${item}`);
      lines.push('');
      words += countWords(items.join(' '));
    }
  }
  while (words < WORDS_PER_PAGE) {
    const paragraph = random.sample(SENTENCES, 4).join(' ');
    lines.push(paragraph, '');
    words += countWords(paragraph);
  }
  lines.push(`Call [our ${town} clinic](/section-000/page-000000/) to book, or ask for an appointment online.`, '');
  return lines.join('\n');
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;
