import { Module } from '@nestjs/common';
import { ActorsController } from './actors.controller';
import { ActorsService } from './actors.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Actor } from './actor.entity';
import { Contribution } from './contribution.entity';
import { ActorLink } from './actor-link.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Actor, Contribution, ActorLink])],
  controllers: [ActorsController],
  providers: [ActorsService],
  exports: [ActorsService],
})
export class ActorsModule {}
