import { listen } from '../shared/http';
import { SlackEmulator, type SlackEmulatorOptions } from './emulator';

export { SlackEmulator, type SlackEmulatorOptions } from './emulator';
export type { ClickInput, ClickResult, SubmitResult, SubmitViewInput } from './interactions';
export type { Channel, Installation, ModalView, RecordedMessage, RegisteredApp, User, Workspace } from './model';
export type { RateLimitInput } from './rateLimits';
export { slackSignature, signedHeaders } from './signing';
export { DEFAULT_BOT_SCOPES } from './directory';

/** The emulator as an Express app, not listening; mount it or listen yourself. */
export function createSlackEmulator(options: SlackEmulatorOptions = {}): SlackEmulator {
  return new SlackEmulator(options);
}

/** The emulator methods a running instance exposes directly. */
const HANDLES = [
  'registerApp',
  'updateApp',
  'createWorkspace',
  'addUser',
  'addChannel',
  'joinChannel',
  'install',
  'installation',
  'uninstall',
  'messages',
  'views',
  'click',
  'submitView',
  'closeView',
  'sendEvent',
  'eventDeliveries',
  'eventsIdle',
  'configureFaults',
  'configureRateLimits',
  'reset',
] as const;

export type RunningSlackEmulator = Pick<SlackEmulator, (typeof HANDLES)[number]> & {
  emulator: SlackEmulator;
  url: string;
  /** For `new WebClient(token, { slackApiUrl: apiUrl })`. */
  apiUrl: string;
  close(): Promise<void>;
};

/** Starts the emulator on 127.0.0.1 (port 0 picks a free one). */
export async function startSlackEmulator(options: SlackEmulatorOptions & { port?: number } = {}): Promise<RunningSlackEmulator> {
  const { port, ...rest } = options;
  const emulator = createSlackEmulator(rest);
  const server = await listen(emulator.app, port);
  if (!rest.publicUrl) emulator.setPublicUrl(server.url);
  const handles = Object.fromEntries(HANDLES.map((key) => [key, emulator[key].bind(emulator)])) as Pick<SlackEmulator, (typeof HANDLES)[number]>;
  return {
    ...handles,
    emulator,
    url: server.url,
    apiUrl: `${server.url}/api/`,
    close: async () => {
      emulator.close();
      await server.close();
    },
  };
}
