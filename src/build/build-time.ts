/**
 * The build's clock: `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention)
 * when set, else now. Everything a build writes that depends on the date reads it from here, so
 * that two builds of the same content with the same SOURCE_DATE_EPOCH write the same bytes.
 */
export function readBuildTime(env: Record<string, string | undefined>, now: () => Date = () => new Date()): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || epoch === '') return now();
  if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; got "${epoch}".`);
  return new Date(Number(epoch) * 1000);
}
