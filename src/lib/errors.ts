/** What went wrong, in one line for a log or a message: an Error's message, or anything else as text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
