/** Who made a change, in the terms HubSpot webhooks report it. */
export type ChangeSource =
  | { changeSource: 'INTEGRATION'; sourceId: string }
  | { changeSource: 'CRM_UI'; sourceId: string };

export const integrationSource = (appId: number): ChangeSource => ({
  changeSource: 'INTEGRATION',
  sourceId: String(appId),
});

export const userSource = (userId: number): ChangeSource => ({ changeSource: 'CRM_UI', sourceId: `userId:${userId}` });

interface ChangeBase {
  portalId: number;
  objectTypeId: string;
  occurredAt: number;
  source: ChangeSource;
}

/** A change to CRM data, before it is matched against apps' webhook subscriptions. */
export type ChangeEvent =
  | (ChangeBase & { kind: 'creation' | 'deletion'; objectId: string })
  | (ChangeBase & { kind: 'propertyChange'; objectId: string; propertyName: string; propertyValue: string })
  | (ChangeBase & {
      kind: 'merge';
      objectId: string;
      primaryObjectId: string;
      mergedObjectIds: string[];
      newObjectId: string;
      numberOfPropertiesMoved: number;
    })
  | (ChangeBase & {
      kind: 'associationChange';
      /** e.g. CONTACT_TO_COMPANY; the event belongs to the `from` object's subscriptions. */
      associationType: string;
      fromObjectId: string;
      toObjectId: string;
      associationRemoved: boolean;
      isPrimaryAssociation: boolean;
    });

export type ChangeSink = (event: ChangeEvent) => void;
