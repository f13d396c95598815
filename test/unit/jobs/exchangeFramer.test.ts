import { exchangeFramer } from '../../../src/jobs/embeddedPostgres';

const message = (type: string, payload = '') => {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
};
const startup = () => {
  const b = Buffer.alloc(8);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(196608, 4);
  return b;
};

describe('exchangeFramer', () => {
  it('holds Parse, Bind, Describe and Execute until Sync, then forwards them in one piece', () => {
    const out: Buffer[] = [];
    const feed = exchangeFramer((b) => out.push(Buffer.from(b)));
    feed(startup());
    expect(out).toHaveLength(1);
    const exchange = [message('P', 'select 1'), message('B'), message('D', 'P'), message('E'), message('S')];
    for (const part of exchange.slice(0, 4)) feed(part);
    expect(out).toHaveLength(1);
    feed(exchange[4]!);
    expect(out[1]).toEqual(Buffer.concat(exchange));
  });

  it('reassembles messages split across reads, and forwards a simple Query on its own', () => {
    const out: Buffer[] = [];
    const feed = exchangeFramer((b) => out.push(Buffer.from(b)));
    feed(startup());
    const query = message('Q', 'select 1\0');
    feed(query.subarray(0, 3));
    feed(query.subarray(3, 7));
    expect(out).toHaveLength(1);
    feed(Buffer.concat([query.subarray(7), message('P', 'x').subarray(0, 2)]));
    expect(out[1]).toEqual(query);
  });
});
