import { Router } from 'express';
import { z } from 'zod';
import { sessionOf } from '../auth';
import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import { KEY_PREFIX, makeId } from '../ids';
import { changeEventName } from './channels';
import { cdcAvailable } from './eventBus';

/** A Tooling API create of a `PlatformEventChannelMember` (sf-pecm, sf-pecm-t): `FullName` plus its metadata. */
const ChannelMemberInput = z.object({
  FullName: z.string().min(1),
  Metadata: z.object({ eventChannel: z.string().min(1), selectedEntity: z.string().min(1) }).loose(),
});

/**
 * `/tooling`: what an admin (or an installed app at provisioning) uses to select entities for
 * Change Data Capture, as Setup → Change Data Capture does: create `PlatformEventChannelMember`s
 * on the standard `ChangeEvents` channel, and list them. Custom channels are not emulated.
 */
export function channelMembersRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.post('/tooling/sobjects/PlatformEventChannelMember', (req, res) => {
    const { org } = sessionOf(res);
    const parsed = ChannelMemberInput.safeParse(req.body);
    if (!parsed.success) throw new SalesforceError(400, 'JSON_PARSER_ERROR', `Invalid PlatformEventChannelMember: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { FullName, Metadata } = parsed.data;
    if (!cdcAvailable(org)) throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', 'Change Data Capture is not available in this edition');
    if (Metadata.eventChannel !== 'ChangeEvents') throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', `Unknown event channel: ${Metadata.eventChannel}`, ['EventChannel']);
    const object = Object.values(org.objects).find((o) => changeEventName(o.name) === Metadata.selectedEntity);
    if (!object) throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', `Unknown entity: ${Metadata.selectedEntity}`, ['SelectedEntity']);
    const members = org.changeEventMembers;
    if (members.some((m) => m.fullName === FullName || (m.eventChannel === Metadata.eventChannel && m.selectedEntity === Metadata.selectedEntity))) {
      throw new SalesforceError(400, 'DUPLICATE_DEVELOPER_NAME', `${Metadata.selectedEntity} is already selected on ${Metadata.eventChannel}`);
    }
    const id = makeId(KEY_PREFIX.channelMember, ctx.nextSequence());
    members.push({ id, fullName: FullName, eventChannel: Metadata.eventChannel, selectedEntity: Metadata.selectedEntity });
    res.status(201).json({ id, success: true, errors: [], warnings: [], infos: [] });
  });

  // Only the listing the app needs: every member of the org (the emulator's Tooling query knows no other object).
  router.get('/tooling/query', (req, res) => {
    const { org } = sessionOf(res);
    const q = String(req.query.q ?? '');
    if (!/^\s*SELECT\s+[\w\s,]+\s+FROM\s+PlatformEventChannelMember\s*$/i.test(q)) throw new SalesforceError(400, 'MALFORMED_QUERY', 'The emulator\'s Tooling API answers only "SELECT … FROM PlatformEventChannelMember"');
    const records = org.changeEventMembers.map((m) => ({
      attributes: { type: 'PlatformEventChannelMember', url: `/services/data/v${sessionOf(res).version}/tooling/sobjects/PlatformEventChannelMember/${m.id}` },
      Id: m.id,
      DeveloperName: m.fullName.replace(/^.*?_/, ''),
      FullName: m.fullName,
      EventChannel: m.eventChannel,
      SelectedEntity: m.selectedEntity,
    }));
    res.json({ size: records.length, totalSize: records.length, done: true, queryLocator: null, entityTypeName: 'PlatformEventChannelMember', records });
  });
  return router;
}
