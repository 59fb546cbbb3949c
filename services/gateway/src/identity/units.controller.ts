import { Controller } from '@nestjs/common';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { ValidParams } from '../http/request-context';
import { unitView } from './identity.dto';
import { UnitsService } from './units.service';

const unitParams = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9-]*$/),
  })
  .strict();

/** The responsible units (责任单位): bureaus, districts, development zones and the leading-group offices. */
@Controller()
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/units',
    operationId: 'listUnits',
    summary: 'All responsible units',
    tag: 'units',
    access: 'authenticated',
    success: { status: 200, description: 'Units', schema: z.object({ items: z.array(unitView) }) },
  })
  async list() {
    return { items: await this.units.list() };
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/units/{id}',
    operationId: 'getUnit',
    summary: 'One unit',
    tag: 'units',
    access: 'authenticated',
    params: unitParams,
    success: { status: 200, description: 'The unit', schema: unitView },
    errors: [404],
  })
  async get(@ValidParams() params: z.infer<typeof unitParams>) {
    return this.units.get(params.id);
  }
}
