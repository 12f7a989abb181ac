import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * A real Chromium (Debian's `chromium`, installed by .ci/run) driven by playwright-core, from the
 * file's first `beforeAll` on, with a fresh profile; closed after it. The flags keep it off the
 * network (this machine reaches only package registries) and away from the GPU.
 */
export const chromiumPath = process.env.DIFFO_CHROMIUM ?? '/usr/bin/chromium';

export function browserPage() {
  const opened = { browser: undefined as BrowserContext | undefined, page: undefined as unknown as Page };
  let profile = '';
  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(
        `no Chromium at ${chromiumPath}: apt-get install -y chromium (.ci/run does), or set DIFFO_CHROMIUM`,
      );
    profile = mkdtempSync(path.join(tmpdir(), 'diffo-chromium-'));
    // the fresh profile is the persistent context's own directory (playwright refuses --user-data-dir in args)
    opened.browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    opened.page = opened.browser.pages()[0] ?? (await opened.browser.newPage());
  });
  afterAll(async () => {
    await opened.browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });
  return opened;
}
