// The playground page: a Discord-like client for the local sandbox. It talks to the sandbox's control API only
// (/_sandbox/...); the bot behind it answers exactly as it would in Discord. Messages are drawn with
// @skyra/discord-components-core; Discord markdown (the subset the bot writes) is turned into DOM nodes here,
// never into HTML strings, so article text cannot inject markup.
import '@skyra/discord-components-core';

const OPTION = { SUB_COMMAND: 1, GROUP: 2, STRING: 3, INTEGER: 4, BOOLEAN: 5, USER: 6, CHANNEL: 7, ROLE: 8, MENTIONABLE: 9, NUMBER: 10 };
const BUTTON_TYPES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'destructive', 5: 'secondary' };
const AVATARS = ['/playground/avatars/layla.svg', '/playground/avatars/omar.svg'];
const BOT_AVATAR = '/playground/avatars/nashra.svg';

const $ = (id) => document.getElementById(id);
const state = {
  info: null,
  entries: [], // slash commands (and subcommands) as the picker lists them
  channelId: null,
  viewer: null,
  messages: new Map(), // id → view
  events: null,
  command: null, // { entry, values: Map(name → { value, display }), shown: Set(name), focused: name }
  popup: { items: [], selected: 0, onPick: null },
  acSeq: 0,
  unread: new Map(),
};

// ------------------------------------------------------------------ API

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error ?? data.message ?? `${res.status}`);
  return data;
}

// ------------------------------------------------------------------ start-up

async function init() {
  state.info = await api('GET', '/_sandbox/info');
  const commands = await api('GET', '/_sandbox/commands');
  state.entries = commandEntries([...commands.guild, ...commands.global]);
  $('guild-name').textContent = state.info.guildName;
  const member = $('member');
  state.info.members.forEach((m, i) => {
    const option = document.createElement('option');
    option.value = m.id;
    option.textContent = m.name;
    member.append(option);
    m.avatar = AVATARS[i % AVATARS.length];
  });
  state.viewer = state.info.members[0].id;
  member.addEventListener('change', () => switchViewer(member.value));
  renderChannels();
  renderControls();
  renderMemberList();
  bindComposer();
  await selectChannel(state.info.channelId);
  openEvents();
}

/** Commands as Discord's picker lists them: one entry per subcommand («/digest now», «/digest subscribe»). */
function commandEntries(commands) {
  const entries = [];
  for (const command of commands) {
    const subs = (command.options ?? []).filter((o) => o.type === OPTION.SUB_COMMAND);
    if (subs.length) for (const sub of subs) entries.push({ label: `${command.name} ${sub.name}`, command, sub, options: sub.options ?? [], description: sub.description });
    else entries.push({ label: command.name, command, sub: null, options: command.options ?? [], description: command.description });
  }
  return entries.sort((a, b) => a.label.localeCompare(b.label));
}

function me() {
  return state.info.members.find((m) => m.id === state.viewer);
}

function avatarOf(userId) {
  if (userId === state.info.bot.id) return BOT_AVATAR;
  return state.info.members.find((m) => m.id === userId)?.avatar ?? '/playground/avatars/default.svg';
}

function renderChannels() {
  const list = $('channels');
  list.replaceChildren();
  for (const channel of state.info.channels) {
    const li = document.createElement('li');
    li.dataset.channel = channel.id;
    // Threads (a forum's posts too) under their channel, as Discord lists them; a forum is marked as one.
    li.textContent = channel.parentId ? `↳ ${channel.name}` : channel.type === 15 ? `${channel.name} (forum)` : channel.name;
    if (channel.parentId) li.classList.add('thread');
    li.classList.toggle('active', channel.id === state.channelId);
    const unread = state.unread.get(channel.id);
    if (unread) {
      const badge = document.createElement('span');
      badge.className = 'unread';
      badge.textContent = String(unread);
      li.append(badge);
    }
    li.addEventListener('click', () => selectChannel(channel.id));
    list.append(li);
  }
}

