import { Global, Module } from '@nestjs/common';
import { PILOT_ACTORS } from '../pilots/pilot-actors';
import { ActorsController } from './actors.controller';
import { ActorsService } from './actors.service';
import { ActorLinksService } from './actor-links.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Actor } from './actor.entity';
import { Contribution } from './contribution.entity';
import { ActorLink } from './actor-link.entity';

/** Global: provides PILOT_ACTORS to the pilots module, which must not import this one (one-way dependency). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Actor, Contribution, ActorLink])],
  controllers: [ActorsController],
  providers: [ActorsService, ActorLinksService, { provide: PILOT_ACTORS, useExisting: ActorsService }],
  exports: [ActorsService, PILOT_ACTORS],
})
export class ActorsModule {}
