import { plainData } from './plain';

class Line {
  sku!: string;
  note?: string = undefined;
}

class Order {
  orderId!: string;
  lines!: Line[];
  channel?: string;
  occurredAt?: string;
}

describe('plainData', () => {
  it('gives what a JSON round trip gives, without occurredAt', () => {
    const order = Object.assign(new Order(), {
      orderId: 'SO-1',
      lines: [Object.assign(new Line(), { sku: 'NB-T14' }), Object.assign(new Line(), { sku: 'NB-X1', note: '备注' })],
      occurredAt: '2024-05-01T09:30:00.000Z',
    });
    const { occurredAt: _businessTime, ...expected } = JSON.parse(JSON.stringify(order)) as Order;
    const data = plainData(order);
    expect(data).toEqual(expected);
    expect(Object.keys(data)).toEqual(['orderId', 'lines']);
    expect(Object.getPrototypeOf(data.lines[0])).toBe(Object.prototype);
    expect(data.lines[0]).not.toHaveProperty('note');
  });
});
