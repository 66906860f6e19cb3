import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  chromium,
  type Page,
  type Request as BrowserRequest,
  type Route,
} from 'playwright-core';
import request from 'supertest';
import { LiveMissionsHub } from '../../src/live/live-missions.hub.js';
import type { MissionFeed } from '../../src/live/mission-feed.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The dashboard in a real browser (Debian's chromium driven by playwright-core): sign in
 * with a viewer token, watch a mission change without a reload, survive a dropped feed,
 * read a mission's record by keyboard, and see what is overdue.
 */

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = join(ROOT, 'docs/dashboard.png');

if (!hasChromium) {
  process.stderr.write(
    `SKIPPED dashboard browser test: ${CHROMIUM} not found; install it with "apt-get update && apt-get install -y chromium" (.ci/run does)\n`,
  );
}

/** Each step drives a browser: Jest's default 5 s is too short. Playwright gives up at half of it, so its error shows. */
const STEP_MS = 20_000;

const staff = { Authorization: `Bearer ${TOKENS.staff}` };
const viewer = { Authorization: `Bearer ${TOKENS.viewer}` };

(hasChromium ? describe : describe.skip)('The dashboard in a browser', () => {
  let subject: TestApp;
  let browser: Browser;
  let page: Page;
  let origin: string;
  let navigations = 0;
  let havanaHead: string;
  const pageErrors: string[] = [];
  const feedRequests: BrowserRequest[] = [];

  const post = (path: string, body: object) =>
    request(subject.server).post(path).set(staff).send(body).expect(201);
  const row = (missionId: string) => page.locator(`tr.mission-row[data-mission-id="${missionId}"]`);
  const badgeOf = (missionId: string) => row(missionId).locator('td.cell-status .badge');
  const connectionState = () => page.locator('#connection').getAttribute('data-state');

  beforeAll(async () => {
    subject = await startTestApp();
    await subject.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = subject.app.getHttpServer().address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({
      viewport: { width: 1360, height: 900 },
      reducedMotion: 'reduce',
    });
    page.setDefaultTimeout(STEP_MS / 2);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/live/missions') feedRequests.push(r);
    });

    // The ROK–Cuba missions as the journey records them, Havana with an embassy target.
    await post('/api/missions', {
      sendingState: 'KR',
      receivingState: 'CU',
      city: 'Havana',
      agreedOn: '2024-06-12',
      targets: { embassyBy: '2024-12-31' },
    });
    await post('/api/missions', {
      sendingState: 'CU',
      receivingState: 'KR',
      city: 'Seoul',
      agreedOn: '2024-06-12',
    });
    const korean = await post('/api/missions/kr-cu-havana/diplomats', {
      name: 'Korean diplomat',
      title: 'Counsellor',
      role: 'head-of-office',
      dispatchedOn: '2024-06-10',
      expectedArrivalOn: '2024-06-14',
    });
    await post(`/api/missions/kr-cu-havana/diplomats/${korean.body.diplomatId}/arrival`, {
      arrivedOn: '2024-06-14',
    });
    const cuban = await post('/api/missions/cu-kr-seoul/diplomats', {
      name: 'Mario Alzugaray Rodríguez',
      title: 'Diplomat',
      role: 'head-of-office',
      dispatchedOn: '2024-06-12',
    });
    await post(`/api/missions/cu-kr-seoul/diplomats/${cuban.body.diplomatId}/arrival`, {
      arrivedOn: '2024-06-12',
    });
    await post('/api/missions/cu-kr-seoul/embassy', { openedOn: '2025-06-10' });
    // The head-of-mission track: Cuba's ambassador accredited in Seoul; in Havana a chargé
    // d'affaires a.i. while Korea's ambassador-designate waits for the agrément.
    const monzon = await post('/api/missions/cu-kr-seoul/head-of-mission', {
      name: 'Claudio Monzón Baeza',
      title: 'Ambassador Extraordinary and Plenipotentiary',
      nominatedOn: '2024-08-01',
    });
    const seoulHead = `/api/missions/cu-kr-seoul/head-of-mission/${monzon.body.headOfMissionId}`;
    await post(`${seoulHead}/agrement-request`, { requestedOn: '2024-08-15' });
    await post(`${seoulHead}/agrement`, { grantedOn: '2024-09-20' });
    await post(`${seoulHead}/appointment`, { appointedOn: '2024-10-15' });
    await post(`${seoulHead}/arrival`, { arrivedOn: '2024-12-20' });
    await post(`${seoulHead}/copy-of-credentials`, { presentedOn: '2025-01-06' });
    await post(`${seoulHead}/credentials`, { presentedOn: '2025-01-07' });
    await post('/api/missions/kr-cu-havana/charge-d-affaires', {
      name: 'Korean chargé d’affaires',
      title: 'Counsellor',
      designatedOn: '2024-06-20',
    });
    const lee = await post('/api/missions/kr-cu-havana/head-of-mission', {
      name: 'Lee Ho-yul',
      title: 'Ambassador Extraordinary and Plenipotentiary',
      nominatedOn: '2024-11-20',
    });
    havanaHead = `/api/missions/kr-cu-havana/head-of-mission/${lee.body.headOfMissionId}`;
    await post(`${havanaHead}/agrement-request`, { requestedOn: '2024-12-02' });
    // A further relation whose targets have long passed.
    await post('/api/missions', {
      sendingState: 'KR',
      receivingState: 'SY',
      city: 'Damascus',
      agreedOn: '2025-04-10',
      targets: { temporaryOfficeBy: '2025-10-31', embassyBy: '2026-06-30' },
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await subject?.dispose();
  });

  it(
    'asks for a token, then shows every mission grouped by relation, with readable names',
    async () => {
      await page.goto(`${origin}/`);
      await page.locator('#token:focus').waitFor();
      await page.locator('#token').fill('not-a-token-at-all');
      await page.keyboard.press('Enter');
      await page.locator('#token-error').getByText('That token was not accepted').waitFor();

      await page.locator('#token').fill(TOKENS.viewer);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await row('kr-cu-havana').waitFor();
      expect(await inPage(`sessionStorage.getItem('envoy-ledger.token')`)).toBe(TOKENS.viewer);

      const relations = await page.locator('tbody.relation .relation__name').allTextContents();
      expect(relations).toEqual(['Cuba – South Korea', 'South Korea – Syria']);
      const cubaKorea = page.locator('tbody.relation[data-relation="cu-kr"] tr.mission-row');
      expect(
        await cubaKorea.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-mission-id'))),
      ).toEqual(['cu-kr-seoul', 'kr-cu-havana']);
      expect(await row('kr-cu-havana').locator('th[scope="row"]').textContent()).toBe(
        'South Korea→ to Cubakr-cu-havana',
      );
      expect(await row('kr-cu-havana').locator('td.cell-city').innerText()).toBe('Havana');
      expect(await badgeOf('kr-cu-havana').getAttribute('data-status')).toBe(
        'opening-team-on-post',
      );
      expect(await badgeOf('kr-cu-havana').innerText()).toBe('Opening team on post');
      expect(await badgeOf('kr-cu-havana').locator('svg.icon').count()).toBe(1);
      expect(await badgeOf('cu-kr-seoul').innerText()).toBe('Embassy open');

      const steps = row('kr-cu-havana').locator('.timeline .step');
      expect(
        await steps.evaluateAll((items) =>
          items.map((i) => [i.getAttribute('data-step'), i.className]),
        ),
      ).toEqual([
        ['dispatched', 'step step--done'],
        ['arrived', 'step step--done'],
        ['temporary-office', 'step step--pending'],
        ['embassy', 'step step--overdue'],
      ]);
      expect(
        await row('kr-cu-havana').locator('[data-step="arrived"] time').getAttribute('datetime'),
      ).toBe('2024-06-14');

      // The head-of-mission track, independent of the premises.
      const seoulHead = row('cu-kr-seoul').locator('td.cell-head .head');
      expect(await seoulHead.getAttribute('data-head')).toBe('in-office');
      expect(await seoulHead.locator('p').allInnerTexts()).toEqual([
        'Claudio Monzón Baeza',
        'Ambassador Extraordinary and Plenipotentiary',
        'Credentials presented 7 Jan 2025',
      ]);
      expect(await seoulHead.locator('.head__stage time').getAttribute('datetime')).toBe(
        '2025-01-07',
      );
      const havanaHeadCell = row('kr-cu-havana').locator('td.cell-head .head');
      expect(await havanaHeadCell.getAttribute('data-head')).toBe('charge');
      expect(await havanaHeadCell.locator('p').allInnerTexts()).toEqual([
        'Korean chargé d’affaires',
        'Chargé d’affaires a.i. since 20 Jun 2024',
        'Designate: Lee Ho-yul',
        'Agrément requested 2 Dec 2024',
      ]);
      expect(await row('kr-sy-damascus').locator('td.cell-head').innerText()).toBe('Vacant');
    },
    STEP_MS,
  );

  it(
    'shows the head-of-mission track moving on, without reloading the page',
    async () => {
      await waitForState('live');
      await post(`${havanaHead}/agrement`, { grantedOn: '2025-01-20' });
      await page
        .locator('tr[data-mission-id="kr-cu-havana"] .head__stage[data-stage="agrement-granted"]')
        .waitFor();
      expect(await row('kr-cu-havana').locator('td.cell-head .head__stage').innerText()).toBe(
        'Agrément granted 20 Jan 2025',
      );
    },
    STEP_MS,
  );

  it(
    'changes a row when a milestone is recorded, without reloading the page',
    async () => {
      await waitForState('live');
      // Set in the page: a reload or navigation would lose it.
      await inPage(`window.dashboardTestMarker = 'still the same page'`);
      const navigationsBefore = navigations;

      await post('/api/missions/kr-cu-havana/temporary-office', {
        openedOn: '2024-06-28',
        address: 'Miramar Business Center',
      });

      await page
        .locator('tr[data-mission-id="kr-cu-havana"] .badge[data-status="temporary-office-open"]')
        .waitFor();
      expect(await badgeOf('kr-cu-havana').innerText()).toBe('Temporary office open');
      expect(
        await row('kr-cu-havana').locator('[data-step="temporary-office"]').getAttribute('class'),
      ).toBe('step step--done');
      expect(await inPage('window.dashboardTestMarker')).toBe('still the same page');
      expect(navigations).toBe(navigationsBefore);
      await page.locator('#announcer').getByText('Havana: Temporary office open').waitFor();
    },
    STEP_MS,
  );

  it(
    'reconnects after the feed drops, resuming with Last-Event-ID and missing nothing',
    async () => {
      // Hold the browser's next attempt until a change has been recorded in the gap.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const continued: Promise<void>[] = [];
      const hold = (route: Route) => {
        const passed = held.then(() => route.continue());
        continued.push(passed);
        return passed;
      };
      await page.route('**/api/live/missions', hold);
      const before = feedRequests.length;

      const hub = subject.app.get(LiveMissionsHub);
      const feeds = (hub as unknown as { feeds: Map<MissionFeed, string> }).feeds;
      expect(feeds.size).toBe(1);
      for (const feed of [...feeds.keys()]) feed.close('dropped by the test', 300);
      await waitForState('reconnecting');
      expect(await page.locator('#connection-text').innerText()).toMatch(
        /The server closed the feed: dropped by the test\. Reconnecting in \d+ s/,
      );

      await post('/api/missions/kr-sy-damascus/diplomats', {
        name: 'Korean envoy',
        title: 'Minister-Counsellor',
        role: 'head-of-office',
        dispatchedOn: '2025-05-20',
      });
      expect(hub.size).toBe(0);
      await waitFor('the page to ask for the feed again', () => feedRequests.length > before, 5000);
      release();
      await Promise.all(continued);
      await page.unroute('**/api/live/missions', hold);

      await page
        .locator(
          'tr[data-mission-id="kr-sy-damascus"] .badge[data-status="opening-team-dispatched"]',
        )
        .waitFor();
      await waitForState('live');
      const resumed = feedRequests[before];
      const resumedFrom = (await resumed.allHeaders())['last-event-id'];
      expect(resumedFrom).toMatch(/^[0-9a-f]{32}$/);
      const havana = await request(subject.server)
        .get('/api/missions/kr-cu-havana')
        .set(viewer)
        .expect(200);
      expect(resumedFrom >= havana.body.position).toBe(true);
      expect(await inPage('window.dashboardTestMarker')).toBe('still the same page');
    },
    STEP_MS,
  );

  it(
    'loads the list afresh when the service no longer knows where the page was (a restored store)',
    async () => {
      await waitForState('live');
      await row('kr-cu-havana').waitFor();
      // The service as a restore leaves it: the page's resume point is unknown (400), and the
      // store no longer holds a mission the page shows (Seoul: not the latest change, which
      // the page resumes after, nor overdue, which a resumed feed sends again).
      let refusedResume = false;
      const restoredFeed = async (route: Route) => {
        const resumeFrom = (await route.request().allHeaders())['last-event-id'];
        if (refusedResume || resumeFrom === undefined) return route.continue();
        refusedResume = true;
        return route.fulfill({
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
          body: '{"type":"/problems/validation-failed","title":"Invalid request","status":400}',
        });
      };
      const restoredList = async (route: Route) => {
        const page = await route.fetch();
        const body = (await page.json()) as { total: number; missions: { id: string }[] };
        const missions = body.missions.filter((m) => m.id !== 'cu-kr-seoul');
        return route.fulfill({
          response: page,
          json: { ...body, missions, total: body.total - 1 },
        });
      };
      await page.route('**/api/live/missions', restoredFeed);
      await page.route('**/api/missions?*', restoredList);

      const hub = subject.app.get(LiveMissionsHub);
      const feeds = (hub as unknown as { feeds: Map<MissionFeed, string> }).feeds;
      for (const feed of [...feeds.keys()]) feed.close('restored by the test', 100);
      await row('cu-kr-seoul').waitFor({ state: 'detached' });
      await waitForState('live');
      expect(refusedResume).toBe(true);
      await expect(row('kr-sy-damascus').count()).resolves.toBe(1);
      // The browser logs the 400 this test made up; nothing else may be logged.
      const madeUp = pageErrors.filter((e) => e.includes('400 (Bad Request)'));
      expect(madeUp).toHaveLength(1);
      pageErrors.splice(pageErrors.indexOf(madeUp[0]), 1);

      await page.unroute('**/api/live/missions', restoredFeed);
      await page.unroute('**/api/missions?*', restoredList);
      await page.reload();
      await row('cu-kr-seoul').waitFor();
      await waitForState('live');
    },
    STEP_MS,
  );

  it(
    'opens a mission’s record from the keyboard and closes it with Escape',
    async () => {
      const havana = await request(subject.server)
        .get('/api/missions/kr-cu-havana')
        .set(viewer)
        .expect(200);
      const office = (havana.body.milestones as { type: string; recordedAt: string }[]).find(
        (m) => m.type === 'TemporaryOfficeOpened',
      )!;

      await page.locator('tr.mission-row').first().focus();
      expect(await focusedMissionId()).toBe('cu-kr-seoul');
      await page.keyboard.press('ArrowDown');
      expect(await focusedMissionId()).toBe('kr-cu-havana');
      await page.keyboard.press('Enter');

      const dialog = page.locator('dialog#detail');
      await dialog.and(page.locator('[open]')).waitFor();
      expect(await inPage('document.activeElement.id')).toBe('detail-close');
      expect(await dialog.locator('#detail-title').innerText()).toBe('South Korea → Cuba');
      const milestone = dialog.locator('tr[data-milestone="TemporaryOfficeOpened"]');
      expect(await milestone.locator('th').innerText()).toBe('Temporary office opened');
      expect(await milestone.locator('td.occurred-on time').getAttribute('datetime')).toBe(
        '2024-06-28',
      );
      expect(await milestone.locator('td.occurred-on').innerText()).toBe('28 Jun 2024');
      expect(await milestone.locator('td.recorded-at time').getAttribute('datetime')).toBe(
        office.recordedAt,
      );
      expect(await milestone.locator('td.recorded-by').innerText()).toBe('test-staff');
      expect(await milestone.innerText()).toContain('Miramar Business Center');
      const text = await dialog.innerText();
      expect(text).toContain('Korean diplomat');
      expect(text).toContain('Embassy target');
      expect(text).toContain('Overdue: embassy');
      expect(text).toContain('Planned directly, not from a recorded meeting.');
      expect(text).toContain('Lee Ho-yul, Ambassador Extraordinary and Plenipotentiary');
      expect(text).toMatch(
        /Chargé d’affaires a\.i\.\s+Korean chargé d’affaires, Counsellor, since 20 Jun 2024/,
      );
      expect(await dialog.locator('.head-facts [data-stage]').innerText()).toBe('Agrément granted');
      const granted = dialog.locator('tr[data-milestone="AgrementGranted"]');
      expect(await granted.locator('th').innerText()).toBe('Agrément granted');
      expect(await granted.locator('td.occurred-on time').getAttribute('datetime')).toBe(
        '2025-01-20',
      );
      expect(await granted.locator('td.recorded-by').innerText()).toBe('test-staff');
      expect(await granted.innerText()).toContain('Lee Ho-yul');
      expect(await dialog.locator('tr[data-milestone="ChargeDAffairesDesignated"]').count()).toBe(
        1,
      );

      await page.keyboard.press('Escape');
      await dialog.and(page.locator(':not([open])')).waitFor({ state: 'attached' });
      expect(await inPage(`document.getElementById('detail').open`)).toBe(false);
      expect(await focusedMissionId()).toBe('kr-cu-havana');
    },
    STEP_MS,
  );

  it(
    'highlights passed targets with text and style, and saves a screenshot',
    async () => {
      const havana = row('kr-cu-havana');
      expect(await havana.getAttribute('class')).toContain('is-overdue');
      expect(await havana.locator('.overdue-flag').allInnerTexts()).toEqual(['Overdue: embassy']);
      expect(
        await inPage(
          `getComputedStyle(document.querySelector('[data-mission-id="kr-cu-havana"] .overdue-flag')).color`,
        ),
      ).toBe('rgb(180, 35, 24)');
      expect(await row('kr-sy-damascus').locator('.overdue-flag').allInnerTexts()).toEqual([
        'Overdue: temporary office',
        'Overdue: embassy',
      ]);
      expect(await row('cu-kr-seoul').getAttribute('class')).not.toContain('is-overdue');
      expect(await page.locator('#summary').innerText()).toMatch(
        /3 missions\s+2 relations\s+2 overdue/,
      );

      // Settled: no row still marked as just changed, nothing focused or hovered.
      await page.mouse.move(0, 0);
      await page.locator('tr.is-updated').first().waitFor({ state: 'detached' });
      await inPage('document.activeElement.blur()');
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(existsSync(SCREENSHOT)).toBe(true);
    },
    STEP_MS,
  );

  it(
    'wraps a long unbroken name instead of pushing the table and the record sideways',
    async () => {
      const city = `Belmopan${'a'.repeat(90)}`;
      const planned = await post('/api/missions', {
        sendingState: 'US',
        receivingState: 'BZ',
        city,
        agreedOn: '2020-01-01',
      });
      const long = row(planned.body.missionId as string);
      await long.waitFor();
      const overflow = (selector: string) =>
        inPage(
          `(() => { const e = document.querySelector('${selector}'); return e.scrollWidth - e.clientWidth; })()`,
        );
      expect(await overflow('.board > .table-wrap')).toBeLessThanOrEqual(1);

      await long.focus();
      await page.keyboard.press('Enter');
      const dialog = page.locator('dialog#detail');
      await dialog.and(page.locator('[open]')).waitFor();
      expect(await overflow('dialog#detail')).toBeLessThanOrEqual(1);
      await page.keyboard.press('Escape');
      await dialog.and(page.locator(':not([open])')).waitFor({ state: 'attached' });
    },
    STEP_MS,
  );

  it(
    'fits a mission’s record to a phone’s width (375 px), without cutting its values',
    async () => {
      await page.setViewportSize({ width: 375, height: 800 });
      try {
        await row('kr-cu-havana').click();
        const dialog = page.locator('dialog#detail');
        await dialog.and(page.locator('[open]')).waitFor();
        const cut = await inPage(
          `[...document.querySelectorAll('dialog#detail dd, dialog#detail dt')].filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > document.querySelector('dialog#detail').getBoundingClientRect().right + 1).length`,
        );
        expect(cut).toBe(0);
        await page.keyboard.press('Escape');
        await dialog.and(page.locator(':not([open])')).waitFor({ state: 'attached' });
      } finally {
        await page.setViewportSize({ width: 1360, height: 900 });
      }
    },
    STEP_MS,
  );

  it(
    'keeps the token through a reload the service is too busy for, and says when to try again',
    async () => {
      await waitForState('live');
      const busy = (route: Route) =>
        route.fulfill({
          status: 429,
          headers: { 'Retry-After': '30', 'Content-Type': 'application/problem+json' },
          body: '{"type":"/problems/rate-limited","title":"Too many requests","status":429}',
        });
      await page.route('**/api/missions?*', busy);
      await page.reload();
      await page.locator('#token-error').getByText('Try again in 30 s.').waitFor();
      expect(await inPage(`sessionStorage.getItem('envoy-ledger.token')`)).toBe(TOKENS.viewer);
      expect(await page.locator('#token').inputValue()).toBe(TOKENS.viewer);
      await page.unroute('**/api/missions?*', busy);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await waitForState('live');
      // The browser logs the 429 this test made up; nothing else may be logged.
      const madeUp = pageErrors.filter((e) => e.includes('429 (Too Many Requests)'));
      expect(madeUp).toHaveLength(1);
      pageErrors.splice(pageErrors.indexOf(madeUp[0]), 1);
    },
    STEP_MS,
  );

  it(
    'signs out: forgets the token and stops the feed',
    async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('#sign-in').waitFor();
      expect(await inPage(`sessionStorage.getItem('envoy-ledger.token')`)).toBeNull();
      expect(await page.locator('tr.mission-row').count()).toBe(0);
      await waitFor('the feed to close', () => subject.app.get(LiveMissionsHub).size === 0, 5000);
      expect(pageErrors.filter((e) => !e.includes('401'))).toEqual([]);
    },
    STEP_MS,
  );

  async function waitForState(state: string): Promise<void> {
    await page.locator(`#connection[data-state="${state}"]`).waitFor({ state: 'attached' });
    expect(await connectionState()).toBe(state);
  }

  /** The mission of the focused row, or null when no row has focus. */
  async function focusedMissionId(): Promise<string | null> {
    const focused = page.locator('tr.mission-row:focus');
    return (await focused.count()) === 0 ? null : focused.getAttribute('data-mission-id');
  }

  /** Runs an expression in the page (this project compiles without the DOM types). */
  function inPage(expression: string): Promise<unknown> {
    return page.evaluate(expression);
  }
});
