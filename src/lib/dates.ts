/** YYYY-MM-DD in UTC: the form content dates are written in, and the day a UTC instant falls on. */
export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
