import { TalentController } from './talent/talent.controller';
import { ConsultationsController } from './consultations/consultations.controller';
import { ExportsController } from './exports/exports.controller';
import { ReportsController } from './tasks/reports.controller';
import { MessagingModule } from '@aiplat/messaging';
import { createLogger } from '@aiplat/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { GATEWAY_ENV, type GatewayEnv } from './config/env';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { ValidationGuard } from './http/validation';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdentityRepository } from './identity/identity.repository';
import { UnitsController } from './identity/units.controller';
import { UnitsService } from './identity/units.service';
import { UsersController } from './identity/users.controller';
import { UsersService } from './identity/users.service';
import { TasksController } from './tasks/tasks.controller';
import { SupervisionController } from './supervision/supervision.controller';
import { FundingController } from './funding/funding.controller';
import { CommitteeController } from './committee/committee.controller';

@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        MessagingModule.forRoot({
          service: 'gateway',
          natsUrl: env.NATS_URL,
          ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
          rpcTimeoutMs: env.RPC_TIMEOUT_MS,
          topology: { replicas: env.NATS_STREAM_REPLICAS },
          logger: createLogger({ service: 'gateway', level: env.LOG_LEVEL as 'info' }),
        }),
        {
          module: ConfigHolder,
          global: true,
          providers: [{ provide: GATEWAY_ENV, useValue: env }],
          exports: [GATEWAY_ENV],
        },
        DatabaseModule,
      ],
      controllers: [
        HealthController,
        AuthController,
        UnitsController,
        UsersController,
        AuditController,
        TasksController,
        SupervisionController,
        ReportsController,
        ExportsController,
        FundingController,
        ConsultationsController,
        TalentController,
        CommitteeController,
      ],
      providers: [
        IdentityRepository,
        AuthService,
        UnitsService,
        UsersService,
        AuditService,
        // Order matters: authenticate and authorise first, then validate the input.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ValidationGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
