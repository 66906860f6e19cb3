// Envoy Ledger dashboard: plain browser JavaScript, no build step, no external resources.
// Loaded as an ES module; it only touches the page when there is one, so the SSE parser
// below can be imported and unit-tested under Node.

/* ------------------------------------------------------------------ SSE parsing -- */

/**
 * An incremental parser for a text/event-stream (the WHATWG "event stream interpretation"):
 * feed it decoded text in chunks of any size; it calls `onEvent({ type, data, id })` for each
 * dispatched event, `onRetry(ms)` for a `retry` field and `onId(id)` whenever the last event
 * id changes. Lines may end in CRLF, LF or CR, even split across chunks.
 */
export function createSseParser({ onEvent, onRetry = () => {}, onId = () => {} }) {
  let buffer = '';
  let data = [];
  let type = '';
  let lastId = '';
  const lineEnd = /\r\n|\r|\n/g;

  function processLine(line) {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) return; // a comment (the server's heartbeat)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        type = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) {
          lastId = value;
          onId(lastId);
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) onRetry(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  function dispatch() {
    if (data.length > 0) onEvent({ type: type || 'message', data: data.join('\n'), id: lastId });
    data = [];
    type = '';
  }

  return {
    /** Parses what complete lines `text` finishes; keeps the rest for the next chunk. */
    push(text) {
      buffer += text;
      let start = 0;
      lineEnd.lastIndex = 0;
      for (let match = lineEnd.exec(buffer); match; match = lineEnd.exec(buffer)) {
        // A CR at the very end may be the first half of a CRLF split across chunks.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        processLine(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
    /** The stream ended: an event without its closing blank line is dropped, as the spec says. */
    end() {
      if (buffer.endsWith('\r')) processLine(buffer.slice(0, -1));
      buffer = '';
      data = [];
      type = '';
    },
  };
}

/* ------------------------------------------------------------------ Vocabulary -- */

export const STATUSES = {
  planned: { label: 'Planned', icon: 'planned' },
  'opening-team-dispatched': { label: 'Opening team dispatched', icon: 'dispatched' },
  'opening-team-on-post': { label: 'Opening team on post', icon: 'on-post' },
  'temporary-office-open': { label: 'Temporary office open', icon: 'temporary-office' },
  'embassy-open': { label: 'Embassy open', icon: 'embassy' },
  suspended: { label: 'Suspended', icon: 'suspended' },
  closed: { label: 'Closed', icon: 'closed' },
};

const MILESTONE_TYPES = {
  MissionPlanned: 'Mission planned',
  MissionSourceLinked: 'Further agreement linked',
  MissionPlanRevised: 'Plan revised',
  DiplomatDispatched: 'Diplomat dispatched',
  DiplomatArrived: 'Diplomat arrived',
  TemporaryOfficeOpened: 'Temporary office opened',
  EmbassyOpened: 'Embassy opened',
  OperationsSuspended: 'Operations suspended',
  OperationsResumed: 'Operations resumed',
  MissionClosed: 'Mission closed',
  MissionReestablished: 'Mission re-established',
};

const OVERDUE_LABELS = { 'temporary-office': 'temporary office', embassy: 'embassy' };

/** The head-of-mission track: each stage, and the field holding the date it was reached. */
export const HEAD_STAGES = {
  nominated: { label: 'Nominated', on: 'nominatedOn' },
  'agrement-requested': { label: 'Agrément requested', on: 'agrementRequestedOn' },
  'agrement-granted': { label: 'Agrément granted', on: 'agrementGrantedOn' },
  'agrement-refused': { label: 'Agrément refused', on: null },
  appointed: { label: 'Appointed', on: 'appointedOn' },
  arrived: { label: 'Arrived', on: 'arrivedOn' },
  'copy-of-credentials-presented': {
    label: 'Copy of credentials presented',
    on: 'copyOfCredentialsPresentedOn',
  },
  'credentials-presented': { label: 'Credentials presented', on: 'credentialsPresentedOn' },
  'functions-ended': { label: 'Functions ended', on: null },
};

const HEAD_MILESTONE_TYPES = {
  ChargeDAffairesDesignated: 'Chargé d’affaires a.i. designated',
  HeadOfMissionNominated: 'Head of mission nominated',
  AgrementRequested: 'Agrément requested',
  AgrementGranted: 'Agrément granted',
  AgrementRefused: 'Agrément refused',
  HeadOfMissionAppointed: 'Head of mission appointed',
  HeadOfMissionArrived: 'Head of mission arrived',
  CopyOfCredentialsPresented: 'Copy of credentials presented',
  CredentialsPresented: 'Credentials presented',
  FunctionsEnded: 'Functions ended',
};

const FUNCTIONS_END_REASONS = {
  recalled: 'recalled',
  'persona-non-grata': 'declared persona non grata',
  'end-of-term': 'end of term',
  other: 'other',
};

/* ------------------------------------------------------------------ The page -- */

const TOKEN_KEY = 'envoy-ledger.token';
const PAGE_SIZE = 200;
const FEED_PATH = '/api/live/missions';
/** The server sends a heartbeat every 15 s; silence for this long means a dead connection. */
const FEED_IDLE_MS = 45_000;
const MAX_BACKOFF_MS = 30_000;
const SVG_NS = 'http://www.w3.org/2000/svg';

function start() {
  const $ = (id) => document.getElementById(id);
  const ui = {
    session: $('session'),
    connection: $('connection'),
    connectionText: $('connection-text'),
    signOut: $('sign-out'),
    signIn: $('sign-in'),
    form: $('token-form'),
    token: $('token'),
    tokenError: $('token-error'),
    signInButton: $('sign-in-button'),
    board: $('board'),
    boardTitle: $('board-title'),
    summary: $('summary'),
    legend: $('legend'),
    table: $('missions'),
    empty: $('empty'),
    detail: $('detail'),
    detailTitle: $('detail-title'),
    detailSubtitle: $('detail-subtitle'),
    detailBody: $('detail-body'),
    detailClose: $('detail-close'),
    announcer: null,
  };
  ui.announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'announcer' });
  document.body.append(ui.announcer);

  const names = regionNamer();
  const missions = new Map(); // id → MissionStatusView
  const rows = new Map(); // id → <tr>
  const groups = new Map(); // relation key → <tbody>
  let session = null;
  let openMissionId = null;
  let pending = new Map(); // id → status before the change, for the next flush
  let flushTimer = null;

  ui.legend.replaceChildren(...Object.keys(STATUSES).map((status) => h('li', {}, badge(status))));

  /* ---------------------------------------------------------------- Sign in / out */

  ui.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = ui.token.value.trim();
    if (token === '') {
      showTokenError('Enter a token.');
      return;
    }
    ui.signInButton.disabled = true;
    ui.signInButton.textContent = 'Signing in…';
    showTokenError('');
    try {
      await begin(token);
      ui.token.value = '';
    } finally {
      ui.signInButton.disabled = false;
      ui.signInButton.textContent = 'Sign in';
    }
  });

  ui.signOut.addEventListener('click', () => end('You are signed out.', false));

  const stored = sessionStorage.getItem(TOKEN_KEY);
  if (stored) void begin(stored);
  else showSignIn();

  /** Loads every mission with the token, then follows the live feed. */
  async function begin(token) {
    const current = {
      token,
      active: true,
      controller: null,
      lastEventId: null,
      attempt: 0,
      retryMs: 2000,
      retryAfterMs: null,
      reconnectTimer: null,
      idleTimer: null,
    };
    session = current;
    let loaded;
    try {
      loaded = await loadMissions(token);
    } catch (error) {
      if (session !== current) return;
      session = null;
      // Only a refused token is forgotten: a busy or unreachable service keeps it for a retry.
      if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
        sessionStorage.removeItem(TOKEN_KEY);
      } else {
        ui.token.value = token;
      }
      showSignIn(signInMessage(error));
      return;
    }
    if (session !== current) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    missions.clear();
    for (const mission of loaded.missions) missions.set(mission.id, mission);
    current.lastEventId = loaded.resumeAfter;
    showBoard();
    renderAll();
    void connect(current);
  }

  function end(message, invalid = true) {
    const ending = session;
    session = null;
    if (ending) {
      ending.active = false;
      ending.controller?.abort();
      clearTimeout(ending.reconnectTimer);
      clearTimeout(ending.idleTimer);
    }
    sessionStorage.removeItem(TOKEN_KEY);
    clearBoard();
    showSignIn(message, invalid);
  }

  function clearBoard() {
    if (ui.detail.open) ui.detail.close();
    missions.clear();
    rows.clear();
    groups.clear();
    pending = new Map();
    for (const body of ui.table.querySelectorAll('tbody')) body.remove();
  }

  /**
   * Loads the list afresh in place of what the page shows, and follows the feed from there:
   * for a service that no longer knows the page's resume point (a store restored from a
   * backup, another store), where what the page holds may be gone or newer than the store.
   */
  async function reload(current) {
    const loaded = await loadMissions(current.token);
    if (session !== current) return;
    clearBoard();
    for (const mission of loaded.missions) missions.set(mission.id, mission);
    current.lastEventId = loaded.resumeAfter;
    renderAll();
  }

  function showSignIn(message = '', invalid = true) {
    ui.board.hidden = true;
    ui.session.hidden = true;
    ui.signIn.hidden = false;
    showTokenError(message, invalid);
    ui.token.focus();
  }

  function showBoard() {
    const focusHeading = !ui.signIn.hidden;
    ui.signIn.hidden = true;
    ui.board.hidden = false;
    ui.session.hidden = false;
    if (focusHeading) {
      ui.boardTitle.tabIndex = -1;
      ui.boardTitle.focus();
    }
  }

  function showTokenError(message, invalid = true) {
    ui.tokenError.textContent = message;
    ui.tokenError.classList.toggle('form-error--info', !invalid);
    ui.token.setAttribute('aria-invalid', message !== '' && invalid ? 'true' : 'false');
  }

  function signInMessage(error) {
    if (error instanceof HttpError) {
      if (error.status === 401) return 'That token was not accepted. Check it and try again.';
      if (error.status === 403) return 'That token may not read missions.';
      if (error.retryAfterSeconds > 0) {
        return `The service answered ${error.status}. Try again in ${error.retryAfterSeconds} s.`;
      }
      return `The service answered ${error.status}. Try again in a moment.`;
    }
    return 'The service could not be reached. Try again in a moment.';
  }

  /* ---------------------------------------------------------------- Loading */

  /**
   * Every mission, page by page. The feed resumes after the highest position of the first
   * page: that page reflects every change up to at least that position, later pages were
   * read later still, so anything that changed meanwhile is replayed by the feed.
   */
  async function loadMissions(token) {
    const all = [];
    let resumeAfter = null;
    for (let offset = 0; ;) {
      const response = await fetch(`/api/missions?limit=${PAGE_SIZE}&offset=${offset}`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        cache: 'no-store',
      });
      if (!response.ok) {
        throw new HttpError(response.status, Number(response.headers.get('Retry-After')));
      }
      const page = await response.json();
      if (offset === 0) resumeAfter = highestPosition(page.missions);
      all.push(...page.missions);
      offset += page.missions.length;
      if (page.missions.length === 0 || offset >= page.total) break;
    }
    return { missions: all, resumeAfter };
  }

  /* ---------------------------------------------------------------- The live feed */

  async function connect(current) {
    current.reconnectTimer = null;
    if (!current.active) return;
    setConnection(current.lastEventId && current.attempt > 0 ? 'reconnecting' : 'connecting');
    const controller = new AbortController();
    current.controller = controller;
    const headers = { Authorization: `Bearer ${current.token}`, Accept: 'text/event-stream' };
    if (current.lastEventId) headers['Last-Event-ID'] = current.lastEventId;
    let reason = 'The connection dropped.';
    try {
      const response = await fetch(FEED_PATH, {
        headers,
        cache: 'no-store',
        signal: controller.signal,
      });
      if (response.status === 401) {
        end('Your token is no longer accepted. Sign in again.');
        return;
      }
      if (response.status === 400 && current.lastEventId) {
        // The server does not know our resume point: start over from a fresh list.
        await reload(current);
        if (!current.active) return;
        current.attempt = 0;
        void connect(current);
        return;
      }
      if (!response.ok || !response.body) {
        // 429 (too many feeds for this token) says when to come back.
        const retryAfter = Number(response.headers.get('Retry-After'));
        if (retryAfter > 0) current.retryAfterMs = retryAfter * 1000;
        throw new HttpError(response.status);
      }
      current.attempt = 0;
      setConnection('live');
      reason = await follow(current, response.body, controller);
    } catch (error) {
      if (!current.active) return;
      if (error instanceof HttpError) reason = `The live feed answered ${error.status}.`;
    } finally {
      clearTimeout(current.idleTimer);
    }
    if (!current.active) return;
    scheduleReconnect(current, reason);
  }

  /** Reads the feed until it ends; returns why it ended. */
  async function follow(current, body, controller) {
    let closing = null;
    const parser = createSseParser({
      onRetry: (ms) => {
        current.retryMs = Math.min(Math.max(ms, 250), MAX_BACKOFF_MS);
      },
      onEvent: (event) => {
        if (event.type === 'mission') {
          const view = safeJson(event.data);
          if (view && typeof view.id === 'string') upsert(view);
          if (event.id) current.lastEventId = event.id;
        } else if (event.type === 'closing') {
          closing = safeJson(event.data);
          if (typeof closing?.resumeAfter === 'string' && closing.resumeAfter !== '') {
            current.lastEventId = closing.resumeAfter;
          }
        }
      },
    });
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    const resetIdle = () => {
      clearTimeout(current.idleTimer);
      current.idleTimer = setTimeout(() => controller.abort(), FEED_IDLE_MS);
    };
    resetIdle();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      resetIdle();
      parser.push(value);
    }
    parser.end();
    if (closing) return `The server closed the feed: ${closing.reason ?? 'no reason given'}.`;
    return 'The live feed ended.';
  }

  function scheduleReconnect(current, reason) {
    // The server's `retry` first, then doubling up to 30 s, with jitter so that many
    // dashboards dropped at once do not all come back in the same instant.
    const backoff = Math.min(MAX_BACKOFF_MS, current.retryMs * 2 ** current.attempt);
    const jittered = Math.round(backoff * (0.8 + Math.random() * 0.4));
    const delay = Math.max(jittered, current.retryAfterMs ?? 0);
    current.retryAfterMs = null;
    current.attempt += 1;
    setConnection(
      'reconnecting',
      `${reason} Reconnecting in ${Math.max(1, Math.round(delay / 1000))} s…`,
    );
    current.reconnectTimer = setTimeout(() => void connect(current), delay);
  }

  window.addEventListener('online', () => {
    const current = session;
    if (!current || current.reconnectTimer === null) return; // connected, or connecting
    clearTimeout(current.reconnectTimer);
    void connect(current);
  });

  function setConnection(state, message) {
    const text = {
      live: 'Live: updates appear as they are recorded',
      connecting: 'Connecting to live updates…',
      reconnecting: 'Reconnecting…',
    }[state];
    ui.connection.dataset.state = state;
    ui.connectionText.textContent = message ?? text;
  }

  /* ---------------------------------------------------------------- The table */

  function upsert(view) {
    const known = missions.get(view.id);
    // An older view than we hold (the head-of-mission track changes a view, not its revision).
    if (known && (known.revision > view.revision || known.position > view.position)) return;
    if (known && JSON.stringify(known) === JSON.stringify(view)) return; // a replay of what we show
    if (!pending.has(view.id)) pending.set(view.id, known?.status ?? null);
    missions.set(view.id, view);
    if (flushTimer === null) flushTimer = setTimeout(flush, 16);
  }

  /** Applies the changes since the last flush to the DOM, keeping focus where it is. */
  function flush() {
    flushTimer = null;
    const changed = pending;
    pending = new Map();
    const messages = [];
    for (const [id, before] of changed) {
      const mission = missions.get(id);
      if (!mission) continue;
      const row = placeRow(mission);
      row.classList.remove('is-updated');
      void row.offsetWidth; // restart the highlight
      row.classList.add('is-updated');
      clearTimeout(row.updatedTimer);
      row.updatedTimer = setTimeout(() => row.classList.remove('is-updated'), 2400);
      if (before !== mission.status) {
        messages.push(`${mission.city}: ${statusLabel(mission.status)}`);
      }
    }
    if (openMissionId !== null && changed.has(openMissionId)) renderDetail(openMissionId);
    renderSummary();
    if (messages.length === 1) ui.announcer.textContent = `Updated. ${messages[0]}.`;
    else if (messages.length > 1) ui.announcer.textContent = `${messages.length} missions updated.`;
  }

  function renderAll() {
    for (const body of ui.table.querySelectorAll('tbody')) body.remove();
    rows.clear();
    groups.clear();
    const sorted = [...missions.values()].sort(compareMissions);
    for (const mission of sorted) placeRow(mission);
    renderSummary();
  }

  /** Creates or refreshes a mission's row, in its relation's group, in order. */
  function placeRow(mission) {
    let row = rows.get(mission.id);
    if (!row) {
      row = h('tr', {
        class: 'mission-row',
        tabindex: '0',
        'data-mission-id': mission.id,
      });
      rows.set(mission.id, row);
      const group = groupOf(mission);
      const siblings = [...group.querySelectorAll('tr.mission-row')];
      const next = siblings.find(
        (r) => compareMissions(missions.get(r.dataset.missionId), mission) > 0,
      );
      group.insertBefore(row, next ?? null);
      updateGroupCount(group);
    }
    row.dataset.status = mission.status;
    row.classList.toggle('is-overdue', mission.overdue.length > 0);
    row.replaceChildren(...missionCells(mission));
    return row;
  }

  function groupOf(mission) {
    const relation = relationOf(mission);
    let group = groups.get(relation.key);
    if (group) return group;
    const headingId = `relation-${relation.key}`;
    group = h(
      'tbody',
      { class: 'relation', 'data-relation': relation.key, 'aria-labelledby': headingId },
      h(
        'tr',
        { class: 'relation__row' },
        h(
          'th',
          { scope: 'rowgroup', colspan: '6', id: headingId },
          h('span', { class: 'relation__name' }, relation.label),
          h('span', { class: 'relation__count' }),
        ),
      ),
    );
    group.dataset.label = relation.label;
    groups.set(relation.key, group);
    const next = [...ui.table.tBodies].find(
      (b) => b.dataset.label.localeCompare(relation.label) > 0,
    );
    ui.table.insertBefore(group, next ?? null);
    return group;
  }

  function updateGroupCount(group) {
    const count = group.querySelectorAll('tr.mission-row').length;
    group.querySelector('.relation__count').textContent =
      count === 1 ? '1 mission' : `${count} missions`;
  }

  function renderSummary() {
    const total = missions.size;
    const overdue = [...missions.values()].filter((m) => m.overdue.length > 0).length;
    ui.empty.hidden = total > 0;
    ui.summary.replaceChildren(
      h('span', {}, plural(total, 'mission')),
      h('span', {}, plural(groups.size, 'relation')),
      h('span', { class: overdue > 0 ? 'summary__overdue' : '' }, `${overdue} overdue`),
    );
  }

  function missionCells(mission) {
    const sending = names(mission.sendingState);
    const receiving = names(mission.receivingState);
    return [
      h(
        'th',
        { scope: 'row', class: 'cell-mission' },
        h(
          'span',
          { class: 'route' },
          h('span', {}, sending),
          h('span', { class: 'route__arrow', 'aria-hidden': 'true' }, '→'),
          h('span', { class: 'visually-hidden' }, ' to '),
          h('span', {}, receiving),
        ),
        h('span', { class: 'mission-id' }, mission.id),
      ),
      h('td', { class: 'cell-city' }, mission.city),
      h('td', { class: 'cell-status' }, badge(mission.status)),
      h('td', { class: 'cell-head' }, headCell(mission)),
      h('td', { class: 'cell-timeline' }, timeline(mission)),
      h('td', { class: 'cell-targets' }, targets(mission)),
    ];
  }

  function timeline(mission) {
    const steps = stepsOf(mission);
    return h(
      'ol',
      { class: 'timeline', 'aria-label': 'Milestones' },
      ...steps.map((step) =>
        h(
          'li',
          { class: `step step--${step.state}`, 'data-step': step.key },
          h('span', { class: 'step__dot', 'aria-hidden': 'true' }),
          h('span', { class: 'step__label' }, step.label),
          step.on
            ? h('span', { class: 'step__date' }, time(step.on, shortDate(step.on)))
            : step.skipped
              ? h('span', { class: 'step__date' }, 'skipped')
              : step.due
                ? h(
                    'span',
                    { class: 'step__date' },
                    step.state === 'overdue'
                      ? h('span', { class: 'visually-hidden' }, 'overdue, ')
                      : null,
                    'due ',
                    time(step.due, shortDate(step.due)),
                  )
                : h(
                    'span',
                    { class: 'step__date' },
                    h('span', { 'aria-hidden': 'true' }, '—'),
                    h('span', { class: 'visually-hidden' }, 'not yet'),
                  ),
        ),
      ),
    );
  }

  function targets(mission) {
    const items = [];
    for (const target of mission.overdue) {
      items.push(
        h(
          'p',
          { class: 'overdue-flag', 'data-overdue': target },
          icon('overdue'),
          `Overdue: ${OVERDUE_LABELS[target] ?? target}`,
        ),
      );
    }
    const { temporaryOfficeBy, embassyBy } = mission.targets;
    if (temporaryOfficeBy) items.push(targetLine('Temporary office by', temporaryOfficeBy));
    if (embassyBy) items.push(targetLine('Embassy by', embassyBy));
    if (items.length === 0) items.push(h('p', { class: 'muted' }, 'No targets'));
    return h('div', { class: 'targets' }, ...items);
  }

  /** Who heads the mission: the head in office, else the chargé a.i. and the nominee under way. */
  function headCell(mission) {
    const head = mission.headOfMission ?? null;
    const charge = mission.chargeDAffaires ?? null;
    const lines = [];
    if (head && head.stage === 'credentials-presented') {
      lines.push(h('p', { class: 'head__name' }, head.name));
      lines.push(h('p', { class: 'head__role' }, head.title));
      lines.push(stageLine(head));
      return h('div', { class: 'head', 'data-head': 'in-office' }, ...lines);
    }
    if (charge) {
      lines.push(h('p', { class: 'head__name' }, charge.name));
      lines.push(
        h(
          'p',
          { class: 'head__role' },
          'Chargé d’affaires a.i. since ',
          time(charge.designatedOn, shortDate(charge.designatedOn)),
        ),
      );
    }
    if (head) {
      if (charge) lines.push(h('p', { class: 'head__next' }, `Designate: ${head.name}`));
      else {
        lines.push(h('p', { class: 'head__name' }, head.name));
        lines.push(h('p', { class: 'head__role' }, `${head.title} (designate)`));
      }
      lines.push(stageLine(head));
    }
    if (lines.length === 0) {
      return h(
        'div',
        { class: 'head', 'data-head': 'vacant' },
        h('p', { class: 'muted' }, 'Vacant'),
      );
    }
    return h('div', { class: 'head', 'data-head': charge ? 'charge' : 'designate' }, ...lines);
  }

  function stageLine(head) {
    const stage = HEAD_STAGES[head.stage];
    const on = stage?.on ? head[stage.on] : null;
    return h(
      'p',
      { class: 'head__stage', 'data-stage': head.stage },
      headStageLabel(head.stage),
      on ? ' ' : '',
      on ? time(on, shortDate(on)) : null,
    );
  }

  function targetLine(label, date) {
    return h('p', { class: 'target' }, `${label} `, time(date, shortDate(date)));
  }

  /* ---------------------------------------------------------------- Keyboard & detail */

  ui.table.addEventListener('click', (event) => {
    const row = event.target.closest('tr.mission-row');
    if (row) openDetail(row.dataset.missionId);
  });

  ui.table.addEventListener('keydown', (event) => {
    const row = event.target.closest('tr.mission-row');
    if (!row || event.target !== row || event.altKey || event.ctrlKey || event.metaKey) return;
    const all = [...ui.table.querySelectorAll('tr.mission-row')];
    const index = all.indexOf(row);
    let target = null;
    switch (event.key) {
      case 'Enter':
      case ' ':
        event.preventDefault();
        openDetail(row.dataset.missionId);
        return;
      case 'ArrowDown':
        target = all[index + 1];
        break;
      case 'ArrowUp':
        target = all[index - 1];
        break;
      case 'Home':
        target = all[0];
        break;
      case 'End':
        target = all[all.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    target?.focus();
  });

  ui.detailClose.addEventListener('click', () => ui.detail.close());
  // A click on the backdrop lands on the dialog element itself.
  ui.detail.addEventListener('click', (event) => {
    if (event.target === ui.detail) ui.detail.close();
  });
  ui.detail.addEventListener('close', () => {
    const id = openMissionId;
    openMissionId = null;
    if (id !== null) rows.get(id)?.focus();
  });

  function openDetail(id) {
    if (!missions.has(id)) return;
    openMissionId = id;
    renderDetail(id);
    if (!ui.detail.open) ui.detail.showModal();
    ui.detailClose.focus();
  }

  function renderDetail(id) {
    const m = missions.get(id);
    ui.detailTitle.textContent = `${names(m.sendingState)} → ${names(m.receivingState)}`;
    ui.detailSubtitle.replaceChildren(
      h('span', {}, m.city),
      h('span', { class: 'mission-id' }, m.id),
      badge(m.status),
    );
    const headEvents = m.headOfMissionMilestones ?? [];
    ui.detailBody.replaceChildren(
      section('Overview', overview(m)),
      section('Head of mission', headOfMission(m)),
      section(`Milestones (${m.milestones.length})`, milestonesTable(m)),
      section(
        `Head-of-mission track (${headEvents.length})`,
        milestonesTable(
          m,
          headEvents,
          HEAD_MILESTONE_TYPES,
          'Head-of-mission events, oldest first',
        ),
      ),
      section(`Diplomats (${m.diplomats.length})`, diplomatsTable(m)),
      section('Sources', sources(m)),
    );
  }

  function overview(m) {
    const facts = [
      ['Status', badge(m.status)],
      ['Agreed on', time(m.agreedOn, longDate(m.agreedOn))],
      ['Planned on', time(m.plannedOn, longDate(m.plannedOn))],
      ['Temporary office target', optionalDate(m.targets.temporaryOfficeBy, 'none')],
      ['Embassy target', optionalDate(m.targets.embassyBy, 'none')],
      [
        'Overdue',
        m.overdue.length === 0
          ? 'Nothing overdue'
          : h(
              'span',
              { class: 'overdue-flag' },
              icon('overdue'),
              m.overdue.map((t) => `Overdue: ${OVERDUE_LABELS[t] ?? t}`).join(', '),
            ),
      ],
      ['Temporary office', premises(m.temporaryOffice)],
      ['Embassy', premises(m.embassy)],
    ];
    if (m.suspension) {
      facts.push([
        'Suspended',
        h(
          'span',
          {},
          `since `,
          time(m.suspension.since, longDate(m.suspension.since)),
          ` — ${m.suspension.reason}`,
        ),
      ]);
    }
    if (m.closure) {
      facts.push([
        'Closed',
        h(
          'span',
          {},
          time(m.closure.closedOn, longDate(m.closure.closedOn)),
          ` — ${m.closure.reason}`,
        ),
      ]);
    }
    facts.push(['Revision', String(m.revision)]);
    return h(
      'dl',
      { class: 'facts' },
      ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
    );
  }

  function premises(p) {
    if (!p) return h('span', { class: 'muted' }, 'not opened');
    return h(
      'span',
      {},
      'opened ',
      time(p.openedOn, longDate(p.openedOn)),
      p.address ? ` at ${p.address}` : '',
    );
  }

  function milestonesTable(
    m,
    milestones = m.milestones,
    types = MILESTONE_TYPES,
    caption = 'Milestones, oldest first',
  ) {
    if (milestones.length === 0) return h('p', { class: 'muted' }, 'No milestones recorded.');
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data-table milestones' },
        h('caption', { class: 'visually-hidden' }, caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Milestone'),
            h('th', { scope: 'col' }, 'Occurred on'),
            h('th', { scope: 'col' }, 'Recorded at'),
            h('th', { scope: 'col' }, 'Recorded by'),
            h('th', { scope: 'col' }, 'Details'),
          ),
        ),
        h(
          'tbody',
          {},
          ...milestones.map((ms) =>
            h(
              'tr',
              { 'data-milestone': ms.type },
              h('th', { scope: 'row' }, types[ms.type] ?? humanize(ms.type)),
              h('td', { class: 'occurred-on' }, time(ms.occurredOn, longDate(ms.occurredOn))),
              h('td', { class: 'recorded-at' }, time(ms.recordedAt, timestamp(ms.recordedAt))),
              h(
                'td',
                { class: 'recorded-by' },
                ms.recordedBy ?? h('span', { class: 'muted' }, 'unknown'),
              ),
              h('td', {}, milestoneDetails(m, ms)),
            ),
          ),
        ),
      ),
    );
  }

  function milestoneDetails(m, ms) {
    const d = ms.data ?? {};
    const diplomat = m.diplomats.find((x) => x.diplomatId === d.diplomatId);
    switch (ms.type) {
      case 'MissionPlanned':
      case 'MissionSourceLinked':
      case 'MissionPlanRevised':
      case 'MissionReestablished': {
        const parts = [`Agreed on ${longDate(d.agreedOn)}`];
        if (d.targets?.temporaryOfficeBy)
          parts.push(`temporary office by ${longDate(d.targets.temporaryOfficeBy)}`);
        if (d.targets?.embassyBy) parts.push(`embassy by ${longDate(d.targets.embassyBy)}`);
        return parts.join('; ');
      }
      case 'DiplomatDispatched':
        return `${d.name}, ${d.title} (${humanize(d.role ?? '')})${d.expectedArrivalOn ? `; expected ${longDate(d.expectedArrivalOn)}` : ''}`;
      case 'DiplomatArrived':
        return diplomat ? `${diplomat.name}, ${diplomat.title}` : '';
      case 'TemporaryOfficeOpened':
      case 'EmbassyOpened':
        return d.address ?? '';
      case 'OperationsSuspended':
      case 'MissionClosed':
        return d.reason ?? '';
      case 'ChargeDAffairesDesignated':
        return `${d.name}, ${d.title}`;
      case 'HeadOfMissionNominated':
        return `${d.name}, ${d.title}`;
      case 'AgrementRequested':
      case 'AgrementGranted':
      case 'HeadOfMissionAppointed':
      case 'HeadOfMissionArrived':
      case 'CopyOfCredentialsPresented':
        return headName(m, d.headOfMissionId);
      case 'CredentialsPresented':
        return `${headName(m, d.headOfMissionId)}; functions commence (precedence date)`;
      case 'AgrementRefused':
        return [headName(m, d.headOfMissionId), d.reason].filter(Boolean).join(' — ');
      case 'FunctionsEnded':
        return [headName(m, d.headOfMissionId), FUNCTIONS_END_REASONS[d.reason] ?? d.reason, d.note]
          .filter(Boolean)
          .join(' — ');
      default:
        return '';
    }
  }

  function headName(m, headOfMissionId) {
    return (m.headsOfMission ?? []).find((x) => x.headOfMissionId === headOfMissionId)?.name ?? '';
  }

  /** The head of mission (or the chargé a.i.), the track's stage and dates, and every nominee. */
  function headOfMission(m) {
    const head = m.headOfMission ?? null;
    const charge = m.chargeDAffaires ?? null;
    const heads = m.headsOfMission ?? [];
    const facts = [];
    if (head) {
      const inOffice = head.stage === 'credentials-presented';
      facts.push([inOffice ? 'Head of mission' : 'Nominee', `${head.name}, ${head.title}`]);
      facts.push(['Stage', headStageBadge(head.stage)]);
      facts.push(['Nominated', time(head.nominatedOn, longDate(head.nominatedOn))]);
      facts.push(['Agrément requested', optionalDate(head.agrementRequestedOn, 'not yet')]);
      facts.push(['Agrément granted', optionalDate(head.agrementGrantedOn, 'not yet')]);
      facts.push(['Appointed', optionalDate(head.appointedOn, 'not yet')]);
      facts.push(['Arrived', optionalDate(head.arrivedOn, 'not yet')]);
      facts.push([
        'Copy of credentials',
        optionalDate(head.copyOfCredentialsPresentedOn, 'not yet'),
      ]);
      facts.push([
        'Credentials (precedence date)',
        optionalDate(head.precedenceDate, 'not yet: functions have not commenced'),
      ]);
    } else {
      facts.push(['Head of mission', h('span', { class: 'muted' }, 'Vacant: nobody nominated')]);
    }
    if (!head || head.stage !== 'credentials-presented') {
      facts.push([
        'Chargé d’affaires a.i.',
        charge
          ? h(
              'span',
              {},
              `${charge.name}, ${charge.title}, since `,
              time(charge.designatedOn, longDate(charge.designatedOn)),
            )
          : h('span', { class: 'muted' }, 'none designated'),
      ]);
    }
    const list = h(
      'dl',
      { class: 'facts head-facts' },
      ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
    );
    if (heads.length <= 1) return list;
    return h('div', {}, list, nomineesTable(heads));
  }

  function nomineesTable(heads) {
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data-table nominees' },
        h('caption', {}, 'Every nominee, in nomination order'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Name', 'Stage', 'Nominated', 'Agrément', 'Credentials', 'Ended'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...heads.map((x) =>
            h(
              'tr',
              { 'data-head-of-mission-id': x.headOfMissionId },
              h('th', { scope: 'row' }, x.name),
              h('td', {}, headStageBadge(x.stage)),
              h('td', {}, time(x.nominatedOn, longDate(x.nominatedOn))),
              h('td', {}, optionalDate(x.agrementGrantedOn ?? x.agrementRefusal?.refusedOn, '—')),
              h('td', {}, optionalDate(x.credentialsPresentedOn, '—')),
              h('td', {}, optionalDate(x.functionsEnded?.endedOn, '—')),
            ),
          ),
        ),
      ),
    );
  }

  function diplomatsTable(m) {
    if (m.diplomats.length === 0) return h('p', { class: 'muted' }, 'No diplomats dispatched yet.');
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, 'Diplomats'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Name', 'Title', 'Role', 'Dispatched', 'Expected', 'Arrived'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...m.diplomats.map((d) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, d.name),
              h('td', {}, d.title),
              h('td', {}, humanize(d.role)),
              h('td', {}, time(d.dispatchedOn, longDate(d.dispatchedOn))),
              h('td', {}, optionalDate(d.expectedArrivalOn, '—')),
              h('td', {}, optionalDate(d.arrivedOn, 'not yet')),
            ),
          ),
        ),
      ),
    );
  }

  function sources(m) {
    if (m.sources.length === 0) {
      return h('p', { class: 'muted' }, 'Planned directly, not from a recorded meeting.');
    }
    return h(
      'ul',
      { class: 'sources' },
      ...m.sources.map((s) =>
        h(
          'li',
          {},
          'Meeting ',
          h('code', {}, s.meetingId),
          ', outcome ',
          h('code', {}, s.outcomeId),
        ),
      ),
    );
  }
}

