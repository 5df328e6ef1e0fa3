import { describe, expect, it } from 'vitest';
import { formatInstallCommand, formatMissing, formatVersionLine, getPostgresBin, getSystemTools, planProvision, type SystemTool } from '../../support/system-tools.ts';

describe('getSystemTools, where each tool is looked for', () => {
  it.each([
    [{}, '/usr/bin/chromium', undefined, 'java', undefined],
    [{ CHROMIUM_PATH: '/opt/chrome/chrome' }, '/opt/chrome/chrome', 'CHROMIUM_PATH', 'java', undefined],
    [{ CHROMIUM_PATH: '' }, '/usr/bin/chromium', undefined, 'java', undefined],
    [{ JAVA_HOME: '/opt/jdk' }, '/usr/bin/chromium', undefined, '/opt/jdk/bin/java', 'JAVA_HOME'],
    [{ JAVA: '/usr/lib/jvm/x/bin/java', JAVA_HOME: '/opt/jdk' }, '/usr/bin/chromium', undefined, '/usr/lib/jvm/x/bin/java', 'JAVA'],
  ])('%j → Chromium %s (%s), Java %s (%s)', (env, chromium, chromiumSetBy, java, javaSetBy) => {
    const tools = getSystemTools(env, []);
    expect([tools.chromium.command, tools.chromium.setBy, tools.java.command, tools.java.setBy]).toEqual([chromium, chromiumSetBy, java, javaSetBy]);
  });

  it.each<[Record<string, string>, string[], string, string | undefined]>([
    [{}, ['15'], '/usr/lib/postgresql/15/bin/postgres', undefined],
    [{}, ['9', '16', '15'], '/usr/lib/postgresql/16/bin/postgres', undefined],
    [{}, ['15', 'lib'], '/usr/lib/postgresql/15/bin/postgres', undefined],
    [{}, [], '/usr/lib/postgresql/*/bin/postgres', undefined],
    [{ PG_BIN: '/opt/pg17/bin' }, ['15'], '/opt/pg17/bin/postgres', 'PG_BIN'],
    [{ PG_BIN: '' }, ['15'], '/usr/lib/postgresql/15/bin/postgres', undefined],
  ])('%j with %j in /usr/lib/postgresql → PostgreSQL %s (%s)', (env, majors, postgres, setBy) => {
    const tool = getSystemTools(env, majors).postgres;
    expect([tool.command, tool.setBy, tool.aptPackage]).toEqual([postgres, setBy, 'postgresql']);
    expect(getPostgresBin(env, majors).dir).toBe(postgres.replace(/\/postgres$/, ''));
  });

  it.each<[Record<string, string>, string, string | undefined]>([
    [{}, '/usr/sbin/nginx', undefined],
    [{ NGINX: '/opt/nginx/sbin/nginx' }, '/opt/nginx/sbin/nginx', 'NGINX'],
  ])('%j → nginx %s (%s)', (env, nginx, setBy) => {
    const tool = getSystemTools(env, []).nginx;
    expect([tool.command, tool.setBy, tool.aptPackage, tool.versionArgs]).toEqual([nginx, setBy, 'nginx', ['-v']]);
  });
});

const { chromium, java, postgres, nginx } = getSystemTools({}, ['15']);
const customChromium = getSystemTools({ CHROMIUM_PATH: '/nowhere/chrome' }).chromium;

describe('planProvision', () => {
  it.each<[string, string, SystemTool[], boolean, boolean, string[]?]>([
    ['nothing missing', 'none', [], false, false],
    ['nothing missing, root', 'none', [], true, true],
    ['both missing, root with apt-get', 'install', [chromium, java], true, true, ['chromium', 'default-jre-headless']],
    ['Java missing, root with apt-get', 'install', [java], true, true, ['default-jre-headless']],
    ['Chromium missing, not root', 'fail', [chromium], false, true],
    ['Chromium missing, root without apt-get', 'fail', [chromium], true, false],
    ['CHROMIUM_PATH points nowhere, root with apt-get', 'fail', [customChromium], true, true],
    ['CHROMIUM_PATH points nowhere and Java missing, root', 'fail', [customChromium, java], true, true],
    ['PostgreSQL and nginx missing, root with apt-get', 'install', [postgres, nginx], true, true, ['postgresql', 'nginx']],
    ['PostgreSQL missing, not root', 'fail', [postgres], false, true],
    ['PG_BIN points nowhere, root with apt-get', 'fail', [getSystemTools({ PG_BIN: '/nowhere' }, []).postgres], true, true],
  ])('%s → %s', (_, action, missing, isRoot, hasAptGet, packages) => {
    const plan = planProvision({ missing, isRoot, hasAptGet });
    expect(plan.action).toBe(action);
    if (plan.action === 'install') expect(plan.packages).toEqual(packages);
    if (plan.action === 'fail') expect(plan.message).toBe(formatMissing({ missing, isRoot }));
  });
});

