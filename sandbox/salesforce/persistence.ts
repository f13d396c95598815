import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EmulatorState } from './state';

/** Saves the state as JSON a moment after changes stop (debounced), and loads it back on start. */
export class StatePersistence {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly debounceMs: number,
    private readonly getState: () => EmulatorState,
  ) {}

  load(): EmulatorState | undefined {
    if (!existsSync(this.path)) return undefined;
    const state = JSON.parse(readFileSync(this.path, 'utf8')) as EmulatorState;
    // Orgs saved before editions and Change Data Capture existed were Enterprise orgs with nothing selected.
    for (const org of Object.values(state.orgs)) {
      org.edition ??= 'Enterprise';
      org.changeEventMembers ??= [];
    }
    return state;
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  /** Write now; through a temporary file so a crash never leaves half a document. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.getState()));
    renameSync(temporary, this.path);
  }
}
