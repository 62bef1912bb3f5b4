import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntry } from './audit-log-entry.entity';
import { AUDIT_RECORDER } from '../auth/audit-recorder';

/** Global: every feature's service writes to the trail through AuditService.record. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntry])],
  controllers: [AuditController],
  providers: [AuditService, { provide: AUDIT_RECORDER, useExisting: AuditService }],
  exports: [AuditService, AUDIT_RECORDER],
})
export class AuditModule {}
