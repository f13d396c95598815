/**
 * A Salesforce object's Change Data Capture entity and channel (Salesforce's naming: `Account` →
 * `AccountChangeEvent` on `/data/AccountChangeEvent`; `ns__Deal__c` → `ns__Deal__ChangeEvent`).
 */
export function changeEntityOf(objectName: string): string {
  return objectName.endsWith('__c') ? `${objectName.slice(0, -3)}__ChangeEvent` : `${objectName}ChangeEvent`;
}

export function changeChannelOf(objectName: string): string {
  return `/data/${changeEntityOf(objectName)}`;
}