/* ------------------------------------------------------------------ Helpers -- */

class HttpError extends Error {
  /** `retryAfterSeconds`: what Retry-After said (0 or NaN when it said nothing). */
  constructor(status, retryAfterSeconds = 0) {
    super(`HTTP ${status}`);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Creates an element: h('td', { class: 'x' }, 'text', child). */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== '') element.setAttribute(name, value);
  }
  element.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

function section(title, content) {
  return h('section', { class: 'detail__section' }, h('h3', {}, title), content);
}

function badge(status) {
  return h(
    'span',
    { class: `badge badge--${status}`, 'data-status': status },
    icon(STATUSES[status]?.icon ?? 'planned'),
    h('span', { class: 'badge__label' }, statusLabel(status)),
  );
}

function statusLabel(status) {
  return STATUSES[status]?.label ?? humanize(status);
}

function headStageLabel(stage) {
  return HEAD_STAGES[stage]?.label ?? humanize(stage);
}

function headStageBadge(stage) {
  return h('span', { class: 'head-stage', 'data-stage': stage }, headStageLabel(stage));
}

/** Shapes that tell the statuses apart without colour. */
const ICONS = {
  planned: [
    [
      'circle',
      { cx: 8, cy: 8, r: 5, fill: 'none', 'stroke-width': 2, 'stroke-dasharray': '2.6 2' },
    ],
  ],
  dispatched: [['path', { d: 'M2 8h10M8.5 4 12.5 8l-4 4', fill: 'none', 'stroke-width': 2 }]],
  'on-post': [
    [
      'path',
      {
        d: 'M8 14.5s-4.75-4.6-4.75-8.1a4.75 4.75 0 0 1 9.5 0c0 3.5-4.75 8.1-4.75 8.1z',
        stroke: 'none',
      },
    ],
    ['circle', { cx: 8, cy: 6.4, r: 1.7, class: 'icon__knockout', stroke: 'none' }],
  ],
  'temporary-office': [
    [
      'path',
      {
        d: 'M2.5 7.2 8 2.8l5.5 4.4V13.5h-11zM6.5 13.5v-3.5h3v3.5',
        fill: 'none',
        'stroke-width': 1.6,
      },
    ],
  ],
  embassy: [
    ['circle', { cx: 8, cy: 8, r: 6.5, stroke: 'none' }],
    [
      'path',
      {
        d: 'M5 8.2 7.1 10.3 11.2 6',
        fill: 'none',
        'stroke-width': 1.8,
        class: 'icon__knockout-stroke',
      },
    ],
  ],
  suspended: [
    ['rect', { x: 4, y: 3, width: 2.8, height: 10, rx: 0.6, stroke: 'none' }],
    ['rect', { x: 9.2, y: 3, width: 2.8, height: 10, rx: 0.6, stroke: 'none' }],
  ],
  closed: [['path', { d: 'M3.5 3.5l9 9M12.5 3.5l-9 9', fill: 'none', 'stroke-width': 2.2 }]],
  overdue: [
    ['path', { d: 'M8 1.5 15 14H1z', stroke: 'none' }],
    ['path', { d: 'M8 6v3.6', fill: 'none', 'stroke-width': 1.7, class: 'icon__knockout-stroke' }],
    ['circle', { cx: 8, cy: 11.6, r: 0.95, stroke: 'none', class: 'icon__knockout' }],
  ],
};

