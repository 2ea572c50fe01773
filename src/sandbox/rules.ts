// Discord's documented request limits, as pure checks. Each check returns the problems it found as
// { path, code, message } so the server can answer exactly like Discord does: HTTP 400 with code 50035
// "Invalid Form Body" and an `errors` tree keyed by the offending field (e.g. embeds.0.description).
// Sources: discord.com/developers/docs — Message Resource (create message), Embed Limits, Component
// Reference, Application Commands (naming, registration limits), Interaction Response (autocomplete).

export interface RuleProblem {
  path: string; // dotted field path inside the request body, e.g. 'embeds.0.fields.3.value'
  code: string; // Discord's error code string, e.g. 'BASE_TYPE_MAX_LENGTH'
  message: string;
}

// Deliberately separate from the bot's own limits (src/bot): the sandbox is the referee, and a wrong
// number shared by both would never be caught.
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceText: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandsPerType: 100,
  commandTotalText: 4000,
} as const;

// Discord counts characters, not UTF-16 units; spreading a string iterates code points.
export function charCount(text: string): number {
  return [...text].length;
}

function maxLength(problems: RuleProblem[], path: string, value: unknown, max: number): void {
  if (typeof value === 'string' && charCount(value) > max) {
    problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  }
}

function required(problems: RuleProblem[], path: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') {
    problems.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return false;
  }
  return true;
}

