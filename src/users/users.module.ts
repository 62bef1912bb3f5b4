import { Global, Module } from '@nestjs/common';
import { MembersController, UsersController } from './users.controller';
import { UsersService } from './users.service';

@Global()
@Module({ controllers: [UsersController, MembersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
