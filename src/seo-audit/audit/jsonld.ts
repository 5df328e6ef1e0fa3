import type { Vocabulary } from '../vocabulary.ts';
import { getHtmlText } from '../facts.ts';
import type { PageFacts } from '../types.ts';
import { shorten, type Report } from './rules.ts';
import { getTimeKey, type VisibleText } from './visible-text.ts';

/** Elements whose content a reader does not see, in HTML given as an FAQ answer. */
const HIDDEN_ELEMENT = /<(script|style|template|noscript|iframe|object)\b/i;
const HIDDEN_TAG = /<\/?(?:script|style|template|noscript|iframe|object)\b[^>]*>/gi;

type JsonObject = { [key: string]: unknown };

/** One object in a page's graph that describes something (not a bare `{"@id"}` reference). */
interface GraphNode {
  value: JsonObject;
  types: string[];
  /** Where the node sits, for messages: `@graph[2].address`. */
  at: string;
  /** The property that holds the node; undefined at the top of the graph. */
  heldBy: string | undefined;
}

interface Graph {
  nodes: GraphNode[];
  byId: Map<string, JsonObject>;
  references: { id: string; at: string }[];
}

export interface JsonLdAuditInput {
  page: PageFacts;
  vocabulary: Vocabulary;
  visible: VisibleText;
  report: Report;
}

const SCHEMA_ORG = new Set(['https://schema.org', 'https://schema.org/']);
const START_OF_DAY = /^0?0:00(?::00)?$/;
const REVIEW_PROPERTIES = new Set(['review', 'reviews', 'aggregateRating']);
/** The structured data comes from the code alone: its fixes are a developer's, in the builder that emits the node. */
const forDeveloper = (fix: string) => `For a developer: ${fix.charAt(0).toLowerCase()}${fix.slice(1)} (in the builder in src/lib/schema/ that emits this node).`;
const FIX_VISIBLE = 'Show the same value on the page, or change the structured data to match it: structured data may only state what the page shows.';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const toList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const getTypes = (value: JsonObject): string[] => toList(value['@type']).filter((t): t is string => typeof t === 'string');
const getText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const isReference = (value: JsonObject): boolean => typeof value['@id'] === 'string' && Object.keys(value).length === 1;

/**
 * The JSON-LD rules for one page: one `<script type="application/ld+json">` holding one schema.org
 * `@graph`, whose types and properties exist in the vocabulary, whose references resolve, which
 * carries no self-serving ratings, meets Google's required properties and states only what the
 * page shows. Each script is parsed once.
 */
export function auditJsonLd({ page, vocabulary, visible, report }: JsonLdAuditInput): void {
  if (page.jsonLd.length !== 1) {
    report(
      'jsonld-count',
      `The page has ${page.jsonLd.length} <script type="application/ld+json"> elements; it needs exactly one.`,
      page.jsonLd.length === 0 ? "Render the page's graph in its <head> with the site's JSON-LD component." : "Put every node in the page's one @graph and remove the other scripts.",
    );
  }
  const graph: Graph = { nodes: [], byId: new Map(), references: [] };
  let graphs = 0;
  page.jsonLd.forEach((raw, index) => {
    const prefix = page.jsonLd.length > 1 ? `script ${index + 1} ` : '';
    if (readGraph(raw, prefix, graph, report)) graphs += 1;
  });
  if (graphs === 0) return;

  const check = new GraphChecks(graph, vocabulary, visible, report);
  check.vocabularyTerms();
  check.references();
  check.reviews();
  check.required();
  check.visibility();
}

function readGraph(raw: string, prefix: string, graph: Graph, report: Report): boolean {
  let document: unknown;
  try {
    document = JSON.parse(raw);
  } catch (error) {
    report(
      'jsonld-parse',
      `The ${prefix}ld+json script is not valid JSON: ${(error as Error).message}.`,
      "For a developer: serialize the graph with src/lib/schema/'s serializer instead of writing JSON by hand.",
    );
    return false;
  }
  const fix = 'Emit one object: {"@context": "https://schema.org", "@graph": [ …nodes ]}.';
  if (!isObject(document)) {
    report('jsonld-graph', `The ${prefix}ld+json script holds ${describeValue(document)}, not an object with @context and @graph.`, fix);
    return false;
  }
  const context = document['@context'];
  if (typeof context !== 'string' || !SCHEMA_ORG.has(context)) {
    report('jsonld-graph', `The ${prefix}ld+json @context is ${JSON.stringify(context) ?? 'missing'}, not "https://schema.org".`, fix);
  }
  const nodes = document['@graph'];
  if (!Array.isArray(nodes)) {
    report('jsonld-graph', `The ${prefix}ld+json script has ${nodes === undefined ? 'no @graph' : `a @graph that is ${describeValue(nodes)}`}, not an array of nodes.`, fix);
    return false;
  }
  nodes.forEach((node, index) => {
    const at = `${prefix}@graph[${index}]`;
    if (isObject(node)) collectNodes(node, at, undefined, graph);
    else report('jsonld-graph', `${at} is ${describeValue(node)}, not a node.`, fix);
  });
  return true;
}

