import { DEFAULT_MAPPING } from '../../../src/sync/mapping/defaults';
import { changeChannelOf } from '../../../src/sync/salesforce/cdc/channels';
import { inboundEventsFrom, madeBy, type ReceivedChangeEvent } from '../../../src/sync/salesforce/cdc/changeEvents';

const TRELLIS = 'TrellisConsumerKey';

function event(header: Partial<ReceivedChangeEvent['payload']['ChangeEventHeader']>): ReceivedChangeEvent {
  return {
    id: 'b2f3c9a0-0000-4000-8000-000000000001',
    replayId: 1234,
    payload: { ChangeEventHeader: { entityName: 'Account', recordIds: ['001000000000001AAA'], changeType: 'UPDATE', changeOrigin: '', commitTimestamp: 1_700_000_000_000, changedFields: ['Name'], nulledFields: [], ...header } },
  };
}

describe('Salesforce change events as inbound events', () => {
  it('derives channels from the mapped object names, namespaced or not (sf-chan)', () => {
    expect(changeChannelOf('Account')).toBe('/data/AccountChangeEvent');
    expect(changeChannelOf('Trellis_Deal_Registration__c')).toBe('/data/Trellis_Deal_Registration__ChangeEvent');
    expect(changeChannelOf('ns__Trellis_Deal_Registration__c')).toBe('/data/ns__Trellis_Deal_Registration__ChangeEvent');
  });

  it('marks the record of a user edit to a mapped field for sync, keyed by the event id so a replay is taken once', () => {
    const [inbound] = inboundEventsFrom(event({}), DEFAULT_MAPPING, TRELLIS);
    expect(inbound).toMatchObject({ dedupeKey: 'cdc:b2f3c9a0-0000-4000-8000-000000000001:001000000000001AAA', status: 'queued', record: { kind: 'partner', key: 'c:001000000000001AAA' } });
  });

  it("takes Trellis's own writes for echoes by changeOrigin (sf-msg)", () => {
    const origin = `com/salesforce/api/rest/62.0;client=${TRELLIS}`;
    expect(madeBy(origin, TRELLIS)).toBe(true);
    expect(madeBy('com/salesforce/api/rest/62.0;client=SomeOtherTool', TRELLIS)).toBe(false);
    expect(madeBy('', TRELLIS)).toBe(false);
    expect(inboundEventsFrom(event({ changeOrigin: origin }), DEFAULT_MAPPING, TRELLIS)[0]).toMatchObject({ status: 'echo', record: null });
  });

  it('ignores updates to fields Trellis does not map, and objects it does not map', () => {
    expect(inboundEventsFrom(event({ changedFields: ['Industry', 'LastModifiedDate'] }), DEFAULT_MAPPING, TRELLIS)[0]).toMatchObject({ status: 'ignored' });
    expect(inboundEventsFrom(event({ entityName: 'Contact' }), DEFAULT_MAPPING, TRELLIS)[0]).toMatchObject({ status: 'ignored' });
  });

  it('queues creates and deletes whatever their fields, one inbound event per record named', () => {
    const created = inboundEventsFrom(event({ changeType: 'CREATE', changedFields: [] }), DEFAULT_MAPPING, TRELLIS);
    expect(created[0]).toMatchObject({ status: 'queued' });
    const deleted = inboundEventsFrom(event({ changeType: 'DELETE', changedFields: [], recordIds: ['001000000000001AAA', '001000000000002AAA'] }), DEFAULT_MAPPING, TRELLIS);
    expect(deleted.map((e) => e.status)).toEqual(['queued', 'queued']);
    expect(new Set(deleted.map((e) => e.dedupeKey)).size).toBe(2);
  });
});
