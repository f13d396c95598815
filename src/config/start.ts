import { ConfigError, loadConfig, type Config } from '.';

type Env = Record<string, string | undefined>;

/** What production cannot run without, and why, for the message that names what is missing. */
const PRODUCTION_SETTINGS: Array<[name: string, why: string]> = [
  ['DATABASE_URL', 'the PostgreSQL that holds every tenant (the embedded server is for the sandbox)'],
  ['PUBLIC_URL', 'the https URL HubSpot, Salesforce and Slack call back'],
  ['TRELLIS_ENCRYPTION_KEYS', 'encrypts the CRM and Slack tokens at rest'],
  ['TRELLIS_SIGNING_SECRET', 'signs OAuth state and form tokens'],
  ['TRELLIS_ADMIN_TOKEN', 'the operator token that creates tenants'],
];

const given = (env: Env, name: string) => Boolean(env[name]);

/**
 * The settings a production start lacks. Client ids default to the sandbox's apps, so an app is
 * configured only with both its id and secret; at least one CRM app is needed, Slack is optional
 * but then whole.
 */
export function missingProductionSettings(env: Env): string[] {
  const missing = PRODUCTION_SETTINGS.filter(([name]) => !given(env, name)).map(([name, why]) => `${name}: ${why}`);
  const app = (names: string[]) => ({ any: names.some((n) => given(env, n)), absent: names.filter((n) => !given(env, n)) });
  const hubspot = app(['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET']);
  const salesforce = app(['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET']);
  const slack = app(['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_SIGNING_SECRET']);
  if (!hubspot.any && !salesforce.any) {
    missing.push('HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET, or SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET: the CRM app Trellis is installed as');
  }
  for (const [crm, settings] of [['HubSpot', hubspot], ['Salesforce', salesforce], ['Slack', slack]] as const) {
    if (settings.any) missing.push(...settings.absent.map((name) => `${name}: the ${crm} app is configured only in part`));
  }
  return missing;
}

/**
 * The configuration a start of the server runs with. The sandbox is its own entry point
 * (`npm start`, which passes `--sandbox`); the production start (`npm run serve`) is never a
 * sandbox and refuses to start without what it needs, naming every missing setting at once.
 */
export function loadStartConfig(args: readonly string[], env: Env = process.env): Config {
  const sandboxArgument = args.includes('--sandbox');
  if (sandboxArgument && (env.TRELLIS_SANDBOX === 'false' || env.TRELLIS_SANDBOX === '0')) {
    throw new ConfigError('npm start runs the sandbox, but TRELLIS_SANDBOX=false asks for production: start production with npm run serve.');
  }
  const config = loadConfig(sandboxArgument ? { ...env, TRELLIS_SANDBOX: 'true' } : env);
  if (config.sandbox && !sandboxArgument) {
    throw new ConfigError('TRELLIS_SANDBOX=true asks for the sandbox, which is npm start; npm run serve is the production start and never loads the sandbox.');
  }
  if (config.sandbox) return config;
  const missing = missingProductionSettings(env);
  if (missing.length > 0) {
    throw new ConfigError(
      `Trellis is starting for real accounts (the sandbox is npm start, or TRELLIS_SANDBOX=true) and needs these settings:\n${missing.map((m) => `  ${m}`).join('\n')}`,
    );
  }
  return config;
}