describe('formatInstallCommand', () => {
  it.each([
    [['chromium'], false, 'sudo apt-get install -y chromium'],
    [['chromium', 'default-jre-headless'], false, 'sudo apt-get install -y chromium default-jre-headless'],
    [['default-jre-headless'], true, 'apt-get install -y default-jre-headless'],
  ])('%j, root %s → %s', (packages, isRoot, command) => {
    expect(formatInstallCommand({ packages, isRoot })).toBe(command);
  });
});

describe('formatMissing', () => {
  it('names each tool, where it was looked for, the command and the variables', () => {
    expect(formatMissing({ missing: [chromium, java], isRoot: false })).toMatchInlineSnapshot(`
      "The tests need Chromium and Java, which npm does not install:
        Chromium: /usr/bin/chromium does not run.
        Java: java on PATH does not run.
      Install with: sudo apt-get install -y chromium default-jre-headless
        (\`npm test\` runs that itself when run as root where apt-get is available; \`npm run pretest\` does only that step.)
      Or: CHROMIUM_PATH=/path/to/chromium-or-chrome picks another browser; JAVA_HOME=/path/to/jre (or JAVA=/path/to/java) picks another Java."
    `);
  });

  it('names PostgreSQL and nginx, the packages and the variables that pick other copies', () => {
    expect(formatMissing({ missing: [postgres, nginx], isRoot: false })).toMatchInlineSnapshot(`
      "The tests need PostgreSQL and nginx, which npm does not install:
        PostgreSQL: /usr/lib/postgresql/15/bin/postgres does not run.
        nginx: /usr/sbin/nginx does not run.
      Install with: sudo apt-get install -y postgresql nginx
        (\`npm test\` runs that itself when run as root where apt-get is available; \`npm run pretest\` does only that step.)
      Or: PG_BIN=/path/to/postgresql/bin (the folder with postgres, initdb and pg_ctl) picks another PostgreSQL; NGINX=/path/to/nginx picks another nginx."
    `);
  });

  it.each([
    [[customChromium], false, ['Chromium: /nowhere/chrome (from CHROMIUM_PATH) does not run.', 'sudo apt-get install -y chromium, then unset CHROMIUM_PATH', 'CHROMIUM_PATH=']],
    [
      [getSystemTools({ JAVA_HOME: '/opt/jdk' }).java],
      true,
      ['Java: /opt/jdk/bin/java (from JAVA_HOME) does not run.', 'Install with: apt-get install -y default-jre-headless, then unset JAVA_HOME', 'JAVA_HOME='],
    ],
  ])('%# names the variable that chose the path', (missing, isRoot, parts) => {
    const message = formatMissing({ missing, isRoot });
    for (const part of parts) expect(message).toContain(part);
  });

  it('leaves out the tools that are there', () => {
    const message = formatMissing({ missing: [java], isRoot: false });
    expect(message).not.toMatch(/chromium/i);
  });
});

describe('formatVersionLine', () => {
  it.each([
    [chromium, 'Chromium 140.0.7339.185 built on Debian GNU/Linux 13 (trixie)\n\n', 'Chromium: Chromium 140.0.7339.185 built on Debian GNU/Linux 13 (trixie) (/usr/bin/chromium)'],
    [java, '\nopenjdk version "21.0.8" 2025-07-15\nOpenJDK Runtime Environment (build 21.0.8+9)\n', 'Java: openjdk version "21.0.8" 2025-07-15 (java)'],
    [java, '\nPicked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "17.0.2"\n', 'Java: openjdk version "17.0.2" (java)'],
    [java, '\n', 'Java: (no version printed) (java)'],
    [postgres, 'postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)\n', 'PostgreSQL: postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1) (/usr/lib/postgresql/15/bin/postgres)'],
    [nginx, '\nnginx version: nginx/1.22.1\n', 'nginx: nginx version: nginx/1.22.1 (/usr/sbin/nginx)'],
  ])('version output %#', (tool, output, line) => {
    expect(formatVersionLine(tool, output)).toBe(line);
  });
});