function collectNodes(value: unknown, at: string, heldBy: string | undefined, graph: Graph): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collectNodes(item, `${at}[${index}]`, heldBy, graph);
    });
    return;
  }
  if (!isObject(value) || '@value' in value) return;
  const id = value['@id'];
  if (isReference(value)) {
    graph.references.push({ id: id as string, at });
    return;
  }
  if (typeof id === 'string') graph.byId.set(id, value);
  graph.nodes.push({ value, types: getTypes(value), at, heldBy });
  for (const [key, child] of Object.entries(value)) if (!key.startsWith('@')) collectNodes(child, `${at}.${key}`, key, graph);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

class GraphChecks {
  private readonly graph: Graph;
  private readonly vocabulary: Vocabulary;
  private readonly visible: VisibleText;
  private readonly report: Report;

  constructor(graph: Graph, vocabulary: Vocabulary, visible: VisibleText, report: Report) {
    this.graph = graph;
    this.vocabulary = vocabulary;
    this.visible = visible;
    this.report = report;
  }

  /** Every type and property exists in schema.org, and every property is allowed on its node's types. */
  vocabularyTerms(): void {
    for (const node of this.graph.nodes) {
      // `"@type": null` and `"@type": []` name no type either.
      if (toList(node.value['@type']).length === 0) {
        this.report('jsonld-unknown-type', `The node at ${node.at} has no @type.`, forDeveloper('Give every node a schema.org @type'));
      }
      const unknown = toList(node.value['@type']).filter((t) => typeof t !== 'string' || !this.vocabulary.hasType(t));
      for (const type of unknown) {
        this.report(
          'jsonld-unknown-type',
          `${describeNode(node)} has @type ${JSON.stringify(type)}, which schema.org 30.0 does not define.`,
          forDeveloper('Use a type from https://schema.org (check the spelling and case)'),
        );
      }
      for (const property of Object.keys(node.value)) {
        if (property.startsWith('@')) continue;
        if (!this.vocabulary.hasProperty(property)) {
          this.report(
            'jsonld-unknown-property',
            `${describeNode(node)} has "${property}", which is not a schema.org property.`,
            forDeveloper(`Remove "${property}" or use the schema.org property it means`),
          );
        } else if (unknown.length === 0 && node.types.length > 0 && !node.types.some((t) => this.vocabulary.allowsProperty(t, property))) {
          this.report(
            'jsonld-unknown-property',
            `${describeNode(node)} has "${property}", which schema.org does not allow on ${node.types.join(' or ')}.`,
            forDeveloper(`Remove "${property}" or move it to a node whose type has it (see https://schema.org/${node.types[0]})`),
          );
        }
      }
    }
  }

  /** Every `{"@id": …}` reference names a node the page's graph defines. */
  references(): void {
    for (const { id, at } of this.graph.references) {
      if (this.graph.byId.has(id)) continue;
      this.report(
        'jsonld-dangling-id',
        `${at} refers to {"@id": "${id}"}, which no node in the page's graph defines.`,
        forDeveloper(`Add the node with @id "${id}" to the page's @graph, or correct the reference`),
      );
    }
  }

  /** No reviews or ratings: Google shows none that a business publishes about itself. */
  reviews(): void {
    const fix = 'Remove review and aggregateRating: Google does not show reviews or ratings that a business publishes about itself, and counts them as self-serving.';
    for (const node of this.graph.nodes) {
      for (const property of REVIEW_PROPERTIES) {
        if (property in node.value) this.report('jsonld-self-review', `${describeNode(node)} has "${property}".`, fix);
      }
      const review = node.types.find((t) => this.isA([t], 'Review') || this.isA([t], 'AggregateRating'));
      if (review && !(node.heldBy && REVIEW_PROPERTIES.has(node.heldBy))) {
        this.report('jsonld-self-review', `The graph has a ${review} node at ${node.at}.`, fix);
      }
    }
  }