/** Limits that apply to every message body: channel messages, interaction replies, follow-ups, edits. */
export function checkMessageBody(body: any): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (body === null || typeof body !== 'object') return problems;
  maxLength(problems, 'content', body.content, LIMITS.content);
  if (Array.isArray(body.embeds)) {
    if (body.embeds.length > LIMITS.embeds) {
      problems.push({ path: 'embeds', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.embeds} or fewer in length.` });
    }
    let total = 0;
    body.embeds.forEach((embed: any, i: number) => {
      const at = `embeds.${i}`;
      if (!embed || typeof embed !== 'object') return;
      maxLength(problems, `${at}.title`, embed.title, LIMITS.embedTitle);
      maxLength(problems, `${at}.description`, embed.description, LIMITS.embedDescription);
      maxLength(problems, `${at}.footer.text`, embed.footer?.text, LIMITS.footerText);
      maxLength(problems, `${at}.author.name`, embed.author?.name, LIMITS.authorName);
      total += textLength(embed.title) + textLength(embed.description) + textLength(embed.footer?.text) + textLength(embed.author?.name);
      if (Array.isArray(embed.fields)) {
        if (embed.fields.length > LIMITS.embedFields) {
          problems.push({ path: `${at}.fields`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.embedFields} or fewer in length.` });
        }
        embed.fields.forEach((field: any, j: number) => {
          // Discord rejects empty field names and values outright ("This field is required").
          if (required(problems, `${at}.fields.${j}.name`, field?.name)) maxLength(problems, `${at}.fields.${j}.name`, field.name, LIMITS.fieldName);
          if (required(problems, `${at}.fields.${j}.value`, field?.value)) maxLength(problems, `${at}.fields.${j}.value`, field.value, LIMITS.fieldValue);
          total += textLength(field?.name) + textLength(field?.value);
        });
      }
    });
    // The 6,000 limit is the sum over ALL embeds of one message.
    if (total > LIMITS.embedTotal) {
      problems.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}` });
    }
  }
  if (Array.isArray(body.components)) {
    if (((body.flags ?? 0) & IS_COMPONENTS_V2) !== 0) problems.push(...checkComponentsV2(body));
    else problems.push(...checkComponents(body.components));
  }
  return problems;
}

const IS_COMPONENTS_V2 = 1 << 15;

/**
 * "Components V2" messages (flag IS_COMPONENTS_V2) replace content and embeds with layout components;
 * only the basics are checked here: no content or embeds, at most 40 components in all, custom_id ≤ 100.
 */
function checkComponentsV2(body: any): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if ((typeof body.content === 'string' && body.content.length > 0) || (Array.isArray(body.embeds) && body.embeds.length > 0)) {
    problems.push({ path: 'content', code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', message: 'The content and embeds fields cannot be used with IS_COMPONENTS_V2' });
  }
  let count = 0;
  const visit = (node: any, at: string) => {
    if (!node || typeof node !== 'object') return;
    count += 1;
    maxLength(problems, `${at}.custom_id`, node.custom_id, LIMITS.customId);
    if (Array.isArray(node.components)) node.components.forEach((child: any, i: number) => visit(child, `${at}.components.${i}`));
    if (node.accessory) visit(node.accessory, `${at}.accessory`);
  };
  body.components.forEach((c: any, i: number) => visit(c, `components.${i}`));
  if (count > 40) problems.push({ path: 'components', code: 'BASE_TYPE_MAX_LENGTH', message: 'A message may hold at most 40 components in all' });
  return problems;
}

function textLength(value: unknown): number {
  return typeof value === 'string' ? charCount(value) : 0;
}

/** Legacy (non "Components V2") message components: action rows of buttons or one select menu. */
export function checkComponents(rows: any[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (rows.length > LIMITS.actionRows) {
    problems.push({ path: 'components', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.actionRows} or fewer in length.` });
  }
  const seenIds = new Set<string>();
  rows.forEach((row: any, i: number) => {
    const at = `components.${i}`;
    if (row?.type !== 1) {
      problems.push({ path: `${at}.type`, code: 'COMPONENT_LAYOUT_INVALID', message: 'Top-level components must be action rows (type 1)' });
      return;
    }
    const children: any[] = Array.isArray(row.components) ? row.components : [];
    if (children.length === 0) {
      problems.push({ path: `${at}.components`, code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
    }
    const selects = children.filter((c) => c?.type >= 3 && c?.type <= 8 && c?.type !== 4);
    if (selects.length > 0 && children.length > 1) {
      // A select menu occupies a whole action row.
      problems.push({ path: `${at}.components`, code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'A select menu must be alone in its action row' });
    }
    if (children.length > LIMITS.rowButtons) {
      problems.push({ path: `${at}.components`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.rowButtons} or fewer in length.` });
    }
    children.forEach((c: any, j: number) => {
      const cat = `${at}.components.${j}`;
      if (c?.type === 2) {
        maxLength(problems, `${cat}.label`, c.label, LIMITS.buttonLabel);
        if (c.style === 5) {
          // Link buttons carry a url and no custom_id.
          required(problems, `${cat}.url`, c.url);
          if (c.custom_id !== undefined) problems.push({ path: `${cat}.custom_id`, code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', message: 'A link button cannot have a custom_id' });
        } else if (c.style !== 6) {
          required(problems, `${cat}.custom_id`, c.custom_id);
        }
        if (c.label === undefined && c.emoji === undefined) {
          problems.push({ path: `${cat}`, code: 'BUTTON_COMPONENT_INVALID', message: 'A button needs a label or an emoji' });
        }
      } else if (selects.includes(c)) {
        required(problems, `${cat}.custom_id`, c.custom_id);
        maxLength(problems, `${cat}.placeholder`, c.placeholder, LIMITS.selectPlaceholder);
        if (c.type === 3) {
          const options: any[] = Array.isArray(c.options) ? c.options : [];
          if (options.length === 0 || options.length > LIMITS.selectOptions) {
            problems.push({ path: `${cat}.options`, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${LIMITS.selectOptions} in length.` });
          }
          options.forEach((o: any, k: number) => {
            if (required(problems, `${cat}.options.${k}.label`, o?.label)) maxLength(problems, `${cat}.options.${k}.label`, o.label, LIMITS.selectOptionText);
            if (required(problems, `${cat}.options.${k}.value`, o?.value)) maxLength(problems, `${cat}.options.${k}.value`, o.value, LIMITS.selectOptionText);
            maxLength(problems, `${cat}.options.${k}.description`, o?.description, LIMITS.selectOptionText);
          });
        }
      } else {
        problems.push({ path: `${cat}.type`, code: 'COMPONENT_TYPE_INVALID', message: `Component type ${c?.type} is not allowed in an action row of a message` });
      }
      if (typeof c?.custom_id === 'string') {
        maxLength(problems, `${cat}.custom_id`, c.custom_id, LIMITS.customId);
        if (seenIds.has(c.custom_id)) {
          problems.push({ path: `${cat}.custom_id`, code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
        }
        seenIds.add(c.custom_id);
      }
    });
  });
  return problems;
}