function renderControls() {
  const box = $('controls');
  box.replaceChildren();
  for (const control of state.info.controls ?? []) {
    if (control.channelId && control.channelId !== state.channelId) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.control = control.id;
    button.textContent = control.label;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const { result } = await api('POST', `/_sandbox/controls/${control.id}`, { channelId: state.channelId, userId: state.viewer });
        showNotice(result, true);
      } catch (err) {
        showNotice(err.message);
      } finally {
        button.disabled = false;
      }
    });
    box.append(button);
  }
}

function renderMemberList() {
  const list = $('member-list');
  list.replaceChildren();
  const rows = [{ id: state.info.bot.id, name: state.info.bot.name, bot: true, role: 'App' }, ...state.info.members.map((m) => ({ ...m, role: m.manageServer ? 'Editors · Manage Server' : 'Member' }))];
  for (const m of rows) {
    const li = document.createElement('li');
    li.classList.toggle('me', m.id === state.viewer);
    const img = document.createElement('img');
    img.src = avatarOf(m.id);
    img.alt = '';
    const text = document.createElement('span');
    text.textContent = m.name;
    if (m.bot) {
      const tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = 'APP';
      text.append(' ', tag);
    }
    const role = document.createElement('span');
    role.className = 'role';
    role.textContent = m.role;
    text.append(role);
    li.append(img, text);
    list.append(li);
  }
  const mine = me();
  $('me-avatar').src = mine.avatar;
  $('me-perms').textContent = mine.manageServer ? 'Manage Server ✓' : 'no Manage Server';
}

async function switchViewer(id) {
  state.viewer = id;
  renderMemberList();
  openEvents(); // ephemeral replies are per member: a new stream, and the feed as that member sees it
  await loadFeed();
}

async function selectChannel(id) {
  state.channelId = id;
  state.unread.delete(id);
  const channel = state.info.channels.find((c) => c.id === id);
  $('channel-name').textContent = channel?.name ?? '?';
  $('channel-topic').textContent = channel?.name === 'briefings' ? 'Scheduled briefings land here' : 'Talk to Nashra: type / for its commands';
  $('input').placeholder = `Message #${channel?.name ?? ''}`;
  renderChannels();
  renderControls();
  await loadFeed();
}

async function loadFeed() {
  delete $('messages').dataset.channel;
  const views = await api('GET', `/_sandbox/feed?channel=${state.channelId}&viewer=${state.viewer}`);
  state.messages.clear();
  $('messages').replaceChildren();
  for (const view of views) upsert(view);
  if (views.length === 0) showEmptyChannel();
  $('messages').dataset.channel = state.channelId; // the feed shown is this channel's (tests wait for it)
}

function showEmptyChannel() {
  const channel = state.info.channels.find((c) => c.id === state.channelId);
  const box = document.createElement('div');
  box.className = 'empty-channel';
  const h = document.createElement('h2');
  h.textContent = `Welcome to #${channel?.name}!`;
  const p = document.createElement('div');
  p.textContent = channel?.name === 'briefings'
    ? 'Scheduled briefings are posted here. Subscribe with /digest subscribe, or press “Post the next briefing now”.'
    : 'This is the start of the channel. Type / to search the articles, find quotations or get a briefing.';
  box.append(h, p);
  $('messages').append(box);
}

function openEvents() {
  state.events?.close();
  const events = new EventSource(`/_sandbox/events?viewer=${state.viewer}`);
  state.events = events;
  events.addEventListener('open', () => setStatus('live', true));
  events.addEventListener('error', () => setStatus('reconnecting…', false));
  events.addEventListener('message', (e) => {
    const view = JSON.parse(e.data);
    if (view.channel_id === state.channelId) upsert(view);
    else if (!state.messages.has(view.id) && !view.edited_timestamp) {
      state.unread.set(view.channel_id, (state.unread.get(view.channel_id) ?? 0) + 1);
      renderChannels();
    }
  });
  events.addEventListener('delete', (e) => {
    const { id } = JSON.parse(e.data);
    state.messages.delete(id);
    document.querySelector(`discord-message[data-id="${id}"]`)?.remove();
  });
  events.addEventListener('channels', (e) => {
    state.info.channels = JSON.parse(e.data);
    renderChannels();
  });
  events.addEventListener('controls', (e) => {
    state.info.controls = JSON.parse(e.data);
    renderControls();
  });
  events.addEventListener('violation', (e) => {
    const v = JSON.parse(e.data);
    showNotice(`Discord rule broken: ${v.rule} — ${v.detail}`);
  });
}

