/** What `npm run leads` exits with. */
export const EXIT_OK = 0;
/** The command was understood but failed: unknown id, no database, storage unavailable. */
export const EXIT_FAILURE = 1;
/** The command line was wrong. */
export const EXIT_USAGE = 2;
