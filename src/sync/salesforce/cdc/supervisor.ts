import type { Logger } from 'pino';
import type { InboundDeps } from '../../inbound';
import { allActiveConnections } from '../../../store/syncState';
import { loadMapping } from '../../mapping/load';
import type { AccessTokens } from '../../tokens';
import { changeChannelOf } from './channels';
import { ChannelSubscriber, type ChangeDataCaptureSettings } from './channelSubscriber';

export interface ChangeDataCapture {
  /** Look at the connections again now (one was made or dropped) rather than at the next rescan. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One subscriber per connected Salesforce tenant, on the change event channels of the objects
 * its mapping names (partners' and registrations'). Connections made, dropped, or remapped are
 * picked up at each rescan; closing stops every subscriber.
 */
export function startChangeDataCapture(options: {
  inbound: InboundDeps;
  logger: Logger;
  settings: ChangeDataCaptureSettings & { rescanIntervalMs?: number };
  tokensFor: (tenantId: string) => AccessTokens;
  /** Called when change events were missed (the stored position was past retention, an event was undecodable): reconciliation's turn. */
  onChangesMissed: (tenantId: string) => void;
}): ChangeDataCapture {
  const { inbound, logger, settings } = options;
  const running = new Map<string, { channels: string; subscribers: ChannelSubscriber[] }>();
  let closed = false;

  const stopTenant = async (tenantId: string) => {
    const current = running.get(tenantId);
    running.delete(tenantId);
    await Promise.all((current?.subscribers ?? []).map((s) => s.stop()));
  };

  const rescanOnce = async () => {
    if (closed) return;
    const tenants = new Set((await allActiveConnections(inbound.db)).filter((c) => c.crm === 'salesforce').map((c) => c.tenantId));
    for (const tenantId of running.keys()) if (!tenants.has(tenantId)) await stopTenant(tenantId);
    for (const tenantId of tenants) {
      const mapping = await loadMapping(inbound.db, tenantId);
      const channels = [...new Set([mapping.partner.salesforce.object, mapping.registration.salesforce.object].map(changeChannelOf))];
      if (running.get(tenantId)?.channels === channels.join(' ') || closed) continue;
      await stopTenant(tenantId);
      const tokens = options.tokensFor(tenantId);
      const subscribers = channels.map((channel) => new ChannelSubscriber({ inbound, logger, tokens, onChangesMissed: () => options.onChangesMissed(tenantId) }, tenantId, channel, settings));
      running.set(tenantId, { channels: channels.join(' '), subscribers });
      for (const s of subscribers) s.start();
    }
  };

  // One rescan at a time; a failed one is logged and the next interval tries again.
  let scanning: Promise<void> = Promise.resolve();
  const refresh = () => {
    scanning = scanning.then(rescanOnce).catch((err: Error) => logger.warn({ err: err.message }, 'looking up Salesforce connections for change data capture failed'));
    return scanning;
  };
  const timer = setInterval(() => void refresh(), settings.rescanIntervalMs ?? 60_000);
  void refresh();

  return {
    refresh,
    async close() {
      closed = true;
      clearInterval(timer);
      await scanning;
      await Promise.all([...running.keys()].map(stopTenant));
    },
  };
}
