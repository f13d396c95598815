import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EmulatorState } from './state';

export function loadState(path: string): EmulatorState | undefined {
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, 'utf8')) as EmulatorState;
  // Portals saved before tiers existed were full-featured.
  for (const portal of Object.values(state.portals)) portal.tier ??= 'enterprise';
  // Apps saved before the conditionally required scope class existed had none.
  for (const app of Object.values(state.apps)) app.conditionallyRequiredScopes ??= [];
  return state;
}

/** Saves the state to a JSON file a little after it changes, so bursts of writes cost one save. */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly state: EmulatorState,
    private readonly debounceMs: number,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  /** Write now if a save is pending (also used on close). */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    // Write then rename, so a crash mid-write never leaves a truncated file behind.
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, this.path);
  }
}
