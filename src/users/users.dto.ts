import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsOptional } from '../common/validators';
import { MEMBER_ROLES, MemberRole, ROLES, Role } from '../auth/auth.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'coordination@mairie-exemple.fr' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Claire Martin' }) @Transform(trim) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty({ minLength: 12, maxLength: 128 }) @IsString() @Length(1, 1024) password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'false disables the account and ends its sessions' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ description: 'A new password set by the lead; ends the user’s sessions' })
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  password?: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [String] }) pilotIds: string[];
  @ApiProperty() createdAt: string;
}

export class AddMemberDto {
  @ApiProperty() @IsUUID() userId: string;
  @ApiProperty({ enum: MEMBER_ROLES }) @IsIn(MEMBER_ROLES) role: MemberRole;
}

export class MemberDto {
  @ApiProperty() userId: string;
  @ApiProperty() pilotId: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() createdAt: string;
}
