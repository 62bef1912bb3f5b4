import { Module } from '@nestjs/common';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';

/** Read model only: it reads the other features' tables in set-based SQL and reuses their pure maths; it imports no service. */
@Module({ controllers: [HomeController], providers: [HomeService] })
export class HomeModule {}
