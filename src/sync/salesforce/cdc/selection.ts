import type { Connection } from 'jsforce';
import type { ProvisionReport } from '../../port';
import { changeEntityOf } from './channels';

/**
 * Selects the objects for Change Data Capture as Setup → Change Data Capture does: a
 * `PlatformEventChannelMember` on the standard `ChangeEvents` channel per entity, created through
 * the Tooling API at provisioning (sf-pecm). Packaging members of the standard channel is
 * UNCONFIRMED (sf-cchan covers custom channels only), so the app selects them itself, with the
 * installing admin's session. An org that cannot (edition, permissions) is reported, not failed:
 * its changes still arrive by reconciliation.
 */
export async function selectForChangeDataCapture(conn: Connection, objectNames: string[], report: ProvisionReport): Promise<void> {
  const entities = [...new Set(objectNames.map(changeEntityOf))];
  let selected: Set<string>;
  try {
    const members = await conn.tooling.query<{ EventChannel: string; SelectedEntity: string }>('SELECT Id, EventChannel, SelectedEntity FROM PlatformEventChannelMember');
    selected = new Set(members.records.filter((m) => m.EventChannel === 'ChangeEvents').map((m) => m.SelectedEntity));
  } catch (err) {
    for (const entity of entities) report.missing.push(`${entity} (Change Data Capture: ${(err as Error).message}; changes arrive by reconciliation only)`);
    return;
  }
  for (const entity of entities) {
    const name = `${entity} (Change Data Capture)`;
    if (selected.has(entity)) {
      report.present.push(name);
      continue;
    }
    try {
      await conn.tooling.sobject('PlatformEventChannelMember').create({ FullName: `ChangeEvents_${entity}`, Metadata: { eventChannel: 'ChangeEvents', selectedEntity: entity } });
      report.created.push(name);
    } catch (err) {
      // Selected meanwhile (another provisioning run): as good as created.
      if ((err as { errorCode?: string }).errorCode === 'DUPLICATE_DEVELOPER_NAME') report.present.push(name);
      else report.missing.push(`${entity} (Change Data Capture: ${(err as Error).message}; changes arrive by reconciliation only)`);
    }
  }
}
