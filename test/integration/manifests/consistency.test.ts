import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_REQUIRED_SCOPES, HUBSPOT_SIGN_IN_SCOPES } from '../../../src/install/hubspot';
import { SALESFORCE_SCOPES, SALESFORCE_SIGN_IN_SCOPES } from '../../../src/install/salesforce';
import { SLACK_BOT_SCOPES } from '../../../src/install/slack';
import { DEFAULT_MAPPING, REGISTRATION_LINKS } from '../../../src/sync/mapping/defaults';
import { PACKAGE_NAMESPACE } from '../../../src/sync/salesforce/apiNames';
import { startCardApp, type CardTestApp } from '../../support/cards';

const ROOT = join(__dirname, '..', '..', '..');
const HUBSPOT = join(ROOT, 'app-manifest', 'hubspot');
const SFDX = join(ROOT, 'app-manifest', 'salesforce', 'force-app', 'main', 'default');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const xml = (path: string) => new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['object', 'target', 'targetConfig'].includes(name) }).parse(readFileSync(path, 'utf8'));
const sorted = (list: Iterable<string>) => [...new Set(list)].sort();
const sourceOf = (dir: string, ext: RegExp) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');

describe('app manifests against the code', () => {
  let app: CardTestApp;
  beforeAll(async () => {
    app = await startCardApp('postgres');
  });
  afterAll(() => app.close());

  it("HubSpot's own parser reads the project: the app, its webhooks and the three cards", async () => {
    const { translate } = await import('@hubspot/project-parsing-lib/translate');
    const project = json(join(HUBSPOT, 'hsproject.json'));
    const { intermediateRepresentation } = await translate({ projectSourceDir: join(HUBSPOT, project.srcDir), platformVersion: project.platformVersion }, { skipValidation: true });
    const nodes = Object.values(intermediateRepresentation.intermediateNodesIndexedByUid) as { componentType: string; uid: string }[];
    expect(nodes.map((n) => `${n.componentType}:${n.uid}`).sort()).toEqual([
      'APPLICATION:trellis_app',
      'CARD:trellis_co_sell_card',
      'CARD:trellis_deal_registration_card',
      'CARD:trellis_partner_health_card',
      'WEBHOOKS:trellis_webhooks',
    ]);
  });

  it('places every HubSpot card on standard objects only, so the cards work in portals without custom objects', () => {
    const cards = readdirSync(join(HUBSPOT, 'src/app/cards')).filter((f) => f.endsWith('-hsmeta.json'));
    expect(cards).toHaveLength(3);
    for (const card of cards) {
      const objectTypes: string[] = json(join(HUBSPOT, 'src/app/cards', card)).config.objectTypes;
      expect(objectTypes.filter((t) => !['deals', 'companies', 'contacts'].includes(t))).toEqual([]);
    }
    // The registration card reads Trellis's store, never the CRM's registration records.
    expect(sourceOf(join(ROOT, 'extensions/hubspot/src'), /\.tsx?$/)).not.toContain(DEFAULT_MAPPING.registration.hubspot.object);
  });

  it('declares exactly the scopes the install flows ask for, on every platform', () => {
    const auth = json(join(HUBSPOT, 'src/app/app-hsmeta.json')).config.auth;
    // Signing in asks the required scopes alone; an install asks the conditionally required ones too.
    expect(sorted(auth.requiredScopes)).toEqual(sorted(HUBSPOT_SIGN_IN_SCOPES));
    expect(sorted([...auth.requiredScopes, ...auth.conditionallyRequiredScopes])).toEqual(sorted(HUBSPOT_REQUIRED_SCOPES));
    expect(sorted(auth.optionalScopes)).toEqual(sorted(HUBSPOT_OPTIONAL_SCOPES));
    const slack = json(join(ROOT, 'app-manifest/slack/manifest.json'));
    expect(sorted(slack.oauth_config.scopes.bot)).toEqual(sorted(SLACK_BOT_SCOPES));
    const eca = xml(join(SFDX, 'extlClntAppOauthSettings/Trellis_oauth.ecaOauth-meta.xml')).ExtlClntAppOauthSettings;
    expect(sorted(String(eca.commaSeparatedOauthScopes).split(',').map((s) => s.trim()))).toEqual(sorted([...SALESFORCE_SCOPES, ...SALESFORCE_SIGN_IN_SCOPES]));
  });

  it('subscribes to every company change the sync engine reads partners from, at the webhook route it serves', () => {
    const webhooks = json(join(HUBSPOT, 'src/app/webhooks/webhooks-hsmeta.json')).config;
    expect(new URL(webhooks.settings.targetUrl).pathname).toBe('/webhooks/hubspot');
    const subscribed = webhooks.subscriptions.crmObjects.filter((s: { objectType: string; active: boolean }) => s.objectType === 'company' && s.active);
    const properties = subscribed.filter((s: { subscriptionType: string }) => s.subscriptionType === 'object.propertyChange').map((s: { propertyName: string }) => s.propertyName);
    expect(DEFAULT_MAPPING.partner.hubspot.object).toBe('companies');
    expect(sorted(properties)).toEqual(sorted(DEFAULT_MAPPING.partner.hubspot.fields.map((f) => f.crmField)));
    const lifecycle = subscribed.map((s: { subscriptionType: string }) => s.subscriptionType);
    for (const type of ['object.creation', 'object.deletion', 'object.merge']) expect(lifecycle).toContain(type);
  });

  it('every card endpoint the HubSpot cards and the Salesforce Apex call is served (and refuses unsigned calls)', async () => {
    const cards = sourceOf(join(ROOT, 'extensions/hubspot/src'), /\.tsx?$/);
    const apex = sourceOf(join(SFDX, 'classes'), /\.cls$/);
    const paths = (source: string, pattern: RegExp) =>
      sorted([...source.matchAll(pattern)].map((m) => m[1]!.split(/\$\{query|\?/)[0]!.replace(/\$\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000').replace(/' \+ q\(registrationId\) \+ '/g, '00000000-0000-4000-8000-000000000000')));
    const hubspotPaths = paths(cards, /[`'](\/(?:[a-z][a-z-]*)(?:\/[^`'\s]*)?)[`']?/g).filter((p) => !p.startsWith('/app/'));
    const salesforcePaths = paths(apex, /send\('(?:GET|POST)', '(\/[^']*(?:' \+ q\(registrationId\) \+ '[^']*)?)'/g);
    expect(hubspotPaths).toEqual(['/co-sell', '/partner-health', '/partners', '/registrations', '/registrations/00000000-0000-4000-8000-000000000000/approve', '/registrations/00000000-0000-4000-8000-000000000000/details-answer', '/registrations/00000000-0000-4000-8000-000000000000/reject', '/registrations/check']);
    expect(salesforcePaths).toEqual(hubspotPaths);
    for (const [crm, list] of [['hubspot', hubspotPaths], ['salesforce', salesforcePaths]] as const) {
      for (const path of list) {
        const statuses = await Promise.all(['GET', 'POST'].map(async (method) => (await fetch(`${app.url}/api/cards/${crm}${path}`, { method })).status));
        expect([crm, path, statuses.includes(401)]).toEqual([crm, path, true]);
      }
    }
  });

  it('lets the cards fetch the card API and the Named Credential point at it', () => {
    const api = /TRELLIS_CARD_API = '([^']+)'/.exec(readFileSync(join(ROOT, 'extensions/hubspot/src/trellis.ts'), 'utf8'))![1]!;
    const permitted: string[] = json(join(HUBSPOT, 'src/app/app-hsmeta.json')).config.permittedUrls.fetch;
    expect(permitted).toContain(new URL(api).origin);
    expect(new URL(api).pathname).toBe('/api/cards/hubspot');
    const nc = xml(join(SFDX, 'namedCredentials/Trellis_Cards.namedCredential-meta.xml')).NamedCredential;
    const url = nc.namedCredentialParameters.find((p: { parameterType: string }) => p.parameterType === 'Url').parameterValue;
    expect(url).toBe(`${new URL(api).origin}/api/cards/salesforce`);
    for (const card of readdirSync(join(HUBSPOT, 'src/app/cards')).filter((f) => f.endsWith('-hsmeta.json'))) {
      const entry = join(HUBSPOT, 'src', json(join(HUBSPOT, 'src/app/cards', card)).config.entrypoint);
      const component = /from '([^']+extensions\/hubspot\/src\/[^']+)\.js'/.exec(readFileSync(entry, 'utf8'))![1]!;
      expect([card, existsSync(join(entry, '..', `${component}.tsx`))]).toEqual([card, true]);
    }
  });

  it('ships every Salesforce field the sync mapping writes, and lets the permission set read them', () => {
    const fieldFile = (object: string, field: string) => join(SFDX, 'objects', object, 'fields', `${field}.field-meta.xml`);
    // The mapping names the package's components as a subscriber org knows them; the source keeps the bare names.
    const prefix = `${PACKAGE_NAMESPACE}__`;
    const bare = (name: string) => {
      if (!name.endsWith('__c')) return name;
      expect([name, name.startsWith(prefix)]).toEqual([name, true]);
      return name.slice(prefix.length);
    };
    const custom = (object: string, fields: string[]) => fields.filter((f) => f.endsWith('__c')).map((f) => [bare(object), bare(f)] as const);
    const { partner, registration } = DEFAULT_MAPPING;
    const required = [
      ...custom(partner.salesforce.object, [partner.salesforce.idField, ...partner.salesforce.fields.map((f) => f.crmField)]),
      ...custom(registration.salesforce.object, [registration.salesforce.idField, ...registration.salesforce.fields.map((f) => f.crmField), ...Object.values(REGISTRATION_LINKS.salesforce)]),
    ];
    const registrationObject = bare(registration.salesforce.object);
    expect(existsSync(join(SFDX, 'objects', registrationObject, `${registrationObject}.object-meta.xml`))).toBe(true);
    const missing = required.filter(([object, field]) => !existsSync(fieldFile(object, field)));
    expect(missing).toEqual([]);
    const readable = new Set(
      xml(join(SFDX, 'permissionsets/Trellis_User.permissionset-meta.xml')).PermissionSet.fieldPermissions.filter((p: { readable: string }) => p.readable === 'true').map((p: { field: string }) => p.field),
    );
    expect(required.filter(([object, field]) => !readable.has(`${object}.${field}`) && !field.endsWith('Id__c'))).toEqual([]);
  });

  it('ships the Salesforce package under the namespace Trellis addresses it by, with bare names in its source', () => {
    expect(PACKAGE_NAMESPACE).not.toBe('');
    expect(json(join(ROOT, 'app-manifest/salesforce/sfdx-project.json')).namespace).toBe(PACKAGE_NAMESPACE);
    // The components' own project deploys into the same namespace, where their bare Apex imports resolve.
    expect(json(join(ROOT, 'sfdx-project.json')).namespace).toBe(PACKAGE_NAMESPACE);
    // Salesforce source never spells its own prefix: inside the package, bare names resolve to it [sf-ns].
    const source = sourceOf(join(ROOT, 'app-manifest/salesforce/force-app'), /\.(xml|cls|js|html)$/) + sourceOf(join(ROOT, 'extensions/salesforce'), /\.(xml|js|html)$/);
    expect(source).not.toContain(`${PACKAGE_NAMESPACE}__`);
    expect(readdirSync(join(SFDX, 'objects')).filter((name) => name.includes('__') && !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name))).toEqual([]);
  });

  it('keeps the Apex deployable without state and country picklists: no static *CountryCode or *StateCode reference', () => {
    // The fields exist only where the picklists are on [sf-scp]; a static reference fails to compile elsewhere. Names in strings are read dynamically.
    const code = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:\\.|[^'\\])*'/g, "''");
    for (const file of readdirSync(join(SFDX, 'classes')).filter((f) => f.endsWith('.cls'))) {
      const statics = code(readFileSync(join(SFDX, 'classes', file), 'utf8')).match(/\b\w*(?:Country|State)Code\b/g) ?? [];
      expect([file, statics]).toEqual([file, []]);
    }
    expect(readFileSync(join(SFDX, 'classes/TrellisCards.cls'), 'utf8')).toContain("containsKey('BillingCountryCode')");
  });

  it('exposes the three components on Opportunity and Account record pages at API 62.0', () => {
    const lwc = join(SFDX, 'lwc');
    const placements = Object.fromEntries(
      ['trellisDealRegistration', 'trellisCoSell', 'trellisPartnerHealth'].map((name) => {
        const bundle = xml(join(lwc, name, `${name}.js-meta.xml`)).LightningComponentBundle;
        expect([name, bundle.apiVersion, bundle.isExposed, bundle.targets.target]).toEqual([name, '62.0', 'true', ['lightning__RecordPage']]);
        return [name, bundle.targetConfigs.targetConfig[0].objects.object];
      }),
    );
    expect(placements).toEqual({ trellisDealRegistration: ['Opportunity', 'Account'], trellisCoSell: ['Opportunity'], trellisPartnerHealth: ['Account'] });
  });
});
