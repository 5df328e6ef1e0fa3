/** A staff login: 2 to 40 characters, lower-case letters, digits, `.`, `_`, `-`, not starting with a sign. */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** The rule in words, for messages. */
export const LOGIN_RULE = '2 to 40 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, like "ada.lovelace"';

export function isValidLogin(value: string): boolean {
  return LOGIN_PATTERN.test(value);
}