function setStatus(text, live) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('live', live);
}

let noticeTimer;
function showNotice(text, ok = false) {
  const notice = $('notice');
  notice.textContent = text;
  notice.classList.toggle('ok', ok);
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, 8000);
}

// ------------------------------------------------------------------ messages

/** Insert or replace a message, keeping creation order (snowflakes grow with time). */
function upsert(view) {
  const list = $('messages');
  list.querySelector('.empty-channel')?.remove();
  const scroller = $('scroller');
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  state.messages.set(view.id, view);
  const element = renderMessage(view);
  const existing = list.querySelector(`discord-message[data-id="${view.id}"]`);
  if (existing) existing.replaceWith(element);
  else {
    const after = [...list.children].find((el) => el.dataset.id && BigInt(el.dataset.id) > BigInt(view.id));
    list.insertBefore(element, after ?? null);
  }
  if (atBottom || !existing) requestAnimationFrame(() => { scroller.scrollTop = scroller.scrollHeight; });
}

function make(tag, attributes = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children) if (child !== null && child !== undefined) el.append(child);
  if (tag.startsWith('discord-')) bidiInside(el);
  return el;
}

// The components draw titles, field names and labels inside their shadow DOM; a stylesheet added there lets
// each of those lines take its direction from its first strong letter, as dir=auto does (Arabic right to left).
const bidiSheet = new CSSStyleSheet();
bidiSheet.replaceSync(`
  .discord-embed-title, .discord-embed-author-block, .discord-field-title, .discord-embed-description,
  .discord-string-select-menu-option-ellipsis-text, label > span, strong { unicode-bidi: plaintext; text-align: start; }
  .discord-embed-title a { unicode-bidi: plaintext; }
`);
function bidiInside(el) {
  customElements.whenDefined(el.localName).then(() => el.updateComplete).then(() => {
    const root = el.shadowRoot;
    if (root && !root.adoptedStyleSheets.includes(bidiSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, bidiSheet];
  }).catch(() => {});
}

function timeLabel(iso) {
  const d = new Date(iso);
  const time = d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
  const today = new Date().toDateString() === d.toDateString();
  return today ? `Today at ${time}` : `${d.toLocaleDateString('en-US')} ${time}`;
}

function renderMessage(view) {
  // A channel webhook's message shows the name it was posted under (its avatar_url is never loaded: the page loads
  // nothing from outside 127.0.0.1, so it keeps the bot's local avatar).
  const byWebhook = view.author_id !== state.info.bot.id && Boolean(view.author_name);
  const attrs = {
    'data-id': view.id,
    author: byWebhook ? view.author_name : state.info.bot.name,
    avatar: BOT_AVATAR,
    bot: true,
    verified: !byWebhook,
    timestamp: timeLabel(view.timestamp),
    ephemeral: view.ephemeral,
    edited: !view.interaction && Boolean(view.edited_timestamp),
    'role-color': '#5865f2',
  };
  const children = [];
  if (view.interaction?.command) {
    children.push(make('discord-command', {
      slot: 'reply', author: view.interaction.user.name, avatar: avatarOf(view.interaction.user.id), command: `/${view.interaction.command}`,
    }));
  }
  if (view.loading) {
    const thinking = document.createElement('span');
    thinking.className = 'thinking';
    thinking.textContent = `${state.info.bot.name} is thinking…`;
    children.push(thinking);
  } else if (view.content) {
    children.push(markdown(view.content));
  }
  for (const embed of view.embeds ?? []) children.push(renderEmbed(embed));
  const rows = (view.components ?? []).map((row) => renderRow(view, row)).filter(Boolean);
  if (rows.length) children.push(make('discord-attachments', { slot: 'components' }, rows));
  const el = make('discord-message', attrs, children);
  el.dismissMessageClicked = () => {
    state.messages.delete(view.id);
    el.remove();
  };
  return el;
}

function hexColor(n) {
  return typeof n === 'number' ? `#${n.toString(16).padStart(6, '0')}` : undefined;
}

function renderEmbed(embed) {
  const children = [];
  if (embed.description) children.push(make('discord-embed-description', { slot: 'description' }, [markdown(embed.description)]));
  if (embed.fields?.length) {
    let run = 0;
    const fields = embed.fields.map((f) => {
      run = f.inline ? (run % 3) + 1 : 0;
      return make('discord-embed-field', { 'field-title': plain(f.name), inline: Boolean(f.inline), 'inline-index': f.inline ? run : undefined }, [markdown(f.value)]);
    });
    children.push(make('discord-embed-fields', { slot: 'fields' }, fields));
  }
  if (embed.footer?.text || embed.timestamp) {
    const footer = make('discord-embed-footer', { slot: 'footer', timestamp: embed.timestamp ? new Date(embed.timestamp).toLocaleDateString('en-US') : undefined });
    const text = document.createElement('span');
    text.className = 'rtl-auto';
    text.textContent = embed.footer?.text ?? '';
    footer.append(text);
    children.push(footer);
  }
  const url = safeUrl(embed.url);
  return make('discord-embed', {
    slot: 'embeds',
    color: hexColor(embed.color) ?? '#1e1f22',
    'embed-title': embed.title ? plain(embed.title) : undefined,
    url,
    'author-name': embed.author?.name ? plain(embed.author.name) : undefined,
    'author-url': safeUrl(embed.author?.url),
  }, children);
}

function renderRow(view, row) {
  const parts = [];
  for (const c of row.components ?? []) {
    if (c.type === 2) {
      const link = c.style === 5 ? safeUrl(c.url) : undefined;
      const button = make('discord-button', { type: BUTTON_TYPES[c.style] ?? 'secondary', disabled: Boolean(c.disabled), url: link, 'data-custom-id': c.custom_id }, [c.label ?? '']);
      if (!link && !c.disabled) button.addEventListener('click', () => press(view, c.custom_id));
      parts.push(button);
    } else if (c.type === 3) {
      const options = (c.options ?? []).map((o) => {
        const option = make('discord-string-select-menu-option', { label: o.label, description: o.description, 'data-value': o.value });
        option.addEventListener('click', () => choose(view, c.custom_id, [o.value]));
        return option;
      });
      parts.push(make('discord-string-select-menu', { placeholder: c.placeholder ?? 'Make a selection', disabled: Boolean(c.disabled), 'data-custom-id': c.custom_id }, options));
    }
  }
  return parts.length ? make('discord-action-row', {}, parts) : null;
}

async function press(view, customId) {
  try {
    await api('POST', '/_sandbox/click', { messageId: view.id, customId, userId: state.viewer, channelId: state.channelId });
  } catch (err) {
    showNotice(`This interaction failed: ${err.message}`);
  }
}

async function choose(view, customId, values) {
  try {
    await api('POST', '/_sandbox/select', { messageId: view.id, customId, values, userId: state.viewer, channelId: state.channelId });
  } catch (err) {
    showNotice(`This interaction failed: ${err.message}`);
  }
}

function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
}