function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', `icon icon--${name}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [tag, attributes] of ICONS[name] ?? []) {
    const shape = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries({
      fill: 'currentColor',
      stroke: 'currentColor',
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      ...attributes,
    })) {
      shape.setAttribute(key, String(value));
    }
    svg.append(shape);
  }
  return svg;
}

/** The steps of the compact timeline: the path to an embassy, then any interruptions. */
function stepsOf(m) {
  // Only the current lifecycle: a re-established mission starts its path again.
  const start = m.milestones.findLastIndex((x) => x.type === 'MissionReestablished');
  const current = start < 0 ? m.milestones : m.milestones.slice(start);
  const first = (type) => current.find((x) => x.type === type);
  const last = (type) => current.findLast((x) => x.type === type);
  const reached = (on) => (on ? 'done' : 'pending');
  const temporaryOfficeOn =
    m.temporaryOffice?.openedOn ?? first('TemporaryOfficeOpened')?.occurredOn;
  const embassyOn = m.embassy?.openedOn ?? first('EmbassyOpened')?.occurredOn;
  const steps = [
    { key: 'dispatched', label: 'Dispatched', on: first('DiplomatDispatched')?.occurredOn },
    { key: 'arrived', label: 'Arrived', on: first('DiplomatArrived')?.occurredOn },
    {
      key: 'temporary-office',
      label: 'Temporary office',
      on: temporaryOfficeOn,
      due: embassyOn ? null : m.targets.temporaryOfficeBy,
      overdue: m.overdue.includes('temporary-office'),
    },
    {
      key: 'embassy',
      label: 'Embassy',
      on: embassyOn,
      due: m.targets.embassyBy,
      overdue: m.overdue.includes('embassy'),
    },
  ].map((s) => ({ ...s, state: s.overdue ? 'overdue' : reached(s.on) }));
  // An embassy opened straight away: there never was a temporary office, nor will be.
  if (embassyOn && !temporaryOfficeOn) steps[2] = { ...steps[2], state: 'skipped', skipped: true };
  const interruptions = [
    ['OperationsSuspended', 'suspended', 'Suspended'],
    ['OperationsResumed', 'resumed', 'Resumed'],
    ['MissionClosed', 'closed', 'Closed'],
  ]
    .map(([type, key, label]) => ({ milestone: last(type), key, label }))
    .filter((x) => x.milestone)
    .sort((a, b) => a.milestone.revision - b.milestone.revision)
    .map(({ milestone, key, label }) => ({ key, label, on: milestone.occurredOn, state: key }));
  // A mission that never had a step before it closed does not show it as pending.
  const visible = m.closure ? steps.filter((s) => s.on) : steps;
  return [...visible, ...interruptions];
}

