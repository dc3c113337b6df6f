/*
 * Parley sandbox: a WhatsApp-like chat in the browser. The person using the page plays the
 * customer (the WhatsApp contact): their "inbound" messages are green on the right, the bot's
 * "outbound" replies are white on the left.
 *
 * Polling: one poll runs at a time (a setTimeout chain, never setInterval).
 *  - Every second: GET messages?contact=…&after=<highest id seen> and add what is new.
 *  - Every third poll: re-fetch from just before the oldest bot message whose status can still
 *    change (queued/sent/delivered), and every 30th poll from 0, so ticks move
 *    queued → sent → delivered → read on bubbles already shown. Bubbles are updated in place,
 *    keyed by id, so nothing is ever shown twice.
 *  - Switching account or contact bumps a generation number; answers for an older generation
 *    are dropped.
 * Server text is never parsed as HTML: everything is built with DOM nodes and textContent.
 */
(function () {
  'use strict';

  var API = '/api/v1/sandbox';
  var POLL_MS = 1000;
  var HIDDEN_POLL_MS = 5000;
  var OFFLINE_POLL_MS = 3000;
  var STATUS_EVERY = 3;   // polls between status refreshes (~3 s)
  var FULL_EVERY = 30;    // polls between full refreshes from 0 (~30 s)
  var STORE_KEY = 'parley.sandbox.v1';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var E164 = /^\+[1-9]\d{6,14}$/;
  var FINAL_STATUSES = { read: true, played: true, failed: true, received: true };
  var STATUS_LABELS = {
    pending: 'Sending',
    received: 'Sent',
    queued: 'Queued',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    played: 'Played',
    failed: 'Failed'
  };

  var state = {
    accounts: [],
    account: null,          // the selected account object
    contact: null,          // { phone, name }
    messages: new Map(),    // id -> { data, row, key }
    reactions: new Map(),   // target message id -> Map(direction -> emoji)
    maxId: 0n,
    generation: 0,
    pollCount: 0,
    pollTimer: 0,
    loaded: false,          // first load of the current conversation done
    online: null,
    stick: true,            // keep the view pinned to the bottom
    unseen: 0,
    busy: false,            // a composer send (text or file) is in flight
    sendChain: Promise.resolve(),
    pending: [],            // optimistic bubbles waiting for their id
    pendingSeq: 0,
    attachment: null,
    listReturnFocus: null,
    startReturnFocus: null,
    startCancellable: false,
    startContacts: []
  };

  var els = {};

  /* ------------------------------------------------------------------ startup */

  function init() {
    [
      'phone', 'screen', 'bot-avatar', 'chat-name', 'chat-sub', 'conn-state', 'account-picker', 'account-select',
      'contact-button', 'subbar-bot', 'subbar-contact', 'restart-button', 'error-bar', 'error-text', 'error-dismiss',
      'chat', 'messages', 'empty-state', 'jump-button', 'jump-count', 'composer', 'attachment-chip', 'attachment-name',
      'attachment-state', 'attachment-remove', 'attach-input', 'message-input', 'send-button', 'list-overlay',
      'list-sheet', 'list-sheet-title', 'list-sheet-body', 'list-close', 'start-overlay', 'start-dialog', 'start-form',
      'start-account-field', 'start-account', 'contact-list', 'contact-new', 'new-contact-fields', 'new-phone',
      'new-phone-error', 'new-name', 'start-cancel', 'start-submit', 'announcer',
      'access-overlay', 'access-form', 'access-token', 'access-error', 'access-operator'
    ].forEach(function (id) {
      els[camel(id)] = document.getElementById(id);
    });
    bindEvents();
    updateSendButton();
    checkAccess();
  }

  /* ------------------------------------------------------------------ access (token or operator pass) */

  // Beyond loopback, or with an access token configured, the API answers 401 until the token was entered once (the
  // server then sets an HttpOnly cookie) or an operator signed in at /admin/sandbox.
  function checkAccess() {
    fetch(API + '/access', { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (res) {
      return readBody(res).then(function (data) {
        if (res.ok && data && data.required && !data.granted) {
          showAccess(data.operatorSignIn);
        } else {
          loadAccounts();
        }
      });
    }).catch(function () {
      loadAccounts();
    });
  }

  function showAccess(operatorSignIn) {
    if (!els.accessOverlay.hidden) return;
    if (operatorSignIn) els.accessOperator.setAttribute('href', operatorSignIn);
    state.generation++; // answers to polls already under way are dropped
    els.accessOverlay.hidden = false;
    els.accessToken.focus();
  }

  function onAccessSubmit(e) {
    e.preventDefault();
    var token = els.accessToken.value.trim();
    if (!token) {
      setAccessError('Enter the access token.');
      return;
    }
    fetch(API + '/access', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token: token }),
      cache: 'no-store'
    }).then(function (res) {
      return readBody(res).then(function (data) {
        if (!res.ok) {
          setAccessError(res.status === 401 ? 'That is not this sandbox\'s access token.' : formatProblem(data, res.status));
          return;
        }
        els.accessToken.value = '';
        setAccessError('');
        els.accessOverlay.hidden = true;
        loadAccounts();
      });
    }).catch(function (err) {
      setAccessError('Could not reach the server: ' + err.message);
    });
  }

  function setAccessError(message) {
    els.accessError.textContent = message;
    els.accessError.hidden = !message;
  }

  function camel(id) {
    return id.replace(/-([a-z])/g, function (_, c) { return c.toUpperCase(); });
  }

  function bindEvents() {
    els.composer.addEventListener('submit', onComposerSubmit);
    els.messageInput.addEventListener('keydown', onComposerKeydown);
    els.messageInput.addEventListener('input', autosizeInput);
    els.attachInput.addEventListener('change', onFileChosen);
    els.attachmentRemove.addEventListener('click', clearAttachment);
    els.restartButton.addEventListener('click', onRestart);
    els.errorDismiss.addEventListener('click', hideError);
    els.contactButton.addEventListener('click', function () { openStartScreen(true); });
    els.accountSelect.addEventListener('change', function () { switchAccount(els.accountSelect.value); });
    els.messages.addEventListener('scroll', onMessagesScroll, { passive: true });
    els.messages.addEventListener('click', onMessagesClick);
    els.jumpButton.addEventListener('click', function () { scrollToBottom(true); els.messageInput.focus(); });
    els.listClose.addEventListener('click', closeListSheet);
    els.listOverlay.addEventListener('click', function (e) { if (e.target === els.listOverlay) closeListSheet(); });
    els.listSheetBody.addEventListener('click', onListRowClick);
    els.startForm.addEventListener('submit', onStartSubmit);
    els.startForm.addEventListener('change', onStartFormChange);
    els.startAccount.addEventListener('change', function () { loadStartContacts(els.startAccount.value); });
    els.startCancel.addEventListener('click', closeStartScreen);
    els.startOverlay.addEventListener('click', function (e) {
      if (e.target === els.startOverlay && state.startCancellable) closeStartScreen();
    });
    els.newPhone.addEventListener('input', function () { setPhoneError(''); });
    els.accessForm.addEventListener('submit', onAccessSubmit);
    document.addEventListener('keydown', onDocumentKeydown);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) pollSoon(); });
  }

  /* ------------------------------------------------------------------ accounts and contacts */

  function loadAccounts() {
    setConnection('connecting');
    fetchJson(API + '/accounts').then(function (accounts) {
      setConnection('online');
      state.accounts = Array.isArray(accounts) ? accounts.filter(function (a) { return a && a.id != null; }) : [];
      if (!state.accounts.length) {
        els.chatName.textContent = 'No sandbox accounts';
        els.chatSub.textContent = 'Configure a sandbox account on the server, then reload.';
        return;
      }
      fillAccountSelects();
      var params = new URLSearchParams(location.search);
      var stored = readStore();
      var wanted = params.get('account') || stored.account;
      var account = findAccount(wanted) || state.accounts[0];
      applyAccount(account);
      var contact = contactFromUrl(params) || (stored.contacts && stored.contacts[account.id]) || stored.contact;
      if (contact && E164.test(contact.phone)) {
        setContact(contact);
      } else {
        openStartScreen(false);
      }
    }).catch(function (err) {
      if (!els.accessOverlay.hidden) return; // waiting for the access token; loadAccounts runs after it
      setConnection('offline');
      showError('Could not load the sandbox accounts: ' + err.message);
      setTimeout(loadAccounts, OFFLINE_POLL_MS);
    });
  }

  function fillAccountSelects() {
    [els.accountSelect, els.startAccount].forEach(function (select) {
      select.textContent = '';
      state.accounts.forEach(function (a) {
        var option = document.createElement('option');
        option.value = String(a.id);
        option.textContent = accountTitle(a) + (a.displayName && a.bot ? ' (' + a.bot + ')' : '');
        select.appendChild(option);
      });
    });
    var many = state.accounts.length > 1;
    els.accountPicker.hidden = !many;
    els.startAccountField.hidden = !many;
  }

  function findAccount(id) {
    if (id == null) return null;
    for (var i = 0; i < state.accounts.length; i++) {
      if (String(state.accounts[i].id) === String(id)) return state.accounts[i];
    }
    return null;
  }

  function accountTitle(a) {
    if (!a) return 'Parley bot';
    return a.displayName || (a.bot ? a.bot : String(a.id));
  }

  function applyAccount(account) {
    state.account = account;
    els.accountSelect.value = String(account.id);
    var title = accountTitle(account);
    els.chatName.textContent = title;
    els.botAvatar.textContent = initials(title);
    var subText = account.description || (account.bot ? 'bot: ' + account.bot : '');
    var sub = els.chatSub;
    sub.textContent = '';
    sub.appendChild(els.connState);
    if (subText) sub.appendChild(document.createTextNode(' · ' + subText));
    sub.title = subText;
    els.subbarBot.textContent = account.bot ? account.bot + ' bot' : 'bot';
    els.subbarBot.title = 'Sandbox account “' + account.id + '”';
    document.title = title + ' · Parley sandbox';
    writeStore({ account: String(account.id) });
  }

  function switchAccount(id) {
    var account = findAccount(id);
    if (!account || account === state.account) return;
    applyAccount(account);
    if (state.contact) setContact(state.contact);
  }

  function contactFromUrl(params) {
    var raw = params.get('contact');
    if (!raw) return null;
    var phone = normalizePhone(raw);
    if (!E164.test(phone)) return null;
    return { phone: phone, name: (params.get('name') || '').trim() || defaultName(phone) };
  }

  // "+1 555 000-1111", "15550001111" and a "+" decoded from a URL as a space all become "+15550001111".
  function normalizePhone(raw) {
    var digits = String(raw).replace(/[^\d]/g, '');
    return digits ? '+' + digits : '';
  }

  function defaultName(phone) {
    return 'Guest ' + String(phone).slice(-4);
  }

  function randomPhone() {
    var n = '';
    for (var i = 0; i < 7; i++) n += Math.floor(Math.random() * 10);
    return '+1555' + n;
  }

  function setContact(contact) {
    state.contact = { phone: contact.phone, name: contact.name || defaultName(contact.phone) };
    els.subbarContact.textContent = state.contact.name + ' ' + state.contact.phone;
    var stored = readStore();
    var perAccount = stored.contacts || {};
    if (state.account) perAccount[state.account.id] = state.contact;
    writeStore({ contact: state.contact, contacts: perAccount });
    resetConversation();
  }

  /* ------------------------------------------------------------------ start screen (contact picker) */

  function openStartScreen(cancellable) {
    state.startCancellable = !!cancellable && !!state.contact;
    state.startReturnFocus = document.activeElement;
    els.startCancel.hidden = !state.startCancellable;
    els.startSubmit.textContent = state.contact ? 'Switch contact' : 'Start chatting';
    if (state.account) els.startAccount.value = String(state.account.id);
    els.newPhone.value = randomPhone();
    els.newName.value = '';
    setPhoneError('');
    els.contactNew.checked = true;
    els.contactList.textContent = '';
    toggleNewContactFields();
    setInert(true, els.startOverlay);
    els.startOverlay.hidden = false;
    focusStartChoice();
    loadStartContacts(state.account ? state.account.id : null);
  }

  function closeStartScreen() {
    els.startOverlay.hidden = true;
    setInert(false);
    var back = state.startReturnFocus;
    state.startReturnFocus = null;
    (back && document.contains(back) && back !== document.body ? back : els.messageInput).focus();
  }

  function loadStartContacts(accountId) {
    if (accountId == null) return;
    var requested = String(accountId);
    fetchJson(API + '/' + encodeURIComponent(requested) + '/contacts').then(function (contacts) {
      if (els.startOverlay.hidden || els.startAccount.value !== requested && state.accounts.length > 1) return;
      state.startContacts = Array.isArray(contacts) ? contacts : [];
      renderStartContacts();
    }).catch(function () {
      state.startContacts = [];
      renderStartContacts();
    });
  }

  function renderStartContacts() {
    var list = els.contactList;
    list.textContent = '';
    var current = state.contact ? state.contact.phone : null;
    var selected = false;
    state.startContacts.forEach(function (c, index) {
      var phone = c.phone || (c.waId ? '+' + String(c.waId).replace(/^\+/, '') : '');
      if (!phone) return;
      var label = el('label', 'contact-choice');
      var radio = el('input');
      radio.type = 'radio';
      radio.name = 'contact';
      radio.value = phone;
      radio.dataset.name = c.name || '';
      radio.dataset.testid = 'contact-option';
      radio.id = 'contact-option-' + index;
      if (phone === current) { radio.checked = true; selected = true; }
      var name = c.name || phone;
      var avatar = el('span', 'choice-avatar', initials(name));
      avatar.setAttribute('aria-hidden', 'true');
      var text = el('span', 'choice-text');
      text.appendChild(el('span', 'choice-name', name)).setAttribute('dir', 'auto');
      var detail = phone + (c.lastText ? ' · ' + c.lastText : '');
      var when = formatRelative(c.lastMessageAt);
      text.appendChild(el('span', 'choice-detail', detail + (when ? ' · ' + when : ''))).setAttribute('dir', 'auto');
      label.appendChild(radio);
      label.appendChild(avatar);
      label.appendChild(text);
      list.appendChild(label);
    });
    els.contactNew.checked = !selected;
    toggleNewContactFields();
    focusStartChoice();
  }

  function focusStartChoice() {
    var checked = els.startForm.querySelector('input[name="contact"]:checked');
    (checked || els.contactNew).focus();
  }

  function onStartFormChange(e) {
    if (e.target && e.target.name === 'contact') toggleNewContactFields();
  }

  function toggleNewContactFields() {
    els.newContactFields.hidden = !els.contactNew.checked;
  }

  function setPhoneError(message) {
    els.newPhoneError.textContent = message;
    els.newPhoneError.hidden = !message;
    if (message) els.newPhone.setAttribute('aria-invalid', 'true');
    else els.newPhone.removeAttribute('aria-invalid');
  }

  function onStartSubmit(e) {
    e.preventDefault();
    var account = findAccount(els.startAccount.value) || state.account;
    var choice = els.startForm.querySelector('input[name="contact"]:checked');
    var contact;
    if (!choice || choice === els.contactNew) {
      var phone = normalizePhone(els.newPhone.value);
      if (!E164.test(phone)) {
        setPhoneError('Enter the number in international format, like +15550001111.');
        els.newPhone.focus();
        return;
      }
      contact = { phone: phone, name: els.newName.value.trim() || defaultName(phone) };
    } else {
      contact = { phone: choice.value, name: choice.dataset.name || defaultName(choice.value) };
    }
    closeStartScreen();
    if (account && account !== state.account) applyAccount(account);
    setContact(contact);
    els.messageInput.focus();
  }

  // While an overlay is open everything else in the phone is inert (not focusable, not clickable).
  function setInert(on, except) {
    var parts = document.querySelectorAll('.chat-header, .subbar, .error-bar, .chat, .composer, .intro, .overlay');
    parts.forEach(function (node) {
      if (on && node !== except) node.setAttribute('inert', '');
      else node.removeAttribute('inert');
    });
  }

  /* ------------------------------------------------------------------ polling */

  function resetConversation() {
    state.generation++;
    clearTimeout(state.pollTimer);
    state.messages.clear();
    state.reactions.clear();
    state.pending = [];
    state.maxId = 0n;
    state.pollCount = 0;
    state.loaded = false;
    state.stick = true;
    state.unseen = 0;
    updateJumpButton();
    els.messages.querySelectorAll('.msg, .day-separator, .reaction-note').forEach(function (n) { n.remove(); });
    els.emptyState.hidden = true;
    closeListSheet();
    poll();
  }

  function pollSoon() {
    clearTimeout(state.pollTimer);
    state.pollTimer = setTimeout(poll, 0);
  }

  function schedulePoll() {
    clearTimeout(state.pollTimer);
    var delay = state.online === false ? OFFLINE_POLL_MS : (document.hidden ? HIDDEN_POLL_MS : POLL_MS);
    state.pollTimer = setTimeout(poll, delay);
  }

  var polling = false;

  function poll() {
    if (!state.account || !state.contact) return;
    if (!els.accessOverlay.hidden) { schedulePoll(); return; }
    if (polling) { schedulePoll(); return; }
    polling = true;
    var generation = state.generation;
    state.pollCount++;
    fetchMessages(state.maxId).then(function (items) {
      if (generation !== state.generation) return null;
      setConnection('online');
      applyMessages(items);
      var from = statusRefreshFrom();
      if (from === null) return null;
      return fetchMessages(from).then(function (more) {
        if (generation === state.generation) applyMessages(more);
      });
    }).catch(function () {
      if (generation === state.generation) setConnection('offline');
    }).then(function () {
      polling = false;
      if (state.contact) schedulePoll();
    });
  }

  // Where the status refresh re-reads from, or null when it is not due / nothing can change.
  function statusRefreshFrom() {
    if (state.pollCount % FULL_EVERY === 0) return 0n;
    if (state.pollCount % STATUS_EVERY !== 0) return null;
    var min = null;
    state.messages.forEach(function (entry, id) {
      if (!entry.data || (FINAL_STATUSES[entry.data.status] && !entry.data.working)) return;
      var n = toBig(id);
      if (n > 0n && (min === null || n < min)) min = n;
    });
    return min === null ? null : min - 1n;
  }

  function fetchMessages(after) {
    var url = API + '/' + encodeURIComponent(state.account.id) + '/messages?contact=' +
      encodeURIComponent(state.contact.phone) + '&after=' + String(after);
    return fetchJson(url);
  }

  function setConnection(mode) {
    var online = mode === 'online';
    if (state.online === online && mode !== 'connecting') return;
    state.online = mode === 'connecting' ? null : online;
    els.connState.dataset.state = mode;
    els.connState.textContent = mode === 'online' ? 'online' : (mode === 'offline' ? 'offline, retrying…' : 'connecting…');
    updateTyping();
  }

  // "typing…" in the header while the bot works on one of the contact's messages (not yet processed, no reply after it),
  // as WhatsApp shows it under the contact's name.
  function updateTyping() {
    var newestOwnWorking = null;
    var newestReply = null;
    state.messages.forEach(function (entry, id) {
      if (!entry.data) return;
      var n = toBig(id);
      if (entry.data.direction === 'inbound' && entry.data.working && (newestOwnWorking === null || n > newestOwnWorking)) newestOwnWorking = n;
      if (entry.data.direction === 'outbound' && (newestReply === null || n > newestReply)) newestReply = n;
    });
    var typing = state.online === true && newestOwnWorking !== null && (newestReply === null || newestReply < newestOwnWorking);
    els.connState.dataset.typing = typing ? 'true' : 'false';
    if (state.online === true) els.connState.textContent = typing ? 'typing…' : 'online';
  }

  /* ------------------------------------------------------------------ applying messages */

  function applyMessages(items) {
    if (!Array.isArray(items)) return;
    var wasAtBottom = state.stick || isAtBottom();
    var initial = !state.loaded;
    var newBot = [];
    var newOwn = false;
    var changedLayout = false;
    items.forEach(function (m) {
      if (!m || m.id == null) return;
      var result = upsertMessage(m);
      if (result !== 'same' && result !== 'updated') changedLayout = true;
      if (result === 'added') {
        if (m.direction === 'outbound') newBot.push(m);
        else newOwn = true;
      }
    });
    if (changedLayout) relayout();
    updateTyping();
    state.loaded = true;
    els.emptyState.hidden = state.messages.size > 0 || state.pending.length > 0;
    if (initial || wasAtBottom || newOwn) {
      scrollToBottom(false);
    } else if (newBot.length) {
      state.unseen += newBot.length;
      updateJumpButton();
    }
    if (!initial && newBot.length) announce(newBot);
  }

  // Adds or updates one message, keyed by id.
  // Returns 'added', 'adopted', 'added-reaction', 'replaced', 'updated' (status only) or 'same'.
  function upsertMessage(m) {
    var id = String(m.id);
    var n = toBig(id);
    if (n > state.maxId) state.maxId = n;
    var key = contentKey(m);
    var entry = state.messages.get(id);

    if (m.type === 'reaction') return upsertReaction(m, entry, key);

    if (entry) {
      if (entry.key === key) {
        if (!entry.data || entry.data.status !== m.status || entry.data.statusAt !== m.statusAt || !!entry.data.working !== !!m.working ||
            JSON.stringify(entry.data.error) !== JSON.stringify(m.error)) {
          entry.data = m;
          updateStatus(entry.row, m);
          return 'updated';
        }
        return 'same';
      }
      var fresh = renderMessage(m, false);
      entry.row.replaceWith(fresh);
      state.messages.set(id, { data: m, row: fresh, key: key });
      applyReactionBadges(id);
      return 'replaced';
    }

    var pending = m.direction === 'inbound' ? takePendingFor(m) : null;
    var row = renderMessage(m, !pending && state.loaded);
    if (pending) pending.row.remove();
    insertRow(row, n);
    state.messages.set(id, { data: m, row: row, key: key });
    applyReactionBadges(id);
    return pending ? 'adopted' : 'added';
  }

  function contentKey(m) {
    return JSON.stringify([m.direction, m.type, m.text, m.createdAt, m.interactive, m.reply, m.media,
      m.location, m.template, m.reaction]);
  }

  // Keeps rows ordered by id; optimistic (pending) rows stay at the very end.
  function insertRow(row, n) {
    var rows = els.messages.querySelectorAll('.msg:not(.pending)');
    for (var i = rows.length - 1; i >= 0; i--) {
      if (toBig(rows[i].dataset.id) < n) {
        rows[i].after(row);
        return;
      }
    }
    var first = els.messages.querySelector('.msg, .reaction-note');
    if (first) els.messages.insertBefore(row, first);
    else els.messages.appendChild(row);
  }

  // Rebuilds day separators, bubble grouping (tails) and the "latest bot message" marker.
  function relayout() {
    els.messages.querySelectorAll('.day-separator').forEach(function (n) { n.remove(); });
    var rows = els.messages.querySelectorAll('.msg, .reaction-note');
    var lastDay = null;
    var prev = null;
    var lastBot = null;
    rows.forEach(function (row) {
      var day = row.dataset.day || dayKey(new Date());
      if (day !== lastDay) {
        var sep = el('div', 'day-separator', dayLabel(row.dataset.day ? new Date(row.dataset.time) : new Date()));
        sep.dataset.day = day;
        row.before(sep);
        lastDay = day;
        prev = null;
      }
      if (row.classList.contains('msg')) {
        var first = !prev || prev.dataset.direction !== row.dataset.direction;
        row.classList.toggle('first', first);
        prev = row;
        if (row.dataset.direction === 'outbound') lastBot = row;
        row.removeAttribute('data-latest-bot');
      } else {
        prev = null;
      }
    });
    if (lastBot) lastBot.setAttribute('data-latest-bot', 'true');
  }

  /* ------------------------------------------------------------------ rendering one message */

  function renderMessage(m, animate) {
    var dir = m.direction === 'inbound' ? 'inbound' : 'outbound';
    var row = el('div', 'msg');
    row.dataset.testid = 'message';
    row.dataset.id = String(m.id);
    row.dataset.direction = dir;
    row.dataset.type = m.type || 'unknown';
    var created = parseDate(m.createdAt);
    if (created) {
      row.dataset.day = dayKey(created);
      row.dataset.time = created.toISOString();
    }
    if (animate) row.classList.add('appear');
    if (m.type === 'sticker' && m.media) row.classList.add('sticker-row');

    var stack = el('div', 'stack');
    var bubble = el('div', 'bubble');
    bubble.dataset.testid = 'message-bubble';
    renderContent(bubble, m, row);
    finishBubble(bubble, m, dir);
    stack.appendChild(bubble);

    if (dir === 'outbound' && m.interactive) renderInteractiveControls(stack, m);
    row.appendChild(stack);
    updateStatus(row, m);
    return row;
  }

  // Adds the time + ticks. When the bubble ends with text, an invisible spacer at the end of the
  // last line keeps them from overlapping it (as WhatsApp does); otherwise they go below.
  function finishBubble(bubble, m, dir) {
    var last = bubble.lastElementChild;
    var spacer = el('span', 'meta-spacer');
    spacer.setAttribute('aria-hidden', 'true');
    var endsWithBlock = last && last.lastElementChild && /^(UL|OL|BLOCKQUOTE)$/.test(last.lastElementChild.tagName) && !last.lastChild.nodeValue;
    if (last && last.matches('.text') && !endsWithBlock && !bubble.classList.contains('media-only') && !endsRightToLeft(last.textContent)) {
      last.appendChild(spacer);
    } else if (!bubble.classList.contains('media-only')) {
      bubble.classList.add('meta-below');
    }
    bubble.appendChild(renderMeta(m, dir));
  }

  // True when the last paragraph of the text reads right to left (its first strong letter is
  // Hebrew, Arabic, …): its line then ends on the left, so the time goes below instead.
  function endsRightToLeft(text) {
    var paragraphs = String(text).split('\n').filter(function (p) { return p.trim(); });
    var last = paragraphs.length ? paragraphs[paragraphs.length - 1] : '';
    var strong = last.match(/[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u052F\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/);
    return !!strong && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(strong[0]);
  }

  function renderContent(bubble, m, row) {
    var type = m.type || 'unknown';
    if (m.reply) return renderReply(bubble, m);
    switch (type) {
      case 'text': return renderTextBlock(bubble, m.text);
      case 'image': return renderImage(bubble, m);
      case 'sticker': return renderSticker(bubble, m);
      case 'audio': return renderAudio(bubble, m);
      case 'video': return renderVideo(bubble, m);
      case 'document': return renderDocument(bubble, m);
      case 'location': return renderLocation(bubble, m);
      case 'contacts': return renderContacts(bubble, m);
      case 'interactive': return renderInteractiveBody(bubble, m);
      case 'template': return renderTemplate(bubble, m);
      case 'button': return renderTextBlock(bubble, m.text);
      default:
        row.dataset.type = 'unknown';
        bubble.appendChild(el('p', 'text muted-text', '[unsupported message]'));
    }
  }

  function renderTextBlock(parent, text) {
    if (text == null || text === '') {
      parent.appendChild(el('p', 'text muted-text', '[empty message]'));
      return;
    }
    // WhatsApp's formatting (*bold*, _italic_, lists, quotes…), the same rules as the admin's (whatsapp-text.js).
    var p = el('div', 'text');
    p.dataset.testid = 'message-text';
    p.setAttribute('dir', 'auto');
    p.appendChild(window.ParleyWhatsAppText.render(String(text)));
    parent.appendChild(p);
  }

  function renderCaption(parent, m) {
    if (m.text) renderTextBlock(parent, m.text);
    else parent.classList.add('media-only');
  }

  function renderReply(bubble, m) {
    var quote = el('div', 'reply-quote');
    quote.appendChild(icon(m.reply.kind === 'list_reply' ? 'i-list' : 'i-reply'));
    quote.appendChild(el('span', null, m.reply.kind === 'list_reply' ? 'Chose from the list' : 'Pressed a button'));
    bubble.appendChild(quote);
    renderTextBlock(bubble, m.reply.title || m.text || m.reply.id);
    bubble.lastChild.dataset.testid = 'message-text';
  }

  function renderImage(bubble, m) {
    var media = m.media;
    if (!media || !safeUrl(media.url)) return renderMissingMedia(bubble, m, 'image');
    var frame = el('div', 'media-frame');
    var link = el('a');
    link.href = safeUrl(media.url);
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.setAttribute('aria-label', 'Open image' + (media.fileName ? ' ' + media.fileName : '') + ' in a new tab');
    var img = el('img', 'media-image');
    img.alt = m.text || media.fileName || 'Image';
    img.loading = 'lazy';
    img.decoding = 'async';
    img.src = safeUrl(media.url);
    img.addEventListener('load', keepPinned);
    link.appendChild(img);
    frame.appendChild(link);
    bubble.appendChild(frame);
    renderCaption(bubble, m);
  }

  function renderSticker(bubble, m) {
    var media = m.media;
    if (!media || !safeUrl(media.url)) return renderMissingMedia(bubble, m, 'sticker');
    var img = el('img', 'media-sticker');
    img.alt = 'Sticker';
    img.src = safeUrl(media.url);
    img.addEventListener('load', keepPinned);
    bubble.appendChild(img);
  }

  function renderAudio(bubble, m) {
    var media = m.media;
    if (!media || !safeUrl(media.url)) return renderMissingMedia(bubble, m, 'audio');
    var box = el('div', 'audio-row');
    var label = el('span', 'audio-label', media.voice ? 'Voice message' : (media.fileName || 'Audio'));
    box.appendChild(label);
    var audio = el('audio', 'media-audio');
    audio.controls = true;
    audio.preload = 'metadata';
    audio.src = safeUrl(media.url);
    audio.setAttribute('aria-label', media.voice ? 'Voice message' : 'Audio: ' + (media.fileName || 'audio file'));
    box.appendChild(audio);
    bubble.appendChild(box);
    if (m.text) renderTextBlock(bubble, m.text);
  }

  function renderVideo(bubble, m) {
    var media = m.media;
    if (!media || !safeUrl(media.url)) return renderMissingMedia(bubble, m, 'video');
    var frame = el('div', 'media-frame');
    var video = el('video', 'media-video');
    video.controls = true;
    video.preload = 'metadata';
    video.playsInline = true;
    video.src = safeUrl(media.url);
    video.setAttribute('aria-label', 'Video' + (m.text ? ': ' + m.text : (media.fileName ? ': ' + media.fileName : '')));
    video.addEventListener('loadedmetadata', keepPinned);
    frame.appendChild(video);
    bubble.appendChild(frame);
    if (m.text) renderTextBlock(bubble, m.text);
  }

  function renderDocument(bubble, m) {
    var media = m.media;
    if (!media || !safeUrl(media.url)) return renderMissingMedia(bubble, m, 'document');
    var name = media.fileName || 'Document';
    var card = el('a', 'doc-card');
    card.dataset.testid = 'document-link';
    card.href = safeUrl(media.url);
    card.setAttribute('download', name);
    card.setAttribute('aria-label', 'Download ' + name);
    var iconBox = el('span', 'doc-icon');
    iconBox.appendChild(icon('i-doc'));
    var ext = (name.match(/\.([a-z0-9]{1,4})$/i) || [])[1];
    iconBox.appendChild(el('span', 'doc-ext', ext || 'file'));
    card.appendChild(iconBox);
    var info = el('span', 'doc-info');
    info.appendChild(el('span', 'doc-name', name)).setAttribute('dir', 'auto');
    var details = [formatSize(media.size), media.mimeType].filter(Boolean).join(' · ');
    info.appendChild(el('span', 'doc-details', details));
    card.appendChild(info);
    var dl = el('span', 'doc-download');
    dl.appendChild(icon('i-down'));
    card.appendChild(dl);
    bubble.appendChild(card);
    if (m.text) renderTextBlock(bubble, m.text);
  }

  function renderMissingMedia(bubble, m, kind) {
    bubble.appendChild(el('p', 'text muted-text', '[' + kind + ' unavailable]'));
    if (m.text) renderTextBlock(bubble, m.text);
  }

  function renderLocation(bubble, m) {
    var loc = m.location;
    var lat = loc ? Number(loc.latitude) : NaN;
    var lon = loc ? Number(loc.longitude) : NaN;
    if (!loc || !isFinite(lat) || !isFinite(lon)) {
      bubble.appendChild(el('p', 'text muted-text', '[location unavailable]'));
      return;
    }
    var card = el('a', 'location-card');
    card.dataset.testid = 'location-card';
    card.href = 'https://www.openstreetmap.org/?mlat=' + lat + '&mlon=' + lon + '#map=16/' + lat + '/' + lon;
    card.target = '_blank';
    card.rel = 'noopener noreferrer';
    card.setAttribute('aria-label', 'Location: ' + [loc.name, loc.address, formatCoords(lat, lon)].filter(Boolean).join(', ') +
      ' (opens a map in a new tab)');
    var art = el('span', 'map-art');
    art.style.display = 'block';
    art.appendChild(icon('i-pin'));
    card.appendChild(art);
    var info = el('span', 'location-info');
    info.style.display = 'block';
    if (loc.name) info.appendChild(el('span', 'location-name', loc.name)).setAttribute('dir', 'auto');
    if (loc.address) info.appendChild(el('span', 'location-address', loc.address)).setAttribute('dir', 'auto');
    info.appendChild(el('span', 'location-coords', formatCoords(lat, lon)));
    card.appendChild(info);
    bubble.appendChild(card);
    if (m.text && m.text !== loc.name) renderTextBlock(bubble, m.text);
  }

  function renderContacts(bubble, m) {
    var card = el('div', 'contact-card');
    var avatar = el('span', 'choice-avatar');
    avatar.appendChild(icon('i-user'));
    avatar.setAttribute('aria-hidden', 'true');
    card.appendChild(avatar);
    var box = el('div');
    box.appendChild(el('span', 'label-chip', 'Contact card'));
    if (m.text) renderTextBlock(box, m.text);
    card.appendChild(box);
    bubble.appendChild(card);
  }

  function renderInteractiveBody(bubble, m) {
    var ia = m.interactive;
    if (!ia) return renderTextBlock(bubble, m.text);
    if (ia.header) bubble.appendChild(el('p', 'msg-header', ia.header)).setAttribute('dir', 'auto');
    renderTextBlock(bubble, m.text);
    if (ia.footer) bubble.appendChild(el('p', 'msg-footer', ia.footer)).setAttribute('dir', 'auto');
  }

  function renderTemplate(bubble, m) {
    var t = m.template || {};
    var chip = el('span', 'label-chip', 'template');
    chip.dataset.testid = 'template-label';
    if (t.name) chip.title = t.name + (t.language ? ' (' + t.language + ')' : '');
    bubble.appendChild(chip);
    renderTextBlock(bubble, t.renderedText || m.text || t.name);
  }

  // Reply buttons or the list opener, under the bubble of an outbound interactive message.
  function renderInteractiveControls(stack, m) {
    var ia = m.interactive;
    var box = el('div', 'reply-buttons');
    if (ia.kind === 'button' && Array.isArray(ia.buttons)) {
      ia.buttons.slice(0, 3).forEach(function (b) {
        if (!b) return;
        var button = el('button', 'reply-button');
        button.type = 'button';
        button.dataset.testid = 'reply-button';
        button.dataset.replyId = String(b.id);
        button.dataset.replyTitle = b.title || String(b.id);
        button.dataset.action = 'reply';
        button.appendChild(icon('i-reply'));
        button.appendChild(el('span', null, b.title || String(b.id)));
        box.appendChild(button);
      });
    } else if (ia.kind === 'list') {
      var open = el('button', 'list-open-button');
      open.type = 'button';
      open.dataset.testid = 'list-open';
      open.dataset.action = 'list';
      open.dataset.messageId = String(m.id);
      open.setAttribute('aria-haspopup', 'dialog');
      open.appendChild(icon('i-list'));
      open.appendChild(el('span', null, ia.listButton || 'Options'));
      box.appendChild(open);
    }
    if (box.childNodes.length) stack.appendChild(box);
  }

  function renderMeta(m, dir) {
    var meta = el('span', 'meta');
    var time = el('time');
    var created = parseDate(m.createdAt);
    time.dataset.testid = 'message-time';
    if (created) {
      time.dateTime = created.toISOString();
      time.textContent = formatTime(created);
      time.title = created.toLocaleString();
    } else if (m.status === 'pending') {
      time.textContent = formatTime(new Date());
    }
    meta.appendChild(time);
    var status = el('span', 'status');
    status.dataset.testid = 'message-status';
    status.setAttribute('role', 'img');
    meta.appendChild(status);
    return meta;
  }

  // Sets the ticks from the message's status; called again whenever the status changes.
  function updateStatus(row, m) {
    var status = m.status || (m.direction === 'inbound' ? 'received' : 'queued');
    row.dataset.status = status;
    var node = row.querySelector('[data-testid="message-status"]');
    if (!node) return;
    node.dataset.status = status;
    node.textContent = '';
    var label = STATUS_LABELS[status] || status;
    var title = label;
    if (status === 'failed') {
      var reason = m.error && (m.error.reason || m.error.code) ? (m.error.reason || m.error.code) : 'unknown error';
      title = 'Failed: ' + reason;
      node.textContent = '!';
    } else if (status === 'queued' || status === 'pending') {
      node.appendChild(icon('i-clock'));
    } else if (status === 'received' || status === 'sent') {
      node.appendChild(icon('i-tick'));
    } else if (status === 'delivered' || status === 'read' || status === 'played') {
      node.appendChild(icon('i-ticks'));
    }
    node.title = title;
    node.setAttribute('aria-label', title);
    var bubble = row.querySelector('.bubble');
    var note = bubble && bubble.querySelector('.failed-note');
    if (status === 'failed' && m.direction !== 'inbound') {
      if (!note) {
        note = el('p', 'failed-note');
        note.dataset.testid = 'message-error';
        bubble.insertBefore(note, bubble.querySelector('.meta'));
        bubble.classList.add('meta-below');
        var spacer = bubble.querySelector('.meta-spacer');
        if (spacer) spacer.remove();
      }
      note.textContent = title;
    } else if (note) {
      note.remove();
    }
  }

  /* ------------------------------------------------------------------ reactions */

  function upsertReaction(m, entry, key) {
    if (entry && entry.key === key) { entry.data = m; return 'same'; }
    var r = m.reaction || {};
    var target = r.messageId != null ? String(r.messageId) : null;
    var who = m.direction === 'inbound' ? 'inbound' : 'outbound';
    if (entry && entry.row) entry.row.remove();
    var row = null;
    if (target && state.messages.has(target) && state.messages.get(target).row) {
      var map = state.reactions.get(target) || new Map();
      if (r.emoji) map.set(who, r.emoji); else map.delete(who);
      state.reactions.set(target, map);
      applyReactionBadges(target);
    } else if (r.emoji) {
      row = el('p', 'reaction-note', (who === 'inbound' ? 'You reacted ' : accountTitle(state.account) + ' reacted ') + r.emoji);
      row.dataset.testid = 'reaction-message';
      row.dataset.id = String(m.id);
      var created = parseDate(m.createdAt);
      if (created) { row.dataset.day = dayKey(created); row.dataset.time = created.toISOString(); }
      insertRow(row, toBig(m.id));
    }
    state.messages.set(String(m.id), { data: m, row: row, key: key });
    return row ? 'added-reaction' : 'same';
  }

  function applyReactionBadges(targetId) {
    var entry = state.messages.get(targetId);
    var map = state.reactions.get(targetId);
    if (!entry || !entry.row || !entry.row.classList.contains('msg')) return;
    var bubble = entry.row.querySelector('.bubble');
    var old = bubble.querySelector('.reactions');
    if (old) old.remove();
    var emojis = map ? Array.from(map.values()) : [];
    entry.row.classList.toggle('has-reactions', emojis.length > 0);
    if (!emojis.length) return;
    var badge = el('span', 'reactions', emojis.join(''));
    badge.dataset.testid = 'reaction';
    badge.setAttribute('aria-label', 'Reactions: ' + emojis.join(' '));
    bubble.appendChild(badge);
  }

  /* ------------------------------------------------------------------ rich text */

  // Only http(s) URLs (absolute, or relative to this page) ever reach an href or src.
  function safeUrl(url) {
    if (typeof url !== 'string' || !url) return null;
    try {
      var u = new URL(url, location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /* ------------------------------------------------------------------ list sheet */

  function onMessagesClick(e) {
    var button = e.target.closest ? e.target.closest('button[data-action]') : null;
    if (!button || !els.messages.contains(button)) return;
    if (button.dataset.action === 'reply') {
      sendReply({ id: button.dataset.replyId, title: button.dataset.replyTitle, kind: 'button_reply' });
    } else if (button.dataset.action === 'list') {
      var entry = state.messages.get(button.dataset.messageId);
      if (entry && entry.data && entry.data.interactive) openListSheet(entry.data.interactive, button);
    }
  }

  function openListSheet(ia, trigger) {
    state.listReturnFocus = trigger || document.activeElement;
    els.listSheetTitle.textContent = ia.listButton || ia.header || 'Options';
    var body = els.listSheetBody;
    body.textContent = '';
    (Array.isArray(ia.sections) ? ia.sections : []).forEach(function (section, si) {
      if (!section) return;
      var group = el('section');
      var list = el('ul', 'sheet-rows');
      if (section.title) {
        var h = el('h4', 'sheet-section-title', section.title);
        h.id = 'list-section-' + si;
        h.setAttribute('dir', 'auto');
        group.appendChild(h);
        list.setAttribute('aria-labelledby', h.id);
      }
      (Array.isArray(section.rows) ? section.rows : []).forEach(function (r) {
        if (!r) return;
        var li = el('li');
        var row = el('button', 'list-row');
        row.type = 'button';
        row.dataset.testid = 'list-row';
        row.dataset.rowId = String(r.id);
        row.dataset.rowTitle = r.title || String(r.id);
        var text = el('span', 'list-row-text');
        text.appendChild(el('span', 'list-row-title', r.title || String(r.id))).setAttribute('dir', 'auto');
        if (r.description) text.appendChild(el('span', 'list-row-desc', r.description)).setAttribute('dir', 'auto');
        row.appendChild(text);
        row.appendChild(el('span', 'list-row-radio')).setAttribute('aria-hidden', 'true');
        li.appendChild(row);
        list.appendChild(li);
      });
      group.appendChild(list);
      body.appendChild(group);
    });
    setInert(true, els.listOverlay);
    els.listOverlay.hidden = false;
    var first = body.querySelector('.list-row');
    (first || els.listClose).focus();
  }

  function closeListSheet() {
    if (els.listOverlay.hidden) return;
    els.listOverlay.hidden = true;
    setInert(false);
    var back = state.listReturnFocus;
    state.listReturnFocus = null;
    if (back && document.contains(back)) back.focus();
    else els.messageInput.focus();
  }

  function onListRowClick(e) {
    var row = e.target.closest ? e.target.closest('.list-row') : null;
    if (!row) return;
    var choice = { id: row.dataset.rowId, title: row.dataset.rowTitle, kind: 'list_reply' };
    state.listReturnFocus = els.messageInput;
    closeListSheet();
    sendReply(choice);
  }

  function onDocumentKeydown(e) {
    if (e.key !== 'Escape') return;
    if (!els.listOverlay.hidden) { e.preventDefault(); closeListSheet(); return; }
    if (!els.startOverlay.hidden && state.startCancellable) { e.preventDefault(); closeStartScreen(); return; }
    if (!els.errorBar.hidden) hideError();
  }

  /* ------------------------------------------------------------------ composer and sending */

  function onComposerKeydown(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submitComposer();
    }
  }

  function onComposerSubmit(e) {
    e.preventDefault();
    submitComposer();
  }

  function submitComposer() {
    if (state.busy || !state.contact) return;
    var text = els.messageInput.value;
    if (state.attachment) {
      sendFile(state.attachment, text);
    } else if (text.trim()) {
      els.messageInput.value = '';
      autosizeInput();
      sendText(text, true);
    }
    els.messageInput.focus();
  }

  function onRestart() {
    if (!state.contact) return;
    sendText('reset', false);
  }

  // Sends a text message. fromComposer: restore the text into the box if sending fails.
  function sendText(text, fromComposer) {
    var body = { from: state.contact.phone, name: state.contact.name, text: text };
    var pending = addPending({ type: 'text', text: text }, 'text:' + text.trim());
    if (fromComposer) setBusy(true);
    return enqueue(function () {
      return postMessage(JSON.stringify(body), 'application/json');
    }).then(function (result) {
      settlePending(pending, result.id);
    }, function (err) {
      dropPending(pending);
      if (fromComposer) restoreText(text);
      showError(err.message);
    }).then(function () {
      if (fromComposer) setBusy(false);
    });
  }

  function sendReply(reply) {
    if (!state.contact) return Promise.resolve();
    var body = { from: state.contact.phone, name: state.contact.name, interactive: reply };
    var pending = addPending({ type: 'interactive', reply: reply }, 'reply:' + reply.id);
    return enqueue(function () {
      return postMessage(JSON.stringify(body), 'application/json');
    }).then(function (result) {
      settlePending(pending, result.id);
    }, function (err) {
      dropPending(pending);
      showError(err.message);
    });
  }

  function sendFile(file, caption) {
    var form = new FormData();
    form.append('from', state.contact.phone);
    form.append('name', state.contact.name);
    if (caption && caption.trim()) form.append('text', caption);
    form.append('file', file, file.name);
    var pending = addPending({
      type: 'document',
      text: caption && caption.trim() ? caption : null,
      pendingFile: file.name
    }, 'file');
    setBusy(true);
    els.attachmentChip.dataset.state = 'sending';
    els.attachmentState.textContent = 'Sending…';
    return enqueue(function () {
      return postMessage(form, null);
    }).then(function (result) {
      settlePending(pending, result.id);
      clearAttachment();
      // Only clear the caption if it was not edited while sending.
      if (els.messageInput.value === caption) { els.messageInput.value = ''; autosizeInput(); }
    }, function (err) {
      dropPending(pending);
      els.attachmentChip.dataset.state = 'ready';
      els.attachmentState.textContent = formatSize(file.size);
      showError(err.message);
    }).then(function () {
      setBusy(false);
    });
  }

  // Sends run one after the other, so messages arrive in the order they were sent.
  function enqueue(task) {
    var run = state.sendChain.then(task, task);
    state.sendChain = run.catch(function () {});
    return run;
  }

  function postMessage(body, contentType) {
    var headers = { Accept: 'application/json' };
    if (contentType) headers['Content-Type'] = contentType;
    var url = API + '/' + encodeURIComponent(state.account.id) + '/messages';
    return fetch(url, { method: 'POST', headers: headers, body: body, cache: 'no-store' }).then(function (res) {
      return readBody(res).then(function (data) {
        if (res.status === 401 && data && data.access) showAccess(data.operatorSignIn);
        if (!res.ok) throw new Error(formatProblem(data, res.status));
        return data && typeof data === 'object' ? data : {};
      });
    }, function () {
      throw new Error('Could not reach the server. Check that Parley is running and try again.');
    });
  }

  function setBusy(on) {
    state.busy = on;
    updateSendButton();
  }

  function updateSendButton() {
    els.sendButton.disabled = state.busy;
    els.sendButton.setAttribute('aria-busy', state.busy ? 'true' : 'false');
  }

  function restoreText(text) {
    var current = els.messageInput.value;
    els.messageInput.value = current ? text + '\n' + current : text;
    autosizeInput();
  }

  function autosizeInput() {
    var input = els.messageInput;
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 132) + 'px';
  }

  function onFileChosen() {
    var file = els.attachInput.files && els.attachInput.files[0];
    if (!file) return;
    state.attachment = file;
    els.attachmentName.textContent = file.name;
    els.attachmentState.textContent = formatSize(file.size);
    els.attachmentChip.dataset.state = 'ready';
    els.attachmentChip.hidden = false;
    els.messageInput.placeholder = 'Add a caption';
    els.messageInput.focus();
  }

  function clearAttachment() {
    state.attachment = null;
    els.attachInput.value = '';
    els.attachmentChip.hidden = true;
    els.attachmentChip.dataset.state = '';
    els.messageInput.placeholder = 'Message';
    if (document.activeElement === document.body || !document.activeElement) els.messageInput.focus();
  }

  /* ------------------------------------------------------------------ optimistic bubbles */

  function addPending(fields, signature) {
    var m = {
      id: 'pending-' + (++state.pendingSeq),
      direction: 'inbound',
      type: fields.type,
      text: fields.text || null,
      reply: fields.reply || null,
      status: 'pending',
      createdAt: new Date().toISOString()
    };
    var row;
    if (fields.pendingFile) {
      row = renderMessage({ id: m.id, direction: 'inbound', type: 'text', text: null, status: 'pending', createdAt: m.createdAt }, true);
      var bubble = row.querySelector('.bubble');
      bubble.textContent = '';
      var card = el('div', 'doc-card');
      var iconBox = el('span', 'doc-icon');
      iconBox.appendChild(icon('i-doc'));
      card.appendChild(iconBox);
      var info = el('span', 'doc-info');
      info.appendChild(el('span', 'doc-name', fields.pendingFile));
      info.appendChild(el('span', 'doc-details', 'Sending…'));
      card.appendChild(info);
      bubble.appendChild(card);
      if (fields.text) renderTextBlock(bubble, fields.text);
      finishBubble(bubble, m, 'inbound');
      updateStatus(row, m);
    } else {
      row = renderMessage(m, true);
    }
    row.classList.add('pending');
    row.dataset.pending = 'true';
    els.messages.appendChild(row);
    var pending = { row: row, signature: signature, id: null };
    state.pending.push(pending);
    els.emptyState.hidden = true;
    relayout();
    scrollToBottom(false);
    return pending;
  }

  // The server accepted the message: the next poll will bring the real one with this id.
  function settlePending(pending, id) {
    if (id == null || state.messages.has(String(id))) {
      dropPending(pending);
      if (id == null) pollSoon();
      return;
    }
    pending.id = String(id);
    pollSoon();
  }

  function dropPending(pending) {
    var i = state.pending.indexOf(pending);
    if (i >= 0) state.pending.splice(i, 1);
    if (pending.row.isConnected) {
      pending.row.remove();
      relayout();
    }
    els.emptyState.hidden = state.messages.size > 0 || state.pending.length > 0;
  }

  // Finds the optimistic bubble a stored inbound message stands for (by id, or by content if
  // the poll was faster than the POST's answer).
  function takePendingFor(m) {
    var id = String(m.id);
    var sig = m.reply ? 'reply:' + m.reply.id : (m.media ? 'file' : 'text:' + String(m.text || '').trim());
    var match = -1;
    for (var i = 0; i < state.pending.length; i++) {
      if (state.pending[i].id === id) { match = i; break; }
    }
    if (match < 0) {
      for (var j = 0; j < state.pending.length; j++) {
        if (state.pending[j].id === null && state.pending[j].signature === sig) { match = j; break; }
      }
    }
    if (match < 0) return null;
    return state.pending.splice(match, 1)[0];
  }

  /* ------------------------------------------------------------------ scrolling, announcements, errors */

  function isAtBottom() {
    var box = els.messages;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 48;
  }

  function scrollToBottom(smooth) {
    var box = els.messages;
    if (smooth && !window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      box.scrollTo({ top: box.scrollHeight, behavior: 'smooth' });
    } else {
      box.scrollTop = box.scrollHeight;
    }
    state.stick = true;
    state.unseen = 0;
    updateJumpButton();
  }

  function keepPinned() {
    if (state.stick) scrollToBottom(false);
  }

  function onMessagesScroll() {
    state.stick = isAtBottom();
    if (state.stick && state.unseen) {
      state.unseen = 0;
    }
    updateJumpButton();
  }

  function updateJumpButton() {
    var show = !state.stick && state.messages.size > 0;
    els.jumpButton.hidden = !show;
    els.jumpCount.textContent = state.unseen ? String(state.unseen) : '';
    els.jumpButton.setAttribute('aria-label', state.unseen
      ? 'Scroll to latest messages, ' + state.unseen + ' new'
      : 'Scroll to latest messages');
  }

  // Screen readers hear new bot replies through the polite live region.
  function announce(messages) {
    var who = accountTitle(state.account);
    var text = messages.map(function (m) { return who + ': ' + summarize(m); }).join('. ');
    els.announcer.textContent = '';
    setTimeout(function () { els.announcer.textContent = text; }, 50);
  }

  function summarize(m) {
    var base = {
      image: 'sent an image', audio: m.media && m.media.voice ? 'sent a voice message' : 'sent an audio file',
      video: 'sent a video', document: 'sent a document', sticker: 'sent a sticker', location: 'sent a location',
      contacts: 'sent a contact card'
    }[m.type];
    var text = m.type === 'template' && m.template ? (m.template.renderedText || m.text) : m.text;
    var parts = [];
    if (base) parts.push(base + (m.media && m.media.fileName && m.type === 'document' ? ' ' + m.media.fileName : ''));
    if (text) parts.push(text);
    if (m.interactive && m.interactive.kind === 'button' && Array.isArray(m.interactive.buttons)) {
      parts.push('Buttons: ' + m.interactive.buttons.map(function (b) { return b && b.title; }).filter(Boolean).join(', '));
    } else if (m.interactive && m.interactive.kind === 'list') {
      parts.push('List: ' + (m.interactive.listButton || 'Options'));
    }
    return parts.map(function (part, i) {
      return i < parts.length - 1 && !/[.!?…:]$/.test(part) ? part + '.' : part;
    }).join(' ') || 'sent a message';
  }

  function showError(message) {
    els.errorText.textContent = message;
    els.errorBar.hidden = false;
  }

  function hideError() {
    els.errorBar.hidden = true;
    els.errorText.textContent = '';
  }

  function formatProblem(p, status) {
    if (!p || typeof p !== 'object') {
      if (status === 413) return 'That file is too large to send.';
      return typeof p === 'string' && p.trim() && p.length < 300 ? p.trim() : 'Request failed (HTTP ' + status + ').';
    }
    var title = p.title || (status === 413 ? 'That file is too large to send.' : 'Request failed (HTTP ' + status + ').');
    var lines = [title];
    if (p.detail && p.detail !== title) lines.push(String(p.detail));
    if (p.errors && typeof p.errors === 'object') {
      Object.keys(p.errors).forEach(function (field) {
        var v = p.errors[field];
        var msg = Array.isArray(v) ? v.join(' ') : String(v);
        lines.push(field ? field + ': ' + msg : msg);
      });
    }
    return lines.join('\n');
  }

  /* ------------------------------------------------------------------ small helpers */

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (res) {
      return readBody(res).then(function (data) {
        if (res.status === 401 && data && data.access) showAccess(data.operatorSignIn);
        if (!res.ok) throw new Error(formatProblem(data, res.status));
        return data;
      });
    });
  }

  function readBody(res) {
    return res.text().then(function (text) {
      if (!text) return null;
      try { return JSON.parse(text); } catch (e) { return text; }
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function icon(id) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var use = document.createElementNS(SVG_NS, 'use');
    use.setAttribute('href', '#' + id);
    svg.appendChild(use);
    return svg;
  }

  function toBig(id) {
    try {
      return /^\d+$/.test(String(id)) ? BigInt(String(id)) : -1n;
    } catch (e) {
      return -1n;
    }
  }

  function initials(name) {
    var words = String(name || '?').trim().split(/\s+/).filter(Boolean);
    var chars = words.slice(0, 2).map(function (w) { return Array.from(w)[0] || ''; }).join('');
    return (chars || '?').toUpperCase();
  }

  function parseDate(value) {
    if (!value) return null;
    var d = new Date(value);
    return isNaN(d.getTime()) ? null : d;
  }

  function formatTime(d) {
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function dayKey(d) {
    return d.getFullYear() + '-' + (d.getMonth() + 1) + '-' + d.getDate();
  }

  function dayLabel(d) {
    var today = new Date();
    var yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    if (dayKey(d) === dayKey(today)) return 'Today';
    if (dayKey(d) === dayKey(yesterday)) return 'Yesterday';
    var diff = (today - d) / 86400000;
    if (diff > 0 && diff < 7) return d.toLocaleDateString([], { weekday: 'long' });
    return d.toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' });
  }

  function formatRelative(value) {
    var d = parseDate(value);
    if (!d) return '';
    return dayKey(d) === dayKey(new Date()) ? formatTime(d) : dayLabel(d);
  }

  function formatSize(bytes) {
    var n = Number(bytes);
    if (!isFinite(n) || n < 0) return '';
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(n < 10240 ? 1 : 0) + ' KB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }

  function formatCoords(lat, lon) {
    return Math.abs(lat).toFixed(5) + '°' + (lat >= 0 ? 'N' : 'S') + ', ' +
      Math.abs(lon).toFixed(5) + '°' + (lon >= 0 ? 'E' : 'W');
  }

  function readStore() {
    try {
      var v = JSON.parse(localStorage.getItem(STORE_KEY) || '{}');
      return v && typeof v === 'object' ? v : {};
    } catch (e) {
      return {};
    }
  }

  function writeStore(patch) {
    try {
      var v = readStore();
      Object.keys(patch).forEach(function (k) { v[k] = patch[k]; });
      localStorage.setItem(STORE_KEY, JSON.stringify(v));
    } catch (e) {
      /* storage unavailable (private mode): the page still works, it just won't remember */
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
