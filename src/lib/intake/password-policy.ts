/**
 * What a staff password must be, checked when it is set. Length is what counts (NIST SP 800-63B):
 * no rules about character classes, but no password from the lists attackers try first, and not
 * one built from the person's login or name.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

// The most common passwords of the public breach lists (lower-case). Most are shorter than 12
// characters: they matter here as stems, since "Password123!" is refused as "password".
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456',
  '123456789',
  '12345678',
  '12345',
  '1234567',
  '1234567890',
  '123456789012',
  '111111111111',
  '123123123123',
  '123123',
  '111111',
  '000000',
  '654321',
  '666666',
  '121212',
  '112233',
  '123321',
  '987654321',
  '1q2w3e4r',
  '1q2w3e4r5t',
  '1qaz2wsx',
  'qwerty',
  'qwertyuiop',
  'qwerty123',
  'qwertyui',
  'asdfghjkl',
  'asdfgh',
  'zxcvbnm',
  'qazwsx',
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'password1',
  'passwordpassword',
  'pass',
  'letmein',
  'welcome',
  'welcome1',
  'abc123',
  'abcdef',
  'abcd1234',
  'iloveyou',
  'admin',
  'administrator',
  'root',
  'login',
  'master',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'basketball',
  'soccer',
  'hockey',
  'princess',
  'sunshine',
  'shadow',
  'superman',
  'batman',
  'trustno1',
  'starwars',
  'michael',
  'jennifer',
  'jordan',
  'charlie',
  'thomas',
  'daniel',
  'jessica',
  'ashley',
  'hunter',
  'killer',
  'freedom',
  'whatever',
  'secret',
  'cheese',
  'computer',
  'internet',
  'hello',
  'hellohello',
  'loveme',
  'lovely',
  'flower',
  'summer',
  'winter',
  'spring',
  'autumn',
  'access',
  'mustang',
  'ranger',
  'buster',
  'harley',
  'tigger',
  'pepper',
  'ginger',
  'silver',
  'golfer',
  'matrix',
  'changeme',
  'default',
  'guest',
  'test',
  'testing',
  'qwe123',
  'zaq12wsx',
  'aa123456',
  'asdf1234',
  'iloveyou1',
  'princess1',
  'letmein1',
  'welcome123',
  'password123',
  'admin123',
  'healthcare',
  'hospital',
  'doctor',
  'nurse',
  'patient',
  'clinic',
  'intake',
]);

/** Null when the password may be used, else why not, in words for the person choosing it. */
export function checkPassword(password: string, person: { login: string; name: string }): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}).`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (isCommon(lower)) return 'This password is one of the most common ones, which attackers try first. Choose another.';
  if (lower.includes(person.login.toLowerCase())) return 'The password must not contain your login.';
  // Words of the name shorter than 4 letters ("Al", "de") are too common inside other words to refuse.
  const nameWords = person.name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= 4);
  if (nameWords.some((word) => lower.includes(word))) return 'The password must not contain your name.';
  return null;
}

function isCommon(lower: string): boolean {
  // Checked whole first: stripping would leave nothing of the all-digit ones.
  if (COMMON_PASSWORDS.has(lower)) return true;
  // "password2024!", "qwerty123456..." are the common ones with a suffix, and as easily guessed.
  const stem = lower.replace(/[\d\p{P}\p{S}\s]+$/u, '');
  return COMMON_PASSWORDS.has(stem);
}
