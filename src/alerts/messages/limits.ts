/**
 * Slack's Block Kit limits for the blocks Trellis draws (Block Kit reference, `@slack/types`).
 * Slack refuses a whole message (`invalid_blocks`) that breaks any one of them, so the alert
 * would never appear: every text is fitted to its limit where the block is built.
 */
export const SLACK_LIMITS = {
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
} as const;

const ELLIPSIS = '…';

/** Cuts before `end`, never between the two halves of a surrogate pair (an emoji). */
function cutAt(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/** Plain text within `max` characters, ending in an ellipsis when shortened. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${cutAt(text, max - ELLIPSIS.length)}${ELLIPSIS}`;
}

/**
 * mrkdwn within `max` characters, ending in an ellipsis when shortened: at a line break when one
 * falls in the second half (a list loses whole items), and never inside an escape (`&amp;`) or a
 * link (`<url|label>`), which Slack would show broken.
 */
export function fitMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = cutAt(text, max - ELLIPSIS.length);
  const lineEnd = cut.lastIndexOf('\n');
  if (lineEnd >= max / 2) cut = cut.slice(0, lineEnd + 1);
  const link = cut.lastIndexOf('<');
  if (link > cut.lastIndexOf('>')) cut = cut.slice(0, link);
  // An `&` after the last link is always the start of an escape (`esc` escapes every other one).
  const escape = cut.lastIndexOf('&');
  if (escape > Math.max(cut.lastIndexOf(';'), cut.lastIndexOf('>'))) cut = cut.slice(0, escape);
  return `${cut}${ELLIPSIS}`;
}
