import { ApiErrors } from '../common/errors/api-errors.decorator';
import { Body, Controller, Get, HttpCode, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiProperty, ApiTags, ApiOperation } from '@nestjs/swagger';
import { IsBase64, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Ctx, Roles } from '../auth/auth.decorators';
import type { RequestContext } from '../auth/auth.types';
import { ReportLogoService } from './report-logo.service';
import { ReportErrorCode, ReportException } from './reports.exception';

export class UploadLogoDto {
  @ApiProperty({
    description: 'The image, base64-encoded: PNG or JPEG, up to 256 KB and 4000 px (read from the bytes)',
  })
  @IsString()
  @MaxLength(360_000)
  @IsBase64()
  contentBase64: string;
}

export class LogoDto {
  @ApiProperty({ enum: ['image/png', 'image/jpeg'] }) contentType: string;
  @ApiProperty() bytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The organisation's logo printed on every report generated afterwards. */
@ApiTags('reports')
@Controller('organisation/logo')
export class OrganisationLogoController {
  constructor(private readonly logos: ReportLogoService) {}

  @Put()
  @ApiOperation({ summary: "Upload the organisation's logo printed on reports" })
  @ApiErrors(ReportErrorCode.LogoInvalid)
  @HttpCode(200)
  @Roles('lead')
  @ApiOkResponse({ type: LogoDto, description: 'The logo now in use' })
  upload(@Ctx() ctx: RequestContext, @Body() body: UploadLogoDto): Promise<LogoDto> {
    return this.logos.upload(ctx, body.contentBase64);
  }

  @Get()
  @ApiOperation({ summary: "The organisation's logo printed on reports" })
  @ApiErrors(ReportErrorCode.LogoNotFound)
  @Roles('lead', 'coordinator', 'reviewer', 'committee')
  @ApiProduces('image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The logo in use' })
  async get(@Res() reply: FastifyReply): Promise<void> {
    const logo = await this.logos.current();
    if (!logo) throw new ReportException(ReportErrorCode.LogoNotFound, 'No logo has been uploaded');
    await reply
      .header('content-type', logo.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(logo.content);
  }
}
