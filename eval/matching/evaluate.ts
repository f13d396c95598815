/**
 * Scores the customer matcher on the labelled pairs in pairs.csv: each pair is two customers as
 * partners type them (name, optional domain or e-mail address), labelled the same company or not,
 * and as a variant (true) or a trap (a look-alike, a shared free-mail or hosting domain).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchCustomer, type CustomerMatch } from '../../src/domain/conflicts';
import { customerKey } from '../../src/domain/customer';
import { TenantSettings } from '../../src/domain/settings';

export interface LabelledPair {
  a: string;
  b: string;
  domainA: string;
  domainB: string;
  same: boolean;
  kind: 'variant' | 'trap';
  note: string;
}

/** RFC 4180 fields: quoted when they hold a comma, doubled quotes inside. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') field += line[++i];
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) fields.push(field), (field = '');
    else field += ch;
  }
  fields.push(field);
  return fields;
}

export function readPairs(path = join(__dirname, 'pairs.csv')): LabelledPair[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
  if (header !== 'a,b,domainA,domainB,same,kind,note') throw new Error(`unexpected header in ${path}: ${header}`);
  return lines.map((line, i) => {
    const [a, b, domainA, domainB, same, kind, note] = parseCsvLine(line);
    if ((same !== 'true' && same !== 'false') || (kind !== 'variant' && kind !== 'trap')) throw new Error(`bad row ${i + 2}: ${line}`);
    return { a: a!, b: b!, domainA: domainA!, domainB: domainB!, same: same === 'true', kind, note: note ?? '' };
  });
}

export interface Scores {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  overall: Scores;
  traps: { pairs: number; flagged: number; precision: number };
  errors: { pair: LabelledPair; match: CustomerMatch | null }[];
}

function scores(results: readonly { pair: LabelledPair; match: CustomerMatch | null }[]): Scores {
  const tp = results.filter((r) => r.pair.same && r.match).length;
  const fp = results.filter((r) => !r.pair.same && r.match).length;
  const fn = results.filter((r) => r.pair.same && !r.match).length;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { pairs: results.length, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) };
}

/** Matches every pair with a new tenant's default settings. */
export function evaluate(pairs: readonly LabelledPair[], settings = TenantSettings.parse({})): Evaluation {
  const results = pairs.map((pair) => ({
    pair,
    match: matchCustomer(customerKey({ name: pair.a, domain: pair.domainA || null }), customerKey({ name: pair.b, domain: pair.domainB || null }), settings),
  }));
  const traps = results.filter((r) => r.pair.kind === 'trap');
  const flagged = traps.filter((r) => r.match).length;
  return {
    overall: scores(results),
    // Every trap is a different company, so precision on traps is the share of them left unflagged.
    traps: { pairs: traps.length, flagged, precision: traps.length === 0 ? 1 : 1 - flagged / traps.length },
    errors: results.filter((r) => r.pair.same !== (r.match !== null)),
  };
}
