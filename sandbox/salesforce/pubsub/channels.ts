/**
 * Change Data Capture names (sf-chan): `Account` → `AccountChangeEvent`, `ns__Deal__c` →
 * `ns__Deal__ChangeEvent`; the channel is `/data/<that>`. Names are case-sensitive.
 */
export function changeEventName(objectName: string): string {
  return objectName.endsWith('__c') ? `${objectName.slice(0, -3)}__ChangeEvent` : `${objectName}ChangeEvent`;
}

/** The channel carrying every selected entity's changes. */
export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';

export function changeChannel(objectName: string): string {
  return `/data/${changeEventName(objectName)}`;
}
