import type { Directory } from './directory';
import type { MessageStore } from './messages';
import type { ModalStore } from './modals';
import type { SlackState } from './state';
import type { TriggerRegistry } from './triggers';

/** The parts of the emulator that Web API methods, routes and handles share. */
export interface Services {
  state: SlackState;
  directory: Directory;
  messages: MessageStore;
  modals: ModalStore;
  triggers: TriggerRegistry;
  /** Where the emulator is reachable, for URLs it hands out (response_url, webhooks). */
  publicUrl(): string;
}
