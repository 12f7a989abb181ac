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

/** Launches Chromium headless with a fresh profile; `close` closes it and removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `no Chromium at ${chromiumPath}: apt-get install -y chromium (.ci/run does), or set DIFFO_CHROMIUM`,
    );
  const profile = mkdtempSync(path.join(tmpdir(), 'diffo-chromium-'));
  // the fresh profile is the persistent context's own directory (playwright refuses --user-data-dir in args)
  const context = await chromium.launchPersistentContext(profile, {
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
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** A browser page (and its context, for more pages) from the file's first `beforeAll` on, closed after it. */
export function browserPage() {
  const opened = {
    context: undefined as unknown as BrowserContext,
    page: undefined as unknown as Page,
    close: async () => {},
  };
  beforeAll(async () => {
    Object.assign(opened, await launchChromium());
  });
  afterAll(() => opened.close());
  return opened;
}
