import { DtoType, toDto } from './dto-type';

class LineDto {
  sku!: string;
}

class BaseDto {
  @DtoType(() => LineDto)
  inherited?: LineDto;
}

class OrderDto extends BaseDto {
  orderId!: string;

  @DtoType(() => LineDto)
  lines!: LineDto[];

  @DtoType(() => LineDto)
  main?: LineDto;
}

class PageQuery {
  @DtoType(() => Number)
  from!: number;
}

describe('toDto', () => {
  it('builds the declared class for nested objects, alone, in arrays and from a parent class', () => {
    const dto = toDto(OrderDto, { orderId: 'SO-1', lines: [{ sku: 'A' }, { sku: 'B' }], main: { sku: 'C' }, inherited: { sku: 'D' } });
    expect(dto).toBeInstanceOf(OrderDto);
    expect(dto.lines.map((line) => line instanceof LineDto)).toEqual([true, true]);
    expect(dto.main).toBeInstanceOf(LineDto);
    expect(dto.inherited).toBeInstanceOf(LineDto);
    expect({ ...dto.lines[1] }).toEqual({ sku: 'B' });
  });

  it('keeps unknown keys and values of the wrong kind, for validation to refuse and name', () => {
    const dto = toDto(OrderDto, { orderId: 7, lines: 'none', main: null, extra: { x: 1 } }) as unknown as Record<string, unknown>;
    expect(dto).toMatchObject({ orderId: 7, lines: 'none', main: null, extra: { x: 1 } });
    expect(dto.extra).not.toBeInstanceOf(LineDto);
  });

  it('turns a query string into a number where Number is declared', () => {
    expect(toDto(PageQuery, { from: '42' }).from).toBe(42);
    expect(toDto(PageQuery, { from: ['1', '2'] }).from).toEqual([1, 2]);
    expect(toDto(PageQuery, { from: 'x' }).from).toBeNaN();
  });

  it('sees declarations added after a class was first built', () => {
    class LateDto {
      line?: LineDto;
    }
    expect(toDto(LateDto, { line: { sku: 'A' } }).line).not.toBeInstanceOf(LineDto);
    DtoType(() => LineDto)(LateDto.prototype, 'line');
    expect(toDto(LateDto, { line: { sku: 'A' } }).line).toBeInstanceOf(LineDto);
  });
});
