/**
 * Structural Block Kit validation, with Slack's limits (from `@slack/types`
 * block-kit and the Block Kit reference). Errors read like Slack's:
 * `must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]`.
 */

import { randomBytes } from 'node:crypto';

type Json = Record<string, unknown>;

const MESSAGE_BLOCKS = ['actions', 'context', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video'];
const MODAL_BLOCKS = ['actions', 'context', 'divider', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'video'];

const SELECTS = ['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select'];
const MULTI_SELECTS = SELECTS.map((s) => `multi_${s}`);
const INPUTS = ['plain_text_input', 'email_text_input', 'url_text_input', 'number_input', 'rich_text_input', 'file_input'];
const PICKERS = ['datepicker', 'timepicker', 'datetimepicker', 'checkboxes', 'radio_buttons', 'overflow'];
const INTERACTIVE = ['button', 'workflow_button', ...SELECTS, ...MULTI_SELECTS, ...PICKERS, ...INPUTS];

/** Which elements each place accepts. */
const ELEMENTS_IN = {
  actions: ['button', 'workflow_button', ...SELECTS, ...MULTI_SELECTS, ...PICKERS, 'rich_text_input'],
  accessory: ['button', 'workflow_button', 'image', ...SELECTS, ...MULTI_SELECTS, ...PICKERS],
  input: [...SELECTS, ...MULTI_SELECTS, ...INPUTS, 'datepicker', 'timepicker', 'datetimepicker', 'checkboxes', 'radio_buttons'],
};

class Checker {
  readonly errors: string[] = [];

  fail(path: string, message: string): void {
    this.errors.push(`${message} [json-pointer:${path}]`);
  }

  object(value: unknown, path: string): value is Json {
    if (value && typeof value === 'object' && !Array.isArray(value)) return true;
    this.fail(path, 'must be an object');
    return false;
  }

  string(value: unknown, path: string, max: number, required = true, min = 1): value is string {
    if (value === undefined && !required) return false;
    if (typeof value !== 'string') {
      this.fail(path, value === undefined ? 'must provide a string' : 'must be a string');
      return false;
    }
    if (value.length < min) this.fail(path, `must be more than ${min - 1} characters`);
    if (value.length > max) this.fail(path, `must be less than ${max + 1} characters`);
    return true;
  }

  array(value: unknown, path: string, min: number, max: number): value is unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, 'must provide an array');
      return false;
    }
    if (value.length < min) this.fail(path, `must provide at least ${min} item${min === 1 ? '' : 's'}`);
    if (value.length > max) this.fail(path, `no more than ${max} items allowed`);
    return true;
  }

  oneOf(value: unknown, path: string, allowed: string[]): boolean {
    if (typeof value === 'string' && allowed.includes(value)) return true;
    this.fail(path, `must be one of ${allowed.join(', ')}`);
    return false;
  }

  /** A composition text object; `plainOnly` where Slack accepts only plain_text. */
  text(value: unknown, path: string, max: number, plainOnly = false): void {
    if (!this.object(value, path)) return;
    this.oneOf(value.type, `${path}/type`, plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn']);
    this.string(value.text, `${path}/text`, max);
  }

  optionalText(value: unknown, path: string, max: number, plainOnly = false): void {
    if (value !== undefined) this.text(value, path, max, plainOnly);
  }

  options(value: unknown, path: string, min: number, max: number): void {
    if (!this.array(value, path, min, max)) return;
    value.forEach((option, i) => {
      const at = `${path}/${i}`;
      if (!this.object(option, at)) return;
      this.text(option.text, `${at}/text`, 75);
      this.string(option.value, `${at}/value`, 150);
      this.optionalText(option.description, `${at}/description`, 75);
    });
  }

  confirm(value: unknown, path: string): void {
    if (value === undefined || !this.object(value, path)) return;
    this.text(value.title, `${path}/title`, 100, true);
    this.text(value.text, `${path}/text`, 300);
    this.text(value.confirm, `${path}/confirm`, 30, true);
    this.text(value.deny, `${path}/deny`, 30, true);
    if (value.style !== undefined) this.oneOf(value.style, `${path}/style`, ['primary', 'danger']);
  }

  element(value: unknown, path: string, allowed: string[], actionIds: Set<string>): void {
    if (!this.object(value, path)) return;
    if (!this.oneOf(value.type, `${path}/type`, allowed)) return;
    const type = value.type as string;
    if (type === 'image') {
      this.imageSource(value, path);
      return;
    }
    if (INTERACTIVE.includes(type) && this.string(value.action_id, `${path}/action_id`, 255)) {
      if (actionIds.has(value.action_id as string)) this.fail(`${path}/action_id`, 'duplicate action_id');
      actionIds.add(value.action_id as string);
    }
    this.confirm(value.confirm, `${path}/confirm`);
    this.optionalText(value.placeholder, `${path}/placeholder`, 150, true);
    if (type === 'button') {
      this.text(value.text, `${path}/text`, 75, true);
      this.string(value.value, `${path}/value`, 2000, false);
      this.string(value.url, `${path}/url`, 3000, false);
      if (value.style !== undefined) this.oneOf(value.style, `${path}/style`, ['primary', 'danger']);
    } else if (type === 'static_select' || type === 'multi_static_select') {
      if (value.option_groups === undefined) this.options(value.options, `${path}/options`, 1, 100);
    } else if (type === 'overflow') {
      this.options(value.options, `${path}/options`, 1, 5);
    } else if (type === 'checkboxes' || type === 'radio_buttons') {
      this.options(value.options, `${path}/options`, 1, 10);
    } else if (type === 'plain_text_input') {
      if (value.max_length !== undefined && (typeof value.max_length !== 'number' || value.max_length > 3000)) {
        this.fail(`${path}/max_length`, 'must be a number no more than 3000');
      }
    }
  }

  imageSource(value: Json, path: string): void {
    if (value.slack_file === undefined) this.string(value.image_url, `${path}/image_url`, 3000);
    this.string(value.alt_text, `${path}/alt_text`, 2000);
  }

  block(value: unknown, path: string, allowedTypes: string[], blockIds: Set<string>): void {
    if (!this.object(value, path)) return;
    if (!this.oneOf(value.type, `${path}/type`, allowedTypes)) return;
    if (value.block_id !== undefined && this.string(value.block_id, `${path}/block_id`, 255)) {
      if (blockIds.has(value.block_id as string)) this.fail(`${path}/block_id`, 'duplicate block_id');
      blockIds.add(value.block_id as string);
    }
    const actionIds = new Set<string>();
    switch (value.type) {
      case 'section':
        if (value.text === undefined && value.fields === undefined) this.fail(path, 'must provide text or fields');
        this.optionalText(value.text, `${path}/text`, 3000);
        if (value.fields !== undefined && this.array(value.fields, `${path}/fields`, 1, 10)) {
          value.fields.forEach((f, i) => this.text(f, `${path}/fields/${i}`, 2000));
        }
        if (value.accessory !== undefined) this.element(value.accessory, `${path}/accessory`, ELEMENTS_IN.accessory, actionIds);
        break;
      case 'header':
        this.text(value.text, `${path}/text`, 150, true);
        break;
      case 'actions':
        if (this.array(value.elements, `${path}/elements`, 1, 25)) {
          value.elements.forEach((e, i) => this.element(e, `${path}/elements/${i}`, ELEMENTS_IN.actions, actionIds));
        }
        break;
      case 'context':
        if (this.array(value.elements, `${path}/elements`, 1, 10)) {
          value.elements.forEach((e, i) => {
            const at = `${path}/elements/${i}`;
            if (this.object(e, at) && e.type === 'image') this.imageSource(e, at);
            else this.text(e, at, 3000);
          });
        }
        break;
      case 'image':
        this.imageSource(value, path);
        this.optionalText(value.title, `${path}/title`, 2000, true);
        break;
      case 'input':
        this.text(value.label, `${path}/label`, 2000, true);
        this.optionalText(value.hint, `${path}/hint`, 2000, true);
        this.element(value.element, `${path}/element`, ELEMENTS_IN.input, actionIds);
        break;
      case 'markdown':
        this.string(value.text, `${path}/text`, 12000);
        break;
      case 'rich_text':
        this.array(value.elements, `${path}/elements`, 0, Infinity);
        break;
      default:
        break; // divider, file and video carry nothing we check
    }
  }

  blocks(value: unknown, path: string, allowedTypes: string[], max: number): void {
    if (!this.array(value, path, 0, max)) return;
    const blockIds = new Set<string>();
    value.forEach((b, i) => this.block(b, `${path}/${i}`, allowedTypes, blockIds));
  }
}