// ------------------------------------------------------------------ Discord markdown (what the bot writes)

/** Markdown escapes removed, for places that show plain text (titles, field names). */
function plain(text) {
  return String(text).replace(/\\([\\*_~`|>#\-[\]()<@:.!+=])/g, '$1');
}

/** Discord markdown → a block of DOM nodes: lines with quotes, subtext, headings and bullets; inline marks inside. */
function markdown(text) {
  const root = document.createElement('div');
  root.className = 'md';
  let list = null;
  for (const line of String(text).split('\n')) {
    let m;
    if ((m = /^>>> ([\s\S]*)$/.exec(line)) || (m = /^> ?(.*)$/.exec(line))) {
      list = null;
      root.append(block('blockquote', m[1]));
    } else if ((m = /^-# (.*)$/.exec(line))) {
      list = null;
      root.append(block('small', m[1]));
    } else if ((m = /^(#{1,3}) (.*)$/.exec(line))) {
      list = null;
      root.append(block(`h${m[1].length}`, m[2]));
    } else if ((m = /^\s*[-*] (.*)$/.exec(line))) {
      if (!list) {
        list = document.createElement('ul');
        root.append(list);
      }
      list.append(block('li', m[1]));
    } else {
      list = null;
      root.append(block('p', line));
    }
  }
  return root;
}

function block(tag, text) {
  const el = document.createElement(tag);
  // Each line takes its direction from its first strong letter: an Arabic line runs right to left, and its quote bar
  // or bullet stands on its right.
  el.dir = 'auto';
  el.append(...inline(text));
  return el;
}

const INLINE = [
  { re: /^\\([^\sA-Za-z0-9\u0600-\u06FF])/, node: (m) => document.createTextNode(m[1]) },
  { re: /^\*\*([\s\S]+?)\*\*(?!\*)/, wrap: 'strong' },
  { re: /^__([\s\S]+?)__(?!_)/, wrap: 'u' },
  { re: /^\*(?!\s)([\s\S]+?)\*(?!\*)/, wrap: 'em' },
  { re: /^_(?!\s)([\s\S]+?)_(?![\p{L}\p{N}])/u, wrap: 'em' },
  { re: /^~~([\s\S]+?)~~/, wrap: 's' },
  { re: /^\|\|([\s\S]+?)\|\|/, node: (m) => spoiler(m[1]) },
  { re: /^`([^`]+)`/, node: (m) => textIn('code', m[1]) },
  { re: /^\[([^\]]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/, node: (m) => link(m[2], inline(m[1])) },
  { re: /^<(https?:\/\/[^\s>]+)>/, node: (m) => link(m[1], [m[1]]) },
  { re: /^https?:\/\/[^\s<]+[^\s<.,:;"')\]]/, node: (m) => link(m[0], [m[0]]) },
  { re: /^<t:(-?\d+)(?::([tTdDfFR]))?>/, node: (m) => timestamp(Number(m[1]), m[2] ?? 'f') },
  { re: /^<@!?(\d{17,20})>/, node: (m) => mention(m[1]) },
  { re: /^<#(\d{17,20})>/, node: (m) => channelMention(m[1]) },
  { re: /^<@&(\d{17,20})>/, node: (m) => roleMention(m[1]) },
];

function inline(text) {
  const out = [];
  let buffer = '';
  let rest = text;
  const flush = () => {
    if (buffer) out.push(document.createTextNode(buffer));
    buffer = '';
  };
  outer: while (rest.length) {
    for (const rule of INLINE) {
      const m = rule.re.exec(rest);
      if (!m) continue;
      flush();
      if (rule.wrap) {
        const el = document.createElement(rule.wrap);
        el.append(...inline(m[1]));
        out.push(el);
      } else out.push(rule.node(m));
      rest = rest.slice(m[0].length);
      continue outer;
    }
    buffer += rest[0];
    rest = rest.slice(1);
  }
  flush();
  return out;
}

function textIn(tag, text) {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

function link(href, children) {
  const a = document.createElement('a');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.append(...children);
  return a;
}

function spoiler(text) {
  const el = document.createElement('span');
  el.className = 'spoiler';
  el.append(...inline(text));
  el.addEventListener('click', () => el.classList.add('shown'));
  return el;
}

function timestamp(seconds, style) {
  const d = new Date(seconds * 1000);
  const formats = {
    t: { hour: 'numeric', minute: '2-digit' },
    T: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
    d: { day: 'numeric', month: 'numeric', year: 'numeric' },
    D: { day: 'numeric', month: 'long', year: 'numeric' },
    f: { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' },
    F: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' },
  };
  const el = document.createElement('span');
  el.className = 'timestamp';
  el.title = d.toString();
  if (style === 'R') {
    const minutes = Math.round((d.getTime() - Date.now()) / 60000);
    el.textContent = new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(
      Math.abs(minutes) < 60 ? minutes : Math.abs(minutes) < 1440 ? Math.round(minutes / 60) : Math.round(minutes / 1440),
      Math.abs(minutes) < 60 ? 'minute' : Math.abs(minutes) < 1440 ? 'hour' : 'day',
    );
  } else el.textContent = d.toLocaleString('en-US', formats[style] ?? formats.f);
  return el;
}

function mention(userId) {
  const user = userId === state.info.bot.id ? state.info.bot : state.info.members.find((m) => m.id === userId);
  return Object.assign(textIn('span', `@${user?.name ?? 'unknown-user'}`), { className: 'mention' });
}

function roleMention(roleId) {
  const role = (state.info.roles ?? []).find((r) => r.id === roleId);
  return Object.assign(textIn('span', `@${role?.name ?? 'unknown-role'}`), { className: 'mention' });
}

function channelMention(channelId) {
  const channel = state.info.channels.find((c) => c.id === channelId);
  return Object.assign(textIn('span', `#${channel?.name ?? 'unknown'}`), { className: 'mention' });
}

// ------------------------------------------------------------------ composer: slash commands with options

function bindComposer() {
  const input = $('input');
  input.addEventListener('input', () => {
    if (state.command) return;
    const text = input.value;
    if (text.startsWith('/')) showCommandPicker(text.slice(1));
    else hidePopup();
  });
  input.addEventListener('keydown', (e) => {
    if (handlePopupKeys(e)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (!state.command && input.value.trim() && !input.value.startsWith('/')) showNotice('Nashra answers slash commands: type / to pick one.');
    }
  });
  $('composer').addEventListener('submit', (e) => e.preventDefault());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.command) cancelCommand();
  });
}

function showCommandPicker(typed) {
  const words = typed.trim().toLowerCase();
  const items = state.entries
    .filter((e) => !words || e.label.startsWith(words) || e.label.split(' ').some((w) => w.startsWith(words)))
    .map((e) => ({ name: `/${e.label}`, description: e.description, pick: () => startCommand(e) }));
  showPopup(items.length ? `Commands matching /${typed}` : null, items, 'No command matches.');
}

function startCommand(entry) {
  hidePopup();
  state.command = { entry, values: new Map(), shown: new Set(entry.options.filter((o) => o.required).map((o) => o.name)), focused: null };
  $('input').value = '';
  $('input').hidden = true;
  const chip = $('command-chip');
  chip.textContent = `/${entry.label}`;
  chip.hidden = false;
  $('hint').textContent = 'Enter sends · Esc cancels · Tab or a click picks a suggestion';
  renderOptions();
  const first = entry.options.find((o) => state.command.shown.has(o.name)) ?? null;
  if (first) focusOption(first.name);
  else $('options').querySelector('.add-opt')?.focus();
}

function cancelCommand() {
  state.command = null;
  clearTimeout(acTimer);
  state.acSeq++; // an autocomplete answer still on its way is for a command that is gone
  hidePopup();
  $('options').replaceChildren();
  $('command-chip').hidden = true;
  const input = $('input');
  input.hidden = false;
  input.value = '';
  input.focus();
  $('hint').textContent = "Type / to use Nashra's commands";
}

function renderOptions() {
  const box = $('options');
  box.replaceChildren();
  const { entry, shown, values } = state.command;
  for (const option of entry.options) {
    if (!shown.has(option.name)) continue;
    const label = document.createElement('label');
    label.className = 'opt';
    label.dataset.option = option.name;
    const name = document.createElement('span');
    name.className = 'opt-name';
    name.textContent = `${option.name}:`;
    const input = document.createElement('input');
    input.dir = 'auto';
    input.value = values.get(option.name)?.display ?? '';
    input.setAttribute('aria-label', option.name);
    input.placeholder = option.description?.slice(0, 40) ?? '';
    input.addEventListener('focus', () => onOptionFocus(option));
    input.addEventListener('input', () => onOptionInput(option, input.value));
    input.addEventListener('keydown', (e) => {
      if (handlePopupKeys(e)) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        send();
      } else if (e.key === 'Backspace' && input.value === '' && !option.required) {
        shown.delete(option.name);
        values.delete(option.name);
        renderOptions();
      }
    });
    label.append(name, input);
    box.append(label);
  }
  for (const option of entry.options) {
    if (shown.has(option.name)) continue;
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'add-opt';
    add.dataset.addOption = option.name;
    add.textContent = `+ ${option.name}`;
    add.title = option.description ?? '';
    add.addEventListener('click', () => {
      shown.add(option.name);
      renderOptions();
      focusOption(option.name);
    });
    box.append(add);
  }
}

function focusOption(name) {
  const input = $('options').querySelector(`label[data-option="${name}"] input`);
  input?.focus();
}

function optionDef(name) {
  return state.command.entry.options.find((o) => o.name === name);
}

function onOptionFocus(option) {
  state.command.focused = option.name;
  for (const l of $('options').querySelectorAll('.opt')) l.classList.toggle('focused', l.dataset.option === option.name);
  suggest(option, state.command.values.get(option.name)?.display ?? '');
}

function onOptionInput(option, typed) {
  // Typed text is the value until a suggestion is picked (Discord sends what was typed for autocomplete options).
  state.command.values.set(option.name, { value: typed, display: typed });
  if (!typed && !option.autocomplete && !option.choices && option.type !== OPTION.CHANNEL && option.type !== OPTION.BOOLEAN) hidePopup();
  else suggest(option, typed);
}

let acTimer;
function suggest(option, typed) {
  const pickValue = (value, display) => () => {
    if (!state.command) return;
    state.command.values.set(option.name, { value, display });
    hidePopup();
    renderOptions();
    focusNext(option);
  };
  if (option.choices?.length) {
    const items = option.choices.filter((c) => !typed || c.name.toLowerCase().includes(typed.toLowerCase())).map((c) => ({ name: c.name, description: String(c.value), pick: pickValue(c.value, c.name) }));
    showPopup(option.name, items, 'No choice matches.');
  } else if (option.type === OPTION.CHANNEL) {
    const items = state.info.channels.filter((c) => !typed || c.name.includes(typed.replace(/^#/, ''))).map((c) => ({ name: `#${c.name}`, description: '', pick: pickValue(c.id, `#${c.name}`) }));
    showPopup('Text channels', items, 'No channel matches.');
  } else if (option.type === OPTION.BOOLEAN) {
    showPopup(option.name, [true, false].map((b) => ({ name: String(b), description: '', pick: pickValue(b, String(b)) })), '');
  } else if (option.autocomplete) {
    clearTimeout(acTimer);
    // Discord sends an autocomplete interaction as the user types; a short pause keeps it to one per burst.
    acTimer = setTimeout(() => autocomplete(option, typed, pickValue), 150);
  } else {
    hidePopup();
  }
}

async function autocomplete(option, typed, pickValue) {
  if (state.command?.focused !== option.name) return; // sent or cancelled meanwhile
  const seq = ++state.acSeq;
  const options = optionsPayload(option.name);
  try {
    const choices = await api('POST', '/_sandbox/autocomplete', { name: state.command.entry.command.name, options, userId: state.viewer, channelId: state.channelId });
    if (seq !== state.acSeq || state.command?.focused !== option.name) return; // a newer keystroke won
    showPopup(`${option.name} — suggestions from ${state.info.bot.name}`, choices.map((c) => ({ name: c.name, description: c.name === String(c.value) ? '' : String(c.value), pick: pickValue(c.value, c.name) })), 'No suggestion.');
  } catch (err) {
    if (seq === state.acSeq) showPopup(option.name, [], `Autocomplete failed: ${err.message}`);
  }
}

function focusNext(option) {
  const opts = state.command.entry.options.filter((o) => state.command.shown.has(o.name));
  const next = opts[opts.indexOf(option) + 1];
  if (next) focusOption(next.name);
  else focusOption(option.name);
}

/** The options as Discord sends them: in definition order, values typed by option type; subcommand wrapped. */
function optionsPayload(focusedName) {
  const { entry, values } = state.command;
  const leaf = [];
  for (const option of entry.options) {
    const v = values.get(option.name);
    const focused = option.name === focusedName;
    if (!focused && (v === undefined || v.value === '')) continue;
    let value = v?.value ?? '';
    if (!focused && (option.type === OPTION.INTEGER || option.type === OPTION.NUMBER)) value = Number(value);
    leaf.push({ name: option.name, value: focused ? String(value) : value, ...(focused ? { focused: true } : {}) });
  }
  return entry.sub ? [{ name: entry.sub.name, options: leaf }] : leaf;
}

async function send() {
  if (!state.command) return;
  const { entry, values } = state.command;
  const missing = entry.options.filter((o) => o.required && !(values.get(o.name)?.value ?? '').toString().trim());
  for (const l of $('options').querySelectorAll('.opt')) l.classList.toggle('missing', missing.some((o) => o.name === l.dataset.option));
  if (missing.length) {
    showNotice(`Fill in ${missing.map((o) => o.name).join(', ')} first.`);
    focusOption(missing[0].name);
    return;
  }
  const bad = entry.options.find((o) => (o.type === OPTION.INTEGER || o.type === OPTION.NUMBER) && values.get(o.name)?.value !== undefined && values.get(o.name).value !== '' && !Number.isFinite(Number(values.get(o.name).value)));
  if (bad) {
    showNotice(`${bad.name} must be a number.`);
    return;
  }
  const body = { name: entry.command.name, options: optionsPayload(null), userId: state.viewer, channelId: state.channelId };
  cancelCommand();
  try {
    await api('POST', '/_sandbox/slash', body);
  } catch (err) {
    showNotice(err.message.replace(/^sandbox: /, ''));
  }
}

// ------------------------------------------------------------------ popup (commands, choices, suggestions)

function showPopup(title, items, emptyText) {
  const popup = $('popup');
  popup.replaceChildren();
  state.popup = { items, selected: 0 };
  if (title) {
    const head = document.createElement('div');
    head.className = 'popup-title';
    head.textContent = title;
    popup.append(head);
  }
  if (items.length === 0) {
    if (!emptyText) return hidePopup();
    const empty = document.createElement('div');
    empty.className = 'popup-empty';
    empty.textContent = emptyText;
    popup.append(empty);
  }
  items.forEach((item, i) => {
    const row = document.createElement('div');
    row.className = 'popup-item';
    row.setAttribute('role', 'option');
    row.classList.toggle('selected', i === 0);
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = item.name;
    row.append(name);
    if (item.description) {
      const desc = document.createElement('span');
      desc.className = 'desc';
      desc.textContent = item.description;
      row.append(desc);
    }
    row.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the input
    row.addEventListener('click', () => item.pick());
    popup.append(row);
  });
  popup.hidden = false;
}

function hidePopup() {
  $('popup').hidden = true;
  state.popup = { items: [], selected: 0 };
}

/** Arrow keys move through the popup; Tab (or Enter in the command picker) picks. True when the key was used. */
function handlePopupKeys(e) {
  const { items } = state.popup;
  if ($('popup').hidden || items.length === 0) return false;
  const rows = $('popup').querySelectorAll('.popup-item');
  const move = (d) => {
    state.popup.selected = (state.popup.selected + d + items.length) % items.length;
    rows.forEach((r, i) => r.classList.toggle('selected', i === state.popup.selected));
    rows[state.popup.selected]?.scrollIntoView({ block: 'nearest' });
  };
  if (e.key === 'ArrowDown') { e.preventDefault(); move(1); return true; }
  if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); return true; }
  if (e.key === 'Tab' || (e.key === 'Enter' && !state.command)) {
    e.preventDefault();
    items[state.popup.selected].pick();
    return true;
  }
  if (e.key === 'Escape') { hidePopup(); return true; }
  return false;
}

init().catch((err) => {
  setStatus('failed to start', false);
  showNotice(`The playground could not start: ${err.message}`);
});
