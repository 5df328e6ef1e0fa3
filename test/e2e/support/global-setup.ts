import { assertSystemTools } from '../../support/system-tools.ts';

/** Before any test: Chromium must run (`npm run test:e2e` alone does not go through `npm run pretest`). */
export default function globalSetup(): void {
  assertSystemTools(['chromium']);
}
