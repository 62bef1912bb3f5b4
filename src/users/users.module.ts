import { Global, Module } from '@nestjs/common';
import { MembersController, UsersController } from './users.controller';
import { UsersService } from './users.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity';
import { PilotMember } from './pilot-member.entity';
import { PASSWORD_STORE } from '../auth/password-store';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, PilotMember])],
  controllers: [UsersController, MembersController],
  providers: [UsersService, { provide: PASSWORD_STORE, useExisting: UsersService }],
  exports: [UsersService, PASSWORD_STORE],
})
export class UsersModule {}
