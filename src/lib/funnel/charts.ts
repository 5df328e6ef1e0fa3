/**
 * The report's charts, drawn on the server as SVG by Observable Plot into a linkedom document: no
 * script reaches the browser. Each chart has a table beside it with the same figures (report-html.ts);
 * the SVG is labelled as an image with a one-line summary for screen readers.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface BarDatum {
  label: string;
  value: number;
  /** The range before, drawn as a tick across the bar. */
  previous?: number | undefined;
}

const COLORS = { bar: '#1f5f8b', previous: '#1b1b1b', lines: ['#1f5f8b', '#b4461b', '#2f7d32'] } as const;
const WIDTH = 640;
const ROW_HEIGHT = 26;

function newDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** A horizontal bar per row (in the order given), its value written at its end, the range before as a tick. */
export function renderBarChart(options: { title: string; rows: readonly BarDatum[]; unit: string; percent?: boolean }): string {
  const { rows, unit } = options;
  const format = (value: number) => (options.percent ? `${Math.round(value * 100)}%` : String(value));
  const previous = rows.filter((row) => row.previous !== undefined);
  const longest = Math.max(8, ...rows.map((row) => shorten(row.label).length));
  const svg = Plot.plot({
    document: newDocument(),
    width: WIDTH,
    height: 48 + ROW_HEIGHT * Math.max(rows.length, 1),
    marginLeft: Math.min(260, 12 + longest * 6.5),
    marginRight: 48,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: options.percent ? `${unit} (%)` : unit, grid: true, ...(options.percent ? { percent: true, domain: [0, 100] } : {}) },
    y: { label: null, domain: rows.map((row) => row.label), tickFormat: shorten },
    marks: [
      Plot.barX(rows, { x: 'value', y: 'label', fill: COLORS.bar }),
      Plot.tickX(previous, { x: 'previous', y: 'label', stroke: COLORS.previous, strokeWidth: 2 }),
      Plot.text(rows, { x: 'value', y: 'label', text: (row: BarDatum) => format(row.value), dx: 4, textAnchor: 'start', fill: COLORS.previous }),
      Plot.ruleX([0]),
    ],
  });
  return toSvg(svg, `${options.title}: ${rows.map((row) => `${row.label} ${format(row.value)}`).join(', ') || 'none'}.`);
}

export interface LineSeries {
  name: string;
  points: readonly { day: string; value: number }[];
}

/** One line per series over days (weeks, say), each named at its last point. */
export function renderLineChart(options: { title: string; series: readonly LineSeries[]; unit: string }): string {
  const points = options.series.flatMap((series) => series.points.map((point) => ({ series: series.name, date: new Date(`${point.day}T00:00:00Z`), value: point.value })));
  const last = options.series.flatMap((series) => {
    const point = series.points.at(-1);
    return point ? [{ series: series.name, date: new Date(`${point.day}T00:00:00Z`), value: point.value }] : [];
  });
  const svg = Plot.plot({
    document: newDocument(),
    width: WIDTH,
    height: 260,
    marginRight: 80,
    style: { fontSize: '12px', background: 'transparent' },
    x: { type: 'utc', label: null },
    y: { label: options.unit, grid: true, zero: true },
    color: { domain: options.series.map((series) => series.name), range: [...COLORS.lines] },
    marks: [
      Plot.lineY(points, { x: 'date', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(points, { x: 'date', y: 'value', fill: 'series', r: 3 }),
      Plot.text(last, { x: 'date', y: 'value', text: 'series', fill: 'series', dx: 8, textAnchor: 'start' }),
    ],
  });
  return toSvg(svg, `${options.title}: ${options.series.map((series) => `${series.name} ${series.points.map((point) => point.value).join(', ')}`).join('; ')}.`);
}

/**
 * The chart as one image with its figures as its name. Plot labels its mark groups with
 * aria-label, which ARIA does not allow on a `g` without a role (axe: aria-prohibited-attr); inside
 * an image they would not be read anyway.
 */
function toSvg(element: Element, label: string): string {
  for (const child of element.querySelectorAll('[aria-label], [aria-description]')) {
    child.removeAttribute('aria-label');
    child.removeAttribute('aria-description');
  }
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', label);
  return element.outerHTML;
}

/** Long labels (page paths) are cut in the chart; the table beside it has them whole. */
function shorten(label: string): string {
  return label.length > 38 ? `${label.slice(0, 37)}…` : label;
}
