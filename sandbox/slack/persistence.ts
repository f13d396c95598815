import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SlackData } from './model';
import type { SlackState } from './state';

/**
 * Keeps the state in a JSON file: loaded once at start, saved a moment after
 * changes stop (debounced) and on close. Writes go through a temporary file and
 * a rename so a crash never leaves half a file.
 */
export class JsonPersistence {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly state: SlackState,
    private readonly path: string,
    private readonly debounceMs: number,
  ) {}

  /** Loads a saved state if there is one; returns whether it did. */
  load(): boolean {
    if (!existsSync(this.path)) return false;
    this.state.data = JSON.parse(readFileSync(this.path, 'utf8')) as SlackData;
    return true;
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state.data));
    renameSync(temporary, this.path);
  }
}
