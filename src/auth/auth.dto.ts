import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { ROLES, Role } from './auth.types';

export class LoginDto {
  @ApiProperty({ example: 'cheffe.projet@smicval.fr' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, 1024) currentPassword: string;
  @ApiProperty({ minLength: 12, maxLength: 128 }) @IsString() @Length(1, 1024) newPassword: string;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'Export mensuel' }) @IsString() @Length(1, 100) name: string;
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: [String] }) pilotIds: string[];
}

export class LoginResponseDto {
  @ApiProperty({ type: MeDto }) user: MeDto;
}

export class TokenCreatedDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Shown once; send it as Authorization: Bearer <token>' }) token: string;
}

export class TokenDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
}