/** A new message must carry something: Discord answers 400 code 50006 "Cannot send an empty message". */
export function isEmptyMessage(body: any): boolean {
  const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.length > 0 : v != null);
  return !body || !(has(body.content) || has(body.embeds) || has(body.components) || has(body.attachments) || has(body.sticker_ids) || has(body.poll));
}

/** Autocomplete result: at most 25 choices; name 1–100 characters; string value at most 100. */
export function checkAutocompleteChoices(choices: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!Array.isArray(choices)) {
    problems.push({ path: 'data.choices', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return problems;
  }
  if (choices.length > LIMITS.autocompleteChoices) {
    problems.push({ path: 'data.choices', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.autocompleteChoices} or fewer in length.` });
  }
  choices.forEach((c: any, i: number) => {
    if (required(problems, `data.choices.${i}.name`, c?.name)) maxLength(problems, `data.choices.${i}.name`, c.name, LIMITS.choiceText);
    if (c?.value === undefined || c?.value === null) required(problems, `data.choices.${i}.value`, c?.value);
    else maxLength(problems, `data.choices.${i}.value`, c.value, LIMITS.choiceText);
  });
  return problems;
}

// Discord's documented name regex for commands and options; CHAT_INPUT names must also be lowercase.
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(problems: RuleProblem[], path: string, name: unknown, chatInput: boolean): void {
  if (typeof name !== 'string' || !COMMAND_NAME.test(name)) {
    problems.push({ path, code: 'APPLICATION_COMMAND_INVALID_NAME', message: `Command name is invalid (1–32 characters matching Discord's regex): ${JSON.stringify(name)}` });
  } else if (chatInput && name !== name.toLowerCase()) {
    problems.push({ path, code: 'APPLICATION_COMMAND_INVALID_NAME', message: `Command name must be lowercase: ${JSON.stringify(name)}` });
  }
}

function checkDescription(problems: RuleProblem[], path: string, description: unknown): void {
  if (typeof description !== 'string' || charCount(description) < 1 || charCount(description) > LIMITS.commandDescription) {
    problems.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${LIMITS.commandDescription} in length.` });
  }
}

function textOf(value: unknown): number {
  return typeof value === 'string' ? charCount(value) : 0;
}

function checkOptions(problems: RuleProblem[], at: string, options: any[], depth: number): number {
  let text = 0;
  if (options.length > LIMITS.commandOptions) {
    problems.push({ path: `${at}`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.commandOptions} or fewer in length.` });
  }
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((o: any, i: number) => {
    const oat = `${at}.${i}`;
    checkName(problems, `${oat}.name`, o?.name, true);
    checkDescription(problems, `${oat}.description`, o?.description);
    text += textOf(o?.name) + textOf(o?.description);
    if (names.has(o?.name)) problems.push({ path: `${oat}.name`, code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: `Option name ${o?.name} is already used` });
    names.add(o?.name);
    const isGroup = o?.type === 1 || o?.type === 2;
    if (isGroup) {
      // Subcommands (1) nest one level; groups (2) hold subcommands; nothing deeper.
      if (depth >= 2 || (o.type === 2 && depth >= 1)) {
        problems.push({ path: `${oat}.type`, code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', message: 'Subcommands and groups cannot be nested this deep' });
      }
      if (Array.isArray(o.options)) text += checkOptions(problems, `${oat}.options`, o.options, depth + 1);
      return;
    }
    // Discord: "Required options must be listed before optional options".
    if (o?.required) {
      if (sawOptional) problems.push({ path: `${oat}.required`, code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
    } else {
      sawOptional = true;
    }
    if (Array.isArray(o?.choices)) {
      if (o.autocomplete) problems.push({ path: `${oat}.autocomplete`, code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES', message: 'Autocomplete cannot be used with choices' });
      if (o.choices.length > LIMITS.autocompleteChoices) problems.push({ path: `${oat}.choices`, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.autocompleteChoices} or fewer in length.` });
      o.choices.forEach((c: any, k: number) => {
        if (required(problems, `${oat}.choices.${k}.name`, c?.name)) maxLength(problems, `${oat}.choices.${k}.name`, c.name, LIMITS.choiceText);
        maxLength(problems, `${oat}.choices.${k}.value`, c?.value, LIMITS.choiceText);
        text += textOf(c?.name) + (typeof c?.value === 'string' ? charCount(c.value) : 0);
      });
    }
  });
  return text;
}

/** Command registration rules (PUT replaces the whole list, so names must be unique per type). */
export function checkCommands(commands: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!Array.isArray(commands)) {
    problems.push({ path: '', code: 'BASE_TYPE_ARRAY', message: 'Must be an array' });
    return problems;
  }
  const seen = new Set<string>();
  const perType = new Map<number, number>();
  commands.forEach((cmd: any, i: number) => {
    const at = `${i}`;
    const type = cmd?.type ?? 1;
    const chatInput = type === 1;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    checkName(problems, `${at}.name`, cmd?.name, chatInput);
    const key = `${type}:${cmd?.name}`;
    if (seen.has(key)) problems.push({ path: `${at}.name`, code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique: ${cmd?.name}` });
    seen.add(key);
    if (chatInput) {
      checkDescription(problems, `${at}.description`, cmd?.description);
      let text = textOf(cmd?.name) + textOf(cmd?.description);
      if (Array.isArray(cmd?.options)) text += checkOptions(problems, `${at}.options`, cmd.options, 0);
      if (text > LIMITS.commandTotalText) {
        problems.push({ path: `${at}`, code: 'APPLICATION_COMMAND_TOO_LARGE', message: `Command exceeds maximum size (${LIMITS.commandTotalText})` });
      }
    } else if (cmd?.description) {
      problems.push({ path: `${at}.description`, code: 'APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED', message: 'User and message commands cannot have a description' });
    }
  });
  for (const [type, count] of perType) {
    if (count > LIMITS.commandsPerType) {
      problems.push({ path: '', code: 'APPLICATION_COMMANDS_TOO_MANY', message: `Maximum number of application commands of type ${type} reached (${LIMITS.commandsPerType})` });
    }
  }
  return problems;
}

/**
 * Our own policy, not Discord's: nothing the bot sends may ping anyone it was not asked to, so every message with
 * text must carry allowed_mentions that parses nothing and lists no users — and at most ONE role: the role a
 * scheduled briefing was set up to ping (issue 11). What a message really pinged is recorded on it (mention_roles),
 * so tests check that it is exactly that role. discord.js omits allowed_mentions when a payload has no `content`
 * (embeds never ping), so embed-only bodies are not held to it. Returns the problem, or null when the body is fine.
 */
export function allowedMentionsProblem(body: any): string | null {
  if (!body || typeof body !== 'object') return null;
  if (typeof body.content !== 'string' || body.content.length === 0) return null;
  const am = body.allowed_mentions;
  if (am === undefined || am === null) return 'allowed_mentions is missing: Discord then parses every @mention in content';
  const parse = am.parse ?? [];
  if (!Array.isArray(parse) || parse.length > 0) return `allowed_mentions.parse must be empty, got ${JSON.stringify(am.parse)}`;
  if ((am.users ?? []).length > 0) return `allowed_mentions lists users: ${JSON.stringify(am)}`;
  if ((am.roles ?? []).length > 1) return `allowed_mentions lists ${(am.roles ?? []).length} roles; a briefing pings at most its one role: ${JSON.stringify(am)}`;
  if (am.replied_user === true) return 'allowed_mentions.replied_user is true';
  return null;
}

/** Turn problems into Discord's nested `errors` object: { embeds: { 0: { title: { _errors: [...] } } } }. */
export function toDiscordErrors(problems: RuleProblem[]): Record<string, any> {
  const root: Record<string, any> = {};
  for (const p of problems) {
    let node = root;
    for (const key of p.path.split('.').filter(Boolean)) node = node[key] ??= {};
    (node._errors ??= []).push({ code: p.code, message: p.message });
  }
  return root;
}
