import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIComponentInMessageActionRow, APIStringSelectComponent } from 'discord.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export function button(
  customId: string,
  label: string,
  options: { style?: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success; disabled?: boolean } = {},
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: truncate(label, LIMITS.buttonLabel),
    style: options.style ?? ButtonStyle.Secondary,
    disabled: options.disabled ?? false,
  };
}

export function row(...components: APIComponentInMessageActionRow[]): ActionRow {
  return { type: ComponentType.ActionRow, components: components.slice(0, LIMITS.buttonsPerRow) };
}

export function selectMenu(
  customId: string,
  placeholder: string,
  options: { label: string; value: string; description?: string }[],
): APIStringSelectComponent {
  return {
    type: ComponentType.StringSelect,
    custom_id: customId,
    placeholder: truncate(placeholder, LIMITS.selectPlaceholder),
    min_values: 1,
    max_values: 1,
    options: options.slice(0, LIMITS.selectOptions).map((o) => ({
      label: truncate(o.label, LIMITS.selectOptionLabel),
      value: o.value,
      ...(o.description ? { description: truncate(o.description, LIMITS.selectOptionDescription) } : {}),
    })),
  };
}
