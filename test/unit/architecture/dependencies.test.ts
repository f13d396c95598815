import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Dependencies point one way: the edges (HTTP in src/api, webhooks/, Slack in src/alerts/slack)
 * call use cases, which call the domain and the ports. A layer is a folder; what it may not import
 * is named by folder (relative to the repository) or by package.
 */
type Rule = { layer: string; why: string } & ({ only: string[] } | { never: string[] });

const RULES: Rule[] = [
  { layer: 'src/domain', only: ['src/domain', 'zod', 'tldts', 'disposable-email-domains-js', 'email-providers'], why: 'the domain is pure: it imports only itself and pure libraries' },
  { layer: 'src/usecases', never: ['src/api', 'webhooks', 'src/alerts/slack', 'src/preview', 'express', '@slack/bolt'], why: 'use cases are called by the edges, never the other way round' },
  { layer: 'src/store', never: ['src/api', 'webhooks', 'src/usecases', 'src/sync', 'src/jobs', 'src/alerts', 'src/config'], why: 'the store is beneath every use of it' },
  { layer: 'src/config', never: ['src/store', 'src/api', 'webhooks', 'src/usecases', 'src/jobs', 'src/alerts', 'src/install'], why: 'every layer reads the configuration, which must not pull the store, the HTTP app or the workers in with it' },
  { layer: 'src/jobs', never: ['src/api', 'webhooks', 'src/alerts/slack', 'express'], why: 'background work runs without the HTTP app' },
  { layer: 'src/sync/port.ts', only: ['src/domain'], why: 'the CRM port is what the engine and the adapters share: it names domain types only' },
  { layer: 'src/sync', never: ['src/api', 'webhooks', 'src/alerts/slack', 'express'], why: 'the sync exposes use cases; the edges receive the CRMs’ requests' },
  { layer: 'src/alerts', never: ['src/api', 'webhooks'], why: 'alerts link to pages by the domain’s paths, not through the HTTP app' },
];

const ROOT = resolve(__dirname, '../../..');
const SCANNED = ['src', 'webhooks'];

/** What an import names: a repository path without extension (`src/store/db`), or a package (`express`, `@slack/bolt`, `node:fs`). */
function targetOf(file: string, specifier: string): string {
  if (specifier.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.(js|ts|tsx)$/, '');
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const within = (target: string, place: string) => target === place || target.startsWith(`${place}/`);

/** The rule broken by each import of one file, as `file imports 'specifier': why`. */
function violationsOf(file: string, source: string): string[] {
  const imports = ts.preProcessFile(source, true, true).importedFiles.map((i) => i.fileName);
  return RULES.filter((rule) => within(file, rule.layer)).flatMap((rule) =>
    imports
      .filter((specifier) => {
        const target = targetOf(file, specifier);
        return 'only' in rule ? !rule.only.some((place) => within(target, place)) : rule.never.some((place) => within(target, place));
      })
      .map((specifier) => `${file} imports '${specifier}': ${rule.why}`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('dependencies between layers', () => {
  const files = SCANNED.flatMap(sourceFiles);

  it('point one way: no file imports what its layer may not', () => {
    expect(files.flatMap((file) => violationsOf(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it.each(RULES.map((rule) => [rule.layer]))('cover files in %s, so no rule is vacuous', (layer) => {
    expect(files.filter((file) => within(file, layer)).length).toBeGreaterThan(0);
  });

  it.each([
    ['src/domain/x.ts', "import { Router } from 'express';"],
    ['src/domain/x.ts', "import type { Db } from '../store/db';"],
    ['src/usecases/x.ts', "import { hubspotWebhookRouter } from '../../webhooks/hubspot';"],
    ['src/usecases/x.ts', "import type { Metrics } from '../api/metrics';"],
    ['src/store/x.ts', "export { decideDealRegistration } from '../usecases/decideDealRegistration';"],
    ['src/config/x.ts', "import { parseKeyring } from '../store/secrets';"],
    ['src/jobs/x.ts', "const api = await import('../api/app');"],
    ['src/sync/engine/x.ts', "import type { Request } from 'express';"],
    ['src/sync/port.ts', "import type { CrmConnection } from '../store/connections';"],
  ])('are refused when %s has %s', (file, source) => {
    expect(violationsOf(file, source)).toEqual([expect.stringContaining(`${file} imports '`)]);
  });

  it.each([
    ['src/domain/x.ts', "import { z } from 'zod'; import { ok } from './result';"],
    ['src/usecases/x.ts', "import { getPartner } from '../store/partners'; import { routeReferral } from '../domain/routing';"],
    ['src/api/x.ts', "import express from 'express'; import { submitDealRegistration } from '../usecases/submitDealRegistration';"],
  ])('are allowed when %s has %s', (file, source) => {
    expect(violationsOf(file, source)).toEqual([]);
  });
});
