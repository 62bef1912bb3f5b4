import { Module } from '@nestjs/common';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';
import { ProgrammeTotalsCache } from './programme-totals.cache';

/**
 * Read model only: it reads the other features' tables in set-based SQL and reuses their pure maths; it imports no
 * service. The programme totals are cached until a write notifies a change (programme-totals.cache.ts).
 */
@Module({ controllers: [HomeController], providers: [HomeService, ProgrammeTotalsCache] })
export class HomeModule {}