/** Errors in a message's `blocks` (≤ 50 blocks), empty when valid. */
export function validateMessageBlocks(blocks: unknown): string[] {
  const checker = new Checker();
  checker.blocks(blocks, '/blocks', MESSAGE_BLOCKS, 50);
  return checker.errors;
}

/** Errors in a view object for views.open / views.update, empty when valid. */
export function validateView(view: unknown): string[] {
  const checker = new Checker();
  if (!checker.object(view, '/view')) return checker.errors;
  if (!checker.oneOf(view.type, '/view/type', ['modal', 'home'])) return checker.errors;
  if (view.type === 'modal') {
    checker.text(view.title, '/view/title', 24, true);
    checker.optionalText(view.submit, '/view/submit', 24, true);
    checker.optionalText(view.close, '/view/close', 24, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => (b as Json)?.type === 'input');
    if (hasInput && view.submit === undefined) checker.fail('/view/submit', 'must provide submit when blocks contain input');
  }
  checker.blocks(view.blocks, '/view/blocks', MODAL_BLOCKS, 100);
  checker.string(view.private_metadata, '/view/private_metadata', 3000, false, 0);
  checker.string(view.callback_id, '/view/callback_id', 255, false);
  checker.string(view.external_id, '/view/external_id', 255, false);
  return checker.errors;
}

/** Slack gives every block without a block_id a short random one, and echoes it back in payloads. */
export function withBlockIds(blocks: unknown[]): unknown[] {
  return blocks.map((block) => {
    const b = block as Record<string, unknown>;
    return b.block_id === undefined ? { ...b, block_id: randomBytes(3).toString('base64url') } : b;
  });
}
