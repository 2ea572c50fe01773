/**
 * Discord's message limits, in one place. Every renderer and the splitter take their numbers from here.
 * Source: https://discord.com/developers/docs/resources/message (embed limits, content) and
 * https://discord.com/developers/docs/interactions (autocomplete, components). The sandbox enforces the same numbers.
 */
export const LIMITS = {
  /** Message `content`. */
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name over ALL embeds of a message. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  autocompleteChoiceName: 100,
  autocompleteChoiceValue: 100,
} as const;

/** Interaction acknowledgement deadline. We defer anything that might come close to it. */
export const ACK_DEADLINE_MS = 3000;
