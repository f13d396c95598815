/**
 * The web view's script, run in the browser. It acts as the person picked on the page through the
 * emulator's own interaction endpoints (`/_admin/click`, `/submit-view`, `/close-view`), so a click
 * here sends the app exactly the signed payload a test's click does; and it redraws the page when
 * the emulator's state changes, keeping an open modal (and what is typed in it) until the app changes it.
 */
export const WEB_VIEW_SCRIPT = `
(() => {
  const { team, user } = document.body.dataset;
  const toast = (text) => {
    const el = document.getElementById('toast');
    el.textContent = text;
    el.classList.add('show');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => el.classList.remove('show'), 6000);
  };
  const post = async (path, payload) => {
    const res = await fetch('/_admin/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error || 'the emulator answered HTTP ' + res.status);
    return json;
  };
  // What Slack tells a person when the app fails to acknowledge.
  const answered = (result) => {
    if (result.error) toast('The app did not respond: ' + result.error);
    else if (result.status && result.status !== 200) toast('The app answered HTTP ' + result.status);
  };

  const localTimes = () => {
    const today = new Date().toDateString();
    for (const t of document.querySelectorAll('time.time')) {
      const d = new Date(t.getAttribute('datetime'));
      const time = d.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
      t.textContent = d.toDateString() === today ? time : d.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ', ' + time;
    }
  };
  const messages = () => document.getElementById('messages');
  const scrollDown = () => { const list = messages(); if (list) list.scrollTop = list.scrollHeight; };

  let refreshing = Promise.resolve();
  const redraw = async () => {
    const res = await fetch(location.href, { headers: { accept: 'text/html' } });
    const next = new DOMParser().parseFromString(await res.text(), 'text/html');
    const list = messages();
    const atBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    const scrollTop = list ? list.scrollTop : 0;
    document.getElementById('app').replaceWith(next.getElementById('app'));
    const slot = document.getElementById('modal-slot');
    const nextSlot = next.getElementById('modal-slot');
    const key = (s) => s.querySelector('form') && s.querySelector('form').dataset.key;
    if (key(slot) !== key(nextSlot)) slot.replaceWith(nextSlot);
    localTimes();
    if (atBottom) scrollDown(); else messages().scrollTop = scrollTop;
  };
  const refresh = () => (refreshing = refreshing.then(redraw).catch(() => {}));

  const act = async (el, value) => {
    const message = el.closest('[data-ts]');
    el.classList.add('busy');
    try {
      answered(await post('click', { team, user, channel: message.dataset.channel, ts: message.dataset.ts, actionId: el.dataset.actionId, blockId: el.dataset.blockId, value }));
    } catch (err) {
      toast(err.message);
    } finally {
      el.classList.remove('busy');
    }
    refresh();
  };

  const closeModal = async (form) => {
    try {
      answered(await post('close-view', { viewId: form.dataset.viewId, user }));
    } catch (err) {
      toast(err.message);
    }
    refresh();
  };

  // One input's value as view_submission wants it: a string, a list, or nothing when left empty.
  const valueOf = (el) => {
    if (el.classList.contains('choices')) {
      const picked = [...el.querySelectorAll('input:checked')].map((i) => i.value);
      return el.dataset.type === 'checkboxes' ? picked : picked[0];
    }
    if (el.multiple) return [...el.selectedOptions].map((o) => o.value);
    return el.value === '' ? undefined : el.value;
  };

  const submitModal = async (form) => {
    const values = {};
    let missing = false;
    for (const block of form.querySelectorAll('.block.input')) {
      const el = block.querySelector('[data-action-id]');
      const error = block.querySelector('.error');
      error.textContent = '';
      if (!el) continue;
      const value = valueOf(el);
      if (value === undefined || (Array.isArray(value) && value.length === 0)) {
        if (block.dataset.required) { error.textContent = 'Please complete this required field.'; missing = true; }
        continue;
      }
      (values[block.dataset.blockId] = values[block.dataset.blockId] || {})[el.dataset.actionId] = value;
    }
    if (missing) return;
    form.classList.add('busy');
    try {
      const result = await post('submit-view', { viewId: form.dataset.viewId, user, values });
      for (const [blockId, text] of Object.entries(result.errors || {})) {
        const error = form.querySelector('.block.input[data-block-id="' + CSS.escape(blockId) + '"] .error');
        if (error) error.textContent = text;
      }
      answered(result);
    } catch (err) {
      toast(err.message);
    } finally {
      form.classList.remove('busy');
    }
    refresh();
  };

  document.addEventListener('click', (e) => {
    const close = e.target.closest('[data-close]');
    if (close) return closeModal(close.closest('form'));
    const el = e.target.closest('.messages [data-action-id]');
    if (!el || el.tagName === 'SELECT') return;
    // A url button's link opens as well, as in Slack.
    if (el.tagName !== 'A') e.preventDefault();
    act(el, el.dataset.value);
  });
  document.addEventListener('change', (e) => {
    const el = e.target;
    if (el.id === 'acting-user') {
      const url = new URL(location.href);
      url.searchParams.set('as', el.value);
      location.href = url.toString();
    } else if (el.matches('.messages select[data-action-id]') && el.value) {
      act(el, el.value);
    }
  });
  document.addEventListener('submit', (e) => {
    e.preventDefault();
    submitModal(e.target);
  });

  let revision = Number(document.body.dataset.revision);
  const poll = async () => {
    try {
      const next = (await (await fetch('/_web/revision')).json()).revision;
      if (next !== revision) await refresh();
      revision = next;
    } catch {}
    setTimeout(poll, 700);
  };
  localTimes();
  scrollDown();
  poll();
})();
`;
