import { IsInt, IsString, Min } from 'class-validator';
import { RequestValidationError, RequestValidationPipe } from './validation';
import { DtoType } from './dto-type';
import { Optional } from './optional';

class EventsQuery {
  @DtoType(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @Optional()
  @IsString()
  types?: string;
}

describe('RequestValidationPipe', () => {
  const pipe = new RequestValidationPipe();

  it('checks a query against its DTO too, converting what @DtoType asks for', async () => {
    await expect(pipe.transform({ from: '5' }, { type: 'query', metatype: EventsQuery })).resolves.toEqual(Object.assign(new EventsQuery(), { from: 5 }));
    const refused = pipe.transform({ from: '0', extra: 'x' }, { type: 'query', metatype: EventsQuery });
    await expect(refused).rejects.toBeInstanceOf(RequestValidationError);
    await expect(refused).rejects.toMatchObject({
      errors: expect.arrayContaining([
        { path: 'from', message: 'from must not be less than 1' },
        { path: 'extra', message: 'property extra should not exist' },
      ]),
    });
  });

  it('leaves path parameters and untyped values to their own pipes', async () => {
    await expect(pipe.transform('anything', { type: 'param', metatype: String, data: 'id' })).resolves.toBe('anything');
    await expect(pipe.transform([1], { type: 'body', metatype: Object })).resolves.toEqual([1]);
  });
});
