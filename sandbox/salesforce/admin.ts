import { Router } from 'express';
import { z } from 'zod';
import { FaultSettings } from '../shared/faults';
import type { EmulatorContext } from './context';
import { describeObject } from './describe';
import { notFound, SalesforceError } from './errors';
import { registerApp } from './oauth/apps';
import { adminUserId, createOrg } from './orgs';
import type { OutboundMessenger } from './outbound/messenger';
import { OutboundMessageInput, type OutboundMessageDefinition } from './outbound/definition';
import { instanceHost, kindLoginHost, myDomainHost } from './hosts';
import { KEY_PREFIX, makeId } from './ids';
import { deleteRecord, insertRecord, mergeRecord, updateRecord, type RecordInput } from './records/dml';
import { toApiRecord } from './records/serialize';
import type { Transaction } from './records/transaction';
import { findField, findObject } from './schema/catalog';
import { defineObject, ObjectDefinitionInput } from './schema/customObjects';
import type { ObjectDefinition } from './schema/types';
import type { Org } from './state';

const RecordBody = z.record(z.string(), z.unknown());
const OrgChanges = z.object({ name: z.string().min(1).optional(), dailyApiLimit: z.number().int().min(1).optional() }).strict();

/** Changes made as the org's administrator would in the Salesforce UI; they fire outbound messages like API writes. */
export class OrgAdministration {
  constructor(private readonly ctx: EmulatorContext) {}

  org(orgId: string): Org {
    const org = this.ctx.state.orgs[orgId];
    if (!org) throw notFound(`No organization with id ${orgId}`);
    return org;
  }

  createRecord(orgId: string, type: string, fields: RecordInput): string {
    return this.write(orgId, type, (tx, object) => insertRecord(tx, object, fields));
  }

  updateRecord(orgId: string, type: string, id: string, fields: RecordInput): void {
    this.write(orgId, type, (tx, object) => updateRecord(tx, object, id, fields));
  }

  deleteRecord(orgId: string, type: string, id: string): void {
    this.write(orgId, type, (tx, object) => deleteRecord(tx, object, id));
  }

  mergeRecords(orgId: string, type: string, masterId: string, mergedIds: string[]): void {
    this.write(orgId, type, (tx, object) => {
      for (const mergedId of mergedIds) mergeRecord(tx, object, masterId, mergedId);
    });
  }

  /** Setup → Outbound Message, plus the flow that sends it on create/update of the object. */
  configureOutboundMessage(orgId: string, rawInput: unknown): OutboundMessageDefinition {
    const org = this.org(orgId);
    const input = OutboundMessageInput.parse(rawInput);
    const object = findObject(org, input.object);
    if (!object) throw new SalesforceError(400, 'INVALID_TYPE', `sObject type '${input.object}' is not supported.`);
    const fields = input.fields.map((name) => {
      const field = findField(object, name);
      if (!field) throw new SalesforceError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
      return field.name;
    });
    const definition = { ...input, object: object.name, fields, id: makeId(KEY_PREFIX.outboundMessage, this.ctx.nextSequence()) };
    org.outboundMessages.push(definition);
    return definition;
  }

  private write<T>(orgId: string, type: string, apply: (tx: Transaction, object: ObjectDefinition) => T): T {
    const org = this.org(orgId);
    const object = findObject(org, type);
    if (!object) throw notFound();
    const tx = this.ctx.begin(org, adminUserId(org));
    try {
      const result = apply(tx, object);
      this.ctx.commit(tx);
      return result;
    } catch (err) {
      tx.rollback();
      throw err;
    }
  }
}

/** `/_admin`: what an org's administrator and the test harness do outside the API. */
export function adminRouter(ctx: EmulatorContext, admin: OrgAdministration, outbound: OutboundMessenger, reset: () => void): Router {
  const router = Router();

  router.post('/apps', (req, res) => void res.status(201).json(registerApp(ctx.state, req.body)));
  router.get('/apps', (_req, res) => void res.json(Object.values(ctx.state.apps)));

  router.post('/orgs', (req, res) => void res.status(201).json(orgSummary(createOrg(ctx.state, req.body, ctx.now()))));
  router.get('/orgs', (_req, res) => void res.json(Object.values(ctx.state.orgs).map(orgSummary)));
  router.patch('/orgs/:orgId', (req, res) => {
    const org = admin.org(req.params.orgId);
    Object.assign(org, OrgChanges.parse(req.body));
    res.json(orgSummary(org));
  });

  router.post('/orgs/:orgId/objects', (req, res) => {
    const org = admin.org(req.params.orgId);
    const object = defineObject(org, ObjectDefinitionInput.parse(req.body));
    res.status(201).json(describeObject(org, object, '62.0'));
  });

  router.get('/orgs/:orgId/records/:type', (req, res) => {
    const org = admin.org(req.params.orgId);
    const object = findObject(org, req.params.type);
    if (!object) throw notFound();
    res.json(Object.values(org.records[object.name] ?? {}).map((r) => toApiRecord(object, r, '62.0')));
  });
  router.post('/orgs/:orgId/records/:type', (req, res) => {
    const id = admin.createRecord(req.params.orgId, req.params.type, RecordBody.parse(req.body));
    res.status(201).json({ id, success: true, errors: [] });
  });
  router.patch('/orgs/:orgId/records/:type/:id', (req, res) => {
    admin.updateRecord(req.params.orgId, req.params.type, req.params.id, RecordBody.parse(req.body));
    res.status(204).end();
  });
  router.delete('/orgs/:orgId/records/:type/:id', (req, res) => {
    admin.deleteRecord(req.params.orgId, req.params.type, req.params.id);
    res.status(204).end();
  });
  router.post('/orgs/:orgId/records/:type/:id/merge', (req, res) => {
    admin.mergeRecords(req.params.orgId, req.params.type, req.params.id, z.object({ mergedIds: z.array(z.string()).min(1).max(2) }).parse(req.body).mergedIds);
    res.status(204).end();
  });

  router.post('/orgs/:orgId/outbound-messages', (req, res) => void res.status(201).json(admin.configureOutboundMessage(req.params.orgId, req.body)));
  router.get('/outbound-messages', (_req, res) => void res.json(outbound.deliveries()));

  router.put('/faults', (req, res) => void res.json(ctx.faults.configure(FaultSettings.parse(req.body ?? {}))));
  router.post('/reset', (_req, res) => {
    reset();
    res.status(204).end();
  });

  return router;
}

export function orgSummary(org: Org) {
  return {
    id: org.id,
    name: org.name,
    licences: org.licences,
    dailyApiLimit: org.dailyApiLimit,
    sandbox: org.sandbox,
    /** Where its users log in (see hosts.ts), and where its API is. */
    loginHosts: [kindLoginHost(org), myDomainHost(org)].filter((h): h is string => Boolean(h)),
    instanceHost: instanceHost(org),
    users: Object.values(org.records.User ?? {}).map((u) => ({ id: u.Id, username: u.Username, name: u.Name, email: u.Email })),
    objects: Object.keys(org.objects),
  };
}