function relationOf(m) {
  const [a, b] = [m.sendingState, m.receivingState].sort();
  const labels = [regionName(a), regionName(b)].sort((x, y) => x.localeCompare(y, 'en'));
  return { key: `${a}-${b}`.toLowerCase(), label: labels.join(' – ') };
}

function compareMissions(a, b) {
  return (
    regionName(a.sendingState).localeCompare(regionName(b.sendingState), 'en') ||
    a.city.localeCompare(b.city, 'en') ||
    a.id.localeCompare(b.id)
  );
}

let namer = null;
function regionName(code) {
  namer ??= regionNamer();
  return namer(code);
}

/** 'CU' → 'Cuba' with the browser's own region names; the code itself when it has none. */
function regionNamer() {
  let display = null;
  try {
    display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  } catch {
    display = null;
  }
  const cache = new Map();
  return (code) => {
    if (!cache.has(code)) {
      let name = code;
      try {
        name = display?.of(code) ?? code;
      } catch {
        name = code;
      }
      cache.set(code, name);
    }
    return cache.get(code);
  };
}

function highestPosition(views) {
  let highest = null;
  for (const v of views) if (highest === null || v.position > highest) highest = v.position;
  return highest;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function humanize(text) {
  const spaced = String(text)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const SHORT_DATE = dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });
const LONG_DATE = dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });
const TIMESTAMP = dateFormat({
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

function dateFormat(options) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options });
}

/** Calendar dates are plain 'YYYY-MM-DD' days, shown as such whatever the viewer's zone. */
function shortDate(iso) {
  return formatWith(SHORT_DATE, iso ? `${iso}T00:00:00Z` : iso, iso);
}

function longDate(iso) {
  return formatWith(LONG_DATE, iso ? `${iso}T00:00:00Z` : iso, iso);
}

function timestamp(iso) {
  return formatWith(TIMESTAMP, iso, iso);
}

function formatWith(format, text, fallback) {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? String(fallback ?? '') : format.format(date);
}

function time(iso, text) {
  return h('time', { datetime: iso, title: iso }, text);
}

function optionalDate(iso, none) {
  return iso ? time(iso, longDate(iso)) : h('span', { class: 'muted' }, none);
}

// Last, once every constant above is initialised.
if (typeof document !== 'undefined') start();
