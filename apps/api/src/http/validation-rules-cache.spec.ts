import { IsInt, IsString, validate } from 'class-validator';
import { rememberValidationRules } from './validation-rules-cache';

class Visit {
  @IsString()
  summary!: string;
}

describe('remembered validation rules', () => {
  beforeAll(() => rememberValidationRules());

  it('answers as class-validator does, and learns rules added later', async () => {
    const visit = Object.assign(new Visit(), { summary: 3, minutes: 'long' });
    expect((await validate(visit)).map((e) => e.property)).toEqual(['summary']);
    expect((await validate(visit)).map((e) => e.property)).toEqual(['summary']);
    IsInt()(Visit.prototype, 'minutes');
    expect((await validate(visit)).map((e) => e.property).sort()).toEqual(['minutes', 'summary']);
  });
});
