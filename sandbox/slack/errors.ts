/**
 * A Web API failure as Slack reports it: HTTP 200 with `{ ok: false, error }`,
 * sometimes with extra fields (`needed`, `provided`, `errors`, `response_metadata`).
 */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }

  body(): Record<string, unknown> {
    return { ok: false, error: this.error, ...this.extra };
  }
}

/** Slack's shape for argument problems: `invalid_arguments` plus `[ERROR] …` lines. */
export function invalidArguments(...messages: string[]): SlackApiError {
  return new SlackApiError('invalid_arguments', {
    response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
  });
}

/** A test or operator asked the emulator for something impossible (unknown message, no interactivity URL…). */
export class EmulatorError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
