import { Module } from '@nestjs/common';
import { PilotsModule } from '../pilots/pilots.module';
import { FundingController } from './funding.controller';
import { FundingService } from './funding.service';
import { LedgerWritesService } from './ledger-writes.service';
import { ReceiptsService } from './receipts.service';
import { FundingSpending } from './spending.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerReceipt } from './ledger-receipt.entity';
import { LedgerIdempotencyKey } from './ledger-idempotency-key.entity';

@Module({
  imports: [TypeOrmModule.forFeature([LedgerEntry, LedgerReceipt, LedgerIdempotencyKey]), PilotsModule],
  controllers: [FundingController],
  providers: [FundingService, LedgerWritesService, ReceiptsService, FundingSpending],
  exports: [FundingService, LedgerWritesService, FundingSpending],
})
export class FundingModule {}
