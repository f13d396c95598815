// The partner dashboard's script: reads the filters, calls the analytics API with the page's
// session cookie, and draws each panel as SVG. No framework, no build step.
(() => {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';
  const COLORS = { accent: '#2f6f4f', second: '#7fb89a', third: '#c9d6cf', warn: '#a4411b', line: '#e3e7ee', muted: '#5b6776' };
  const DAY = 86400000;
  const state = { groupBy: 'partner', currencies: [], run: 0, wantedCurrency: '' };
  const $ = (selector) => document.querySelector(selector);
  const panel = (id) => document.querySelector(`[data-testid="${id}"] [data-body]`);

  /** From/to (YYYY-MM-DD) of the chosen period, on the viewer's today. */
  function period(key) {
    const today = new Date();
    const iso = (offsetDays) => new Date(today.getTime() + offsetDays * DAY).toISOString().slice(0, 10);
    switch (key) {
      case 'past90': return { from: iso(-90), to: iso(0) };
      case 'past365': return { from: iso(-365), to: iso(0) };
      case 'next180': return { from: iso(0), to: iso(180) };
      case 'all': return {};
      default: return { from: iso(-182), to: iso(183) };
    }
  }

  // The filters live in the page's address, so a reload or a shared link shows the same view.
  const IN_ADDRESS = { region: '#f-region', tier: '#f-tier', period: '#f-period', currency: '#f-currency', model: '#f-model' };

  function rememberFilters() {
    const params = new URLSearchParams();
    for (const [key, id] of Object.entries(IN_ADDRESS)) {
      const value = key === 'currency' ? $(id).value || state.wantedCurrency : $(id).value;
      if (value) params.set(key, value);
    }
    params.set('groupBy', state.groupBy);
    history.replaceState(null, '', `${location.pathname}?${params}`);
  }

  function restoreFilters() {
    const params = new URLSearchParams(location.search);
    for (const [key, id] of Object.entries(IN_ADDRESS)) {
      const value = params.get(key);
      if (value === null) continue;
      // Currencies are known only once the data has come: the choice waits for them.
      if (key === 'currency') state.wantedCurrency = value;
      else if ([...$(id).options].some((o) => o.value === value)) $(id).value = value;
    }
    const group = params.get('groupBy');
    if (group && document.querySelector(`[data-group="${CSS.escape(group)}"]`)) chooseGroup(group);
  }

  function chooseGroup(group) {
    state.groupBy = group;
    for (const b of document.querySelectorAll('[data-group]')) b.setAttribute('aria-pressed', String(b.dataset.group === group));
  }

  function filters() {
    const f = { region: $('#f-region').value, tier: $('#f-tier').value, currency: $('#f-currency').value, ...period($('#f-period').value) };
    return Object.fromEntries(Object.entries(f).filter(([, v]) => v));
  }

  async function get(path, params) {
    const res = await fetch(`/api/v1/analytics/${path}?${new URLSearchParams(params)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (res.status === 401) throw new Error('signed-out');
    if (!res.ok) throw new Error(((await res.json().catch(() => null)) || {}).error?.message || `The analytics API answered ${res.status}`);
    return res.json();
  }

  /**
   * Where a chart element drills down to: a partner's page or the deals list, with the same
   * filters (and the dashboard's own, for the way back) and the element's own narrowing.
   */
  function drillDown(path, narrowing) {
    const params = new URLSearchParams({ ...filters(), ...narrowing });
    for (const key of ['period', 'model']) params.set(key, (key === 'period' ? $('#f-period') : $('#f-model')).value);
    params.set('groupBy', state.groupBy);
    for (const [key, value] of [...params]) if (!value) params.delete(key);
    return `${path}?${params}`;
  }
  const partnerPage = (id, narrowing) => drillDown(`/partners/${encodeURIComponent(id)}`, narrowing);

  /**
   * A report's money figures per currency: one set, in the chosen (or only) currency, or one per
   * currency when the API answers `byCurrency` because the deals are in several.
   */
  const inCurrencies = (report) => report.byCurrency || [{ ...report, currency: $('#f-currency').value || onlyCurrency() }];
  const onlyCurrency = () => (state.currencies.length === 1 ? state.currencies[0].code : null);

  // ---- formatting ----
  function money(value, currency) {
    const code = currency === undefined ? $('#f-currency').value || onlyCurrency() : currency;
    const options = { notation: 'compact', maximumFractionDigits: value >= 1e6 ? 2 : 1 };
    return code ? new Intl.NumberFormat('en', { ...options, style: 'currency', currency: code }).format(value) : new Intl.NumberFormat('en', options).format(value);
  }
  const percent = (v) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)} %`);
  const days = (v) => (v === null || v === undefined ? '—' : `${v < 10 ? v.toFixed(1) : Math.round(v)} d`);
  const label = (s) => String(s).charAt(0).toUpperCase() + String(s).slice(1);

  // ---- drawing ----
  function el(name, attrs = {}, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svg(width, height, title) {
    const root = el('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': title });
    root.appendChild(el('title', {}, title));
    return root;
  }
  function empty(container, text) {
    container.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'empty';
    p.dataset.testid = 'empty';
    p.textContent = text;
    container.appendChild(p);
  }
  function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  /** Horizontal bars, one row per item: label left, bar, value right. */
  function barChart(container, rows, { title, format, color = COLORS.accent, emptyText }) {
    if (rows.length === 0) return empty(container, emptyText);
    container.innerHTML = '';
    const width = 520, row = 28, labelWidth = 168, valueWidth = 72;
    const max = Math.max(...rows.map((r) => r.value), 1);
    const root = svg(width, rows.length * row + 4, title);
    rows.forEach((r, i) => {
      const y = i * row + 2;
      const barWidth = Math.max(2, ((width - labelWidth - valueWidth) * r.value) / max);
      const shown = format(r.value, r.currency);
      const g = el('g', { 'data-testid': 'bar' });
      g.appendChild(el('title', {}, `${r.label}: ${shown}${r.note ? ` · ${r.note}` : ''}`));
      g.appendChild(el('text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end' }, truncate(r.label, 24)));
      g.appendChild(el('rect', { x: labelWidth, y: y + 4, width: barWidth, height: row - 8, rx: 3, fill: color }));
      g.appendChild(el('text', { x: labelWidth + barWidth + 6, y: y + 16, class: 'muted' }, shown));
      if (r.href) linkTo(g, r.href, `${r.label}: ${shown}${r.note ? `, ${r.note}` : ''}. ${r.opens}`, r.value);
      root.appendChild(g);
    });
    container.appendChild(root);
  }

  /** Makes a chart element act on a click or on Enter, and says what it does to screen readers and keyboards. */
  function actOn(node, role, label, act) {
    node.setAttribute('role', role);
    node.setAttribute('tabindex', '0');
    node.setAttribute('aria-label', label);
    node.setAttribute('class', 'drill');
    node.addEventListener('click', act);
    node.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') act();
    });
  }

  /** A chart element that opens `href`: the partner's page or the deals list behind its figure. */
  function linkTo(node, href, label, value) {
    node.dataset.href = href;
    if (value !== undefined) node.dataset.value = String(value);
    actOn(node, 'link', label, () => location.assign(href));
  }

  /** Vertical columns with a label under each. */
  function columnChart(container, columns, { title, colors }) {
    container.innerHTML = '';
    const width = 520, height = 190, base = 160, gap = 18;
    const max = Math.max(...columns.map((c) => c.value), 1);
    const columnWidth = (width - gap * (columns.length + 1)) / columns.length;
    const root = svg(width, height, title);
    root.appendChild(el('line', { x1: 0, x2: width, y1: base, y2: base, stroke: COLORS.line }));
    columns.forEach((c, i) => {
      const x = gap + i * (columnWidth + gap);
      const h = (130 * c.value) / max;
      const g = el('g', { 'data-testid': 'column' });
      g.appendChild(el('title', {}, `${c.label}: ${c.value} partners`));
      if (c.value > 0 && c.choose) actOn(g, 'button', `${c.label}: ${c.value} partners. Lists them.`, c.choose);
      g.appendChild(el('rect', { x, y: base - h, width: columnWidth, height: Math.max(h, c.value ? 2 : 0), rx: 3, fill: colors[i] }));
      g.appendChild(el('text', { x: x + columnWidth / 2, y: base - h - 6, 'text-anchor': 'middle' }, String(c.value)));
      g.appendChild(el('text', { x: x + columnWidth / 2, y: base + 18, 'text-anchor': 'middle', class: 'muted' }, c.label));
      root.appendChild(g);
    });
    container.appendChild(root);
  }

  /** Lines over weeks, with a dot per point and the first and last week labelled. */
  function lineChart(container, points, series, { title }) {
    container.innerHTML = '';
    const width = 520, height = 200, left = 34, right = 12, top = 12, base = 170;
    const max = Math.max(...points.flatMap((p) => series.map((s) => p[s.key])), 1);
    const x = (i) => (points.length === 1 ? (left + width - right) / 2 : left + (i * (width - left - right)) / (points.length - 1));
    const y = (v) => base - ((base - top) * v) / max;
    const root = svg(width, height, title);
    for (const tick of [0, Math.round(max / 2), max]) {
      root.appendChild(el('line', { x1: left, x2: width - right, y1: y(tick), y2: y(tick), stroke: COLORS.line }));
      root.appendChild(el('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'muted' }, String(tick)));
    }
    for (const s of series) {
      const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(' ');
      root.appendChild(el('path', { d, fill: 'none', stroke: s.color, 'stroke-width': 2.5, 'data-testid': `line-${s.key}` }));
      points.forEach((p, i) => {
        const dot = el('circle', { cx: x(i), cy: y(p[s.key]), r: 3.5, fill: s.color });
        const text = `Week of ${p.week}: ${p[s.key]} ${s.label.toLowerCase()}`;
        dot.appendChild(el('title', {}, text));
        if (s.href) linkTo(dot, s.href(p), `${text}. Opens the registrations submitted that week.`, p[s.key]);
        root.appendChild(dot);
      });
    }
    const first = points[0], last = points[points.length - 1];
    root.appendChild(el('text', { x: x(0), y: base + 20, 'text-anchor': points.length === 1 ? 'middle' : 'start', class: 'muted' }, first.week));
    if (points.length > 1) root.appendChild(el('text', { x: x(points.length - 1), y: base + 20, 'text-anchor': 'end', class: 'muted' }, last.week));
    container.appendChild(root);
    container.appendChild(legend(series));
  }

  /** One bar split into parts (sourced, influenced, direct), with a legend. */
  function splitBar(parts, title) {
    const total = parts.reduce((sum, p) => sum + p.value, 0);
    const root = svg(520, 30, title);
    let x = 0;
    for (const p of parts) {
      if (!total || !p.value) continue;
      const w = (520 * p.value) / total;
      const rect = el('rect', { x, y: 4, width: w, height: 22, fill: p.color });
      rect.appendChild(el('title', {}, `${p.label}: ${money(p.value)}`));
      root.appendChild(rect);
      x += w;
    }
    const wrap = document.createElement('div');
    wrap.appendChild(root);
    wrap.appendChild(legend(parts.map((p) => ({ ...p, label: `${p.label} ${money(p.value)}` }))));
    return wrap;
  }

  function legend(items) {
    const div = document.createElement('div');
    div.className = 'legend';
    for (const item of items) {
      const span = document.createElement('span');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = item.color;
      span.append(swatch, item.label);
      div.appendChild(span);
    }
    return div;
  }

  function list(container, items, render, emptyText, testid) {
    if (items.length === 0) return empty(container, emptyText);
    container.innerHTML = '';
    const ol = document.createElement('ol');
    ol.className = 'risk';
    for (const item of items) {
      const li = document.createElement('li');
      li.dataset.testid = testid;
      const [left, right, cls, href] = render(item);
      const a = document.createElement(href ? 'a' : 'span');
      a.textContent = left;
      if (href) a.href = href;
      const b = document.createElement('strong');
      b.textContent = right;
      if (cls) b.className = cls;
      li.append(a, b);
      ol.appendChild(li);
    }
    container.appendChild(ol);
  }

  // ---- panels ----
  function renderKpis(attribution, pipeline, wins, velocity) {
    const container = $('[data-testid="kpis"] [data-body]');
    // Several currencies: one figure per currency, never their sum.
    const each = (report, pick) => inCurrencies(report).map((r) => money(pick(r), r.currency)).join(' · ') || money(0);
    const kpis = [
      ['Partner-sourced revenue', each(attribution, (r) => r.partnerSourced)],
      ['Partner-influenced revenue', each(attribution, (r) => r.partnerInfluenced)],
      ['Open pipeline with partners', each(pipeline, (r) => r.partnerInvolved.amount)],
      ['Win rate with partners', percent(wins.partnerInvolved.winRate), `direct deals: ${percent(wins.direct.winRate)}`],
      ['Registration approval (median · p90)', `${days(velocity.approval.medianDays)} · ${days(velocity.approval.p90Days)}`],
    ];
    container.innerHTML = '';
    for (const [name, value, note] of kpis) {
      const div = document.createElement('div');
      div.className = 'kpi';
      div.dataset.testid = 'kpi';
      div.innerHTML = '<div class="value"></div><div class="label"></div>';
      div.firstChild.textContent = value;
      div.lastChild.textContent = note ? `${name} (${note})` : name;
      container.appendChild(div);
    }
  }

  /** A bar per group and currency; the currency is named on the bar only when there are several. */
  function perCurrencyRows(report, groups, toRow) {
    const sets = inCurrencies(report).filter((set) => groups(set).length > 0);
    return sets.flatMap((set) =>
      groups(set).slice(0, 12).map((g) => {
        const row = toRow(g, set.currency);
        return { ...row, label: sets.length > 1 ? `${row.label} · ${set.currency}` : row.label, currency: set.currency };
      }),
    );
  }
  const narrowed = (currency, narrowing) => (currency ? { ...narrowing, currency } : narrowing);

  function renderPipeline(pipeline) {
    const groupBy = state.groupBy;
    const rows = perCurrencyRows(pipeline, (set) => set.groups, (g, currency) => {
      const open = narrowed(currency, { outcome: 'open' });
      const href = groupBy === 'partner' ? partnerPage(g.key, open) : drillDown('/dashboard/deals', { ...open, [groupBy]: g.key });
      const opens = groupBy === 'partner' ? 'Opens the partner and these deals.' : 'Opens these deals.';
      return { label: groupBy === 'tier' ? label(g.label) : g.label, value: g.amount, note: `${g.deals} deals`, href, opens };
    });
    barChart(panel('pipeline'), rows, { title: `Open pipeline by ${groupBy}`, format: money, emptyText: 'No open deals touched by partners in this period.' });
  }

  function renderAttribution(attribution) {
    const container = panel('attribution');
    const rows = perCurrencyRows(attribution, (set) => set.partners, (p, currency) => ({
      label: p.name,
      value: p.revenue,
      note: `${p.deals} deals`,
      href: partnerPage(p.partnerId, narrowed(currency, { outcome: 'won' })),
      opens: 'Opens the partner and the won deals it is credited for.',
    }));
    barChart(container, rows, { title: 'Won revenue credited to partners', format: money, emptyText: 'No won deals touched by partners in this period.' });
    if (!attribution.byCurrency && attribution.wonRevenue > 0) {
      const parts = [
        { label: 'Partner-sourced', value: attribution.partnerSourced, color: COLORS.accent },
        { label: 'Partner-influenced', value: attribution.partnerInfluenced, color: COLORS.second },
      ];
      if (attribution.direct !== null) parts.push({ label: 'Direct', value: attribution.direct, color: COLORS.third });
      container.appendChild(splitBar(parts, 'Won revenue by source'));
    }
  }

  function renderHealth(health) {
    const container = panel('health');
    if (health.partners === 0) return empty(container, 'No health scores yet: partner health is evaluated every hour.');
    const colors = [COLORS.warn, '#d08a5c', '#c9b458', COLORS.second, COLORS.accent];
    const members = document.createElement('div');
    members.dataset.testid = 'band-partners';
    // A band stands for many partners: choosing it lists them, each opening its page.
    const choose = (band) => () => {
      members.innerHTML = `<h3></h3>`;
      members.firstChild.textContent = `Partners scoring ${band.band}`;
      list(members.appendChild(document.createElement('div')), band.members, (m) => [m.name, String(m.score), '', partnerPage(m.partnerId, {})], 'None.', 'band-partner');
    };
    columnChart(container, health.distribution.map((b) => ({ label: b.band, value: b.partners, choose: choose(b) })), { title: 'Partners per health score band', colors });
    container.appendChild(members);
  }

  function renderMovers(health) {
    const container = panel('movers');
    const { up, down } = health.movers;
    if (up.length + down.length === 0) return empty(container, 'No score changed since the previous evaluation.');
    container.innerHTML = '<div class="movers"><div><h3>Rising</h3><div data-up></div></div><div><h3>Falling</h3><div data-down></div></div></div>';
    const row = (m) => [`${m.name} (${m.region})`, `${m.change > 0 ? '+' : ''}${m.change} → ${m.score}`, m.change > 0 ? 'up' : 'down', partnerPage(m.partnerId, {})];
    list(container.querySelector('[data-up]'), up, row, 'None.', 'mover');
    list(container.querySelector('[data-down]'), down, row, 'None.', 'mover');
  }

  function renderAtRisk(health) {
    list(panel('at-risk'), health.atRisk, (p) => [`${p.name} · ${p.region} · ${label(p.tier)}`, `${p.score}`, 'down', partnerPage(p.partnerId, {})], 'No partner is at risk.', 'at-risk-partner');
  }

  function renderVelocity(velocity) {
    const container = panel('velocity');
    if (velocity.weekly.length === 0) return empty(container, 'No deal registrations submitted in this period.');
    // A week's dot opens the registrations submitted that week (Monday to Sunday, UTC).
    const week = (p) => drillDown('/dashboard/registrations', { from: p.week, to: new Date(Date.parse(p.week) + 6 * DAY).toISOString().slice(0, 10), currency: '' });
    lineChart(container, velocity.weekly, [
      { key: 'submitted', label: 'Submitted', color: COLORS.accent, href: week },
      { key: 'approved', label: 'Approved', color: COLORS.second },
    ], { title: 'Deal registrations submitted and approved per week' });
    const p = document.createElement('p');
    p.className = 'muted';
    p.dataset.testid = 'velocity-summary';
    p.textContent = `Approval: median ${days(velocity.approval.medianDays)}, p90 ${days(velocity.approval.p90Days)} (${velocity.approval.count} approved). Registration to win: median ${days(velocity.registrationToWin.medianDays)}, p90 ${days(velocity.registrationToWin.p90Days)}.`;
    container.appendChild(p);
  }

  function renderCurrencies(currencies) {
    state.currencies = currencies;
    const select = $('#f-currency');
    const chosen = select.value || state.wantedCurrency;
    state.wantedCurrency = '';
    const codes = currencies.map((c) => c.code).filter(Boolean);
    select.innerHTML = '<option value="">All currencies</option>' + codes.map((c) => `<option value="${c}">${c}</option>`).join('');
    select.value = codes.includes(chosen) ? chosen : '';
    const mixed = !select.value && codes.length > 1;
    const unnamed = currencies.some((c) => !c.code) ? ' Deals without a currency code (the CRM’s company currency) are left out of these figures.' : '';
    notice(mixed ? `These deals are in ${codes.length} currencies (${codes.join(', ')}): amounts are shown per currency, never added across currencies. Choose one to see only its figures.${unnamed}` : '', 'warn');
  }

  function notice(text, kind) {
    const box = $('#notice');
    box.className = text ? `notice ${kind}` : '';
    box.textContent = text;
  }

  async function refresh() {
    rememberFilters();
    const f = filters();
    // Filters changed quickly answer out of order; only the latest request draws.
    const run = ++state.run;
    document.body.dataset.loading = 'true';
    try {
      const [pipeline, attribution, wins, velocity, health] = await Promise.all([
        get('pipeline', { ...f, groupBy: state.groupBy }),
        get('attribution', { ...f, model: $('#f-model').value }),
        get('win-rates', f),
        get('registration-velocity', f),
        get('health', f),
      ]);
      if (run !== state.run) return;
      renderCurrencies(pipeline.currencies);
      renderKpis(attribution, pipeline, wins, velocity);
      renderPipeline(pipeline);
      renderAttribution(attribution);
      renderHealth(health);
      renderMovers(health);
      renderAtRisk(health);
      renderVelocity(velocity);
    } catch (err) {
      notice(err.message === 'signed-out' ? 'Your session has ended. Open Trellis from your CRM or the settings page to sign in again.' : err.message, 'error');
    } finally {
      if (run === state.run) document.body.dataset.loading = 'false';
    }
  }

  for (const id of ['#f-region', '#f-tier', '#f-period', '#f-currency', '#f-model']) $(id).addEventListener('change', refresh);
  for (const button of document.querySelectorAll('[data-group]')) {
    button.addEventListener('click', () => {
      chooseGroup(button.dataset.group);
      refresh();
    });
  }
  restoreFilters();
  refresh();
})();
