import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Readers } from '../auth/roles';
import { MoneyTotalsDoc } from '../customers/customer-view.dto';
import { IdPipe } from '../http/id.pipe';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { CustomerStateDoc, CustomerStateQueryDto } from './customer-state.dto';
import { CustomerStateQuery } from './customer-state.query';

/** The auditors' read (DESIGN.md §8): the customer as it stood at any past moment, as the system knew it then. */
@ApiTags('customers')
@NeedsApiKey()
@Readers()
@Controller('v1/customers')
export class CustomerStateController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/state')
  @ApiOperation({
    summary: 'Read the customer as of a past moment, as known then',
    description:
      "The customer view folded from the stream's events that had happened by `asOf` (business time), had been recorded by `knownAt` " +
      '(what the system knew then) and are at most `version`, in business-time order, so a back-dated fact lands where it belongs: ' +
      '"known on 1 March about February" is `asOf=<end of February>&knownAt=<1 March>`. `asOf` and `knownAt` default to the time of the request ' +
      'and are echoed back. A customer erased since shows its personal fields as null, with `personalDataErased`.',
  })
  @ApiExtraModels(MoneyTotalsDoc)
  @ApiOkResponse({ type: CustomerStateDoc, description: 'The customer as of asOf, known at knownAt.' })
  @ProblemAnswers({
    400: 'The id, asOf, knownAt or version is malformed, or an unknown parameter is sent (named in errors[].path).',
    404: 'No such customer, or it was not yet registered within those bounds (the detail says which).',
    410: 'The erasure is among the events folded.',
  })
  state(@Param('id', IdPipe) id: string, @Query() query: CustomerStateQueryDto) {
    const now = new Date().toISOString();
    return this.queries.execute(
      new CustomerStateQuery({
        customerId: id,
        asOf: query.asOf ? new Date(query.asOf).toISOString() : now,
        knownAt: query.knownAt ? new Date(query.knownAt).toISOString() : now,
        version: query.version === undefined ? undefined : Number(query.version),
      }),
    );
  }
}