  /**
   * Google's required properties for the structured data Carepath's pages carry. FAQPage is
   * checked as schema.org describes it: Google has shown no FAQ rich results since 7 May 2026.
   */
  required(): void {
    const report = (message: string, fix: string) => this.report('jsonld-required', message, forDeveloper(fix.replace(/\.$/, '')));
    if (!this.graph.nodes.some((node) => this.isA(node.types, 'WebPage'))) {
      report('The graph has no WebPage node (WebPage, MedicalWebPage, ProfilePage, FAQPage…) for the page itself.', 'Add the page node with @id "<page URL>".');
    }
    for (const node of this.graph.nodes) {
      if (this.isBusiness(node.types)) {
        for (const property of ['name', 'address']) {
          if (!this.isPresent(node.value[property])) {
            report(`${describeNode(node)} has no ${property}; Google requires name and address on a local business.`, `Give it "${property}".`);
          }
        }
      }
      if (this.isA(node.types, 'BreadcrumbList')) this.requireBreadcrumbs(node, report);
      if (this.isA(node.types, 'FAQPage')) {
        const faqs = this.readFaqs(node);
        if (faqs.length === 0) report(`${describeNode(node)} has no questions in mainEntity.`, 'List the page\'s questions as Question nodes in "mainEntity".');
        for (const faq of faqs) {
          if (!faq.isQuestion) report(`${describeNode(node)} mainEntity[${faq.index}] is not a Question.`, 'Make every mainEntity item a Question.');
          else if (!faq.name) report(`${describeNode(node)} question ${faq.index + 1} has no name.`, 'Give the Question its full text as "name".');
          else if (!faq.answer) report(`${describeNode(node)} question "${faq.name}" has no acceptedAnswer.text.`, 'Give it "acceptedAnswer": {"@type": "Answer", "text": …}.');
        }
      }
      if (this.isA(node.types, 'ProfilePage') && !getText(this.resolve(toList(node.value['mainEntity'])[0])?.['name'])) {
        report(`${describeNode(node)} has no mainEntity with a name.`, 'Point "mainEntity" at the Person or IndividualPhysician the profile is about, with its "name".');
      }
    }
  }

  private requireBreadcrumbs(node: GraphNode, report: (message: string, fix: string) => void): void {
    const items = toList(node.value['itemListElement']).map((item) => this.resolve(item));
    const listItems = items.filter((item) => item !== undefined && getTypes(item).includes('ListItem'));
    if (listItems.length < 2 || listItems.length !== items.length) {
      report(
        `${describeNode(node)} has ${count(listItems.length, 'ListItem')} in itemListElement${
          listItems.length === items.length ? '' : ` among ${items.length} items`
        }; it needs at least two, all ListItems.`,
        'List every crumb from Home to this page as a ListItem.',
      );
    }
    listItems.forEach((item, index) => {
      const label = `${describeNode(node)} item ${index + 1}`;
      const position = item?.['position'];
      if (!(typeof position === 'number' || (typeof position === 'string' && /^\d+$/.test(position)))) {
        report(`${label} has no position.`, 'Number the crumbs from 1 in "position".');
      }
      if (!getText(item?.['name'])) report(`${label} has no name.`, 'Give every crumb the "name" the page shows.');
      if (index < listItems.length - 1 && !this.isPresent(item?.['item'])) {
        report(`${label} has no item URL; only the last crumb may leave it out.`, 'Give the crumb "item": the absolute URL of its page.');
      }
    });
  }

