/** CSV as spreadsheets read it safely (RFC 4180: comma-separated, CRLF line ends). Pure. */

// Cells a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @, and tab and
// carriage return, which some spreadsheets skip before looking for one of those.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-neutralized, then quoted if it needs to be. */
export function formatCsvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of cells as CSV text, each line ended by CRLF. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(formatCsvCell).join(',')}\r\n`).join('');
}