  /** Names, numbers, addresses, questions, answers and hours in the graph appear in the page's visible text. */
  visibility(): void {
    const report = (message: string) => this.report('jsonld-not-visible', message, FIX_VISIBLE);
    const people = new Set<JsonObject>();
    for (const node of this.graph.nodes) {
      if (this.isBusiness(node.types)) {
        for (const phone of toList(node.value['telephone'])) {
          if (typeof phone === 'string' && !this.visible.hasPhone(phone)) report(`${describeNode(node)} has telephone "${phone}", which the page does not show.`);
        }
        for (const address of toList(node.value['address'])) {
          const street = getText(this.resolve(address)?.['streetAddress']);
          if (street && !this.visible.hasText(street)) report(`${describeNode(node)} has streetAddress "${street}", which the page does not show.`);
        }
      }
      for (const spec of toList(node.value['openingHoursSpecification'])) this.checkHours(node, this.resolve(spec), report);
      if (this.isA(node.types, 'FAQPage')) {
        for (const faq of this.readFaqs(node)) {
          if (faq.name && !this.visible.hasText(faq.name)) report(`${describeNode(node)} has the question "${faq.name}", which the page does not show.`);
          const to = faq.name ? ` to "${faq.name}"` : '';
          const hidden = faq.answer?.match(HIDDEN_ELEMENT)?.[1];
          if (hidden !== undefined) report(`${describeNode(node)} has an answer${to} with a <${hidden.toLowerCase()}> element, whose text a reader never sees.`);
          // Answer.text may hold HTML; most answers are plain text and need no parser. The text
          // inside script or style elements counts as text here, so it must be on the page too.
          const answer = faq.answer === undefined || !/[<&]/.test(faq.answer) ? faq.answer : getHtmlText(faq.answer.replace(HIDDEN_TAG, ' '));
          if (answer !== undefined && !this.visible.hasText(answer)) {
            report(`${describeNode(node)} has an answer the page does not show${to}: "${shorten(answer)}".`);
          }
        }
      }
      for (const property of ['mainEntity', 'reviewedBy']) {
        for (const value of toList(node.value[property])) {
          const person = this.resolve(value);
          if (!person || people.has(person) || !(this.isA(getTypes(person), 'Person') || this.isA(getTypes(person), 'Physician'))) continue;
          people.add(person);
          const name = getText(person['name']);
          if (name && !this.visible.hasText(name)) report(`${describeNode(node)} has ${property} "${name}", whose name the page does not show.`);
        }
      }
    }
  }

  private checkHours(node: GraphNode, spec: JsonObject | undefined, report: (message: string) => void): void {
    const opens = getText(spec?.['opens'])?.trim();
    const closes = getText(spec?.['closes'])?.trim();
    if (opens === undefined || closes === undefined) return;
    // Google's "closed all day" is 00:00–00:00, which the page shows as "Closed"; its "open 24
    // hours" is 00:00–23:59, which the page may say in words.
    if (START_OF_DAY.test(opens) && START_OF_DAY.test(closes)) return;
    if (getTimeKey(opens) === 'midnight' && getTimeKey(closes) === 'midnight' && this.visible.hasText('24 hours')) return;
    const days = toList(spec?.['dayOfWeek'])
      .filter((d): d is string => typeof d === 'string')
      .map((d) => d.replace(/^.*\//, ''));
    const when = days.length > 0 ? ` on ${days.join(', ')}` : '';
    for (const [property, time] of [
      ['opens', opens],
      ['closes', closes],
    ] as const) {
      const shown = this.visible.hasTime(time);
      if (shown === undefined) report(`${describeNode(node)} ${property} at "${time}"${when}, which is not a time in HH:MM form.`);
      else if (!shown) report(`${describeNode(node)} ${property} at "${time}"${when}, which the page does not show (as e.g. "8 AM", "5:30 PM", "noon").`);
    }
  }

  private readFaqs(node: GraphNode): { index: number; isQuestion: boolean; name?: string | undefined; answer?: string | undefined }[] {
    return toList(node.value['mainEntity']).map((value, index) => {
      const question = this.resolve(value);
      const answer = toList(question?.['acceptedAnswer']).map((a) => this.resolve(a))[0];
      return {
        index,
        isQuestion: question !== undefined && getTypes(question).includes('Question'),
        name: getText(question?.['name']),
        answer: getText(answer?.['text']),
      };
    });
  }

  /** The node a value stands for: itself, or the node its `{"@id"}` reference names. */
  private resolve(value: unknown): JsonObject | undefined {
    if (!isObject(value)) return undefined;
    return isReference(value) ? this.graph.byId.get(value['@id'] as string) : value;
  }

  private isPresent(value: unknown): boolean {
    return toList(value).some((v) => getText(v) !== undefined || isObject(v));
  }

  private isA(types: string[], ancestor: string): boolean {
    return types.some((type) => this.vocabulary.isA(type, ancestor));
  }

  // A local business is a place people visit; an IndividualPhysician descends from LocalBusiness
  // in schema.org but is a person, without an address of its own.
  private isBusiness(types: string[]): boolean {
    return this.isA(types, 'LocalBusiness') && !this.isA(types, 'Person') && !this.isA(types, 'IndividualPhysician');
  }
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function describeNode(node: GraphNode): string {
  const id = node.value['@id'];
  const type = node.types.join(', ') || 'Node';
  return typeof id === 'string' ? `${type} ${id}` : `${type} at ${node.at}`;
}
