import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsNumber, IsObject, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsOptional, MaxDecimals } from '../common/validators';

const MAX_TONNES = 1_000_000;

function tonnes(required = false): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    (required ? ApiProperty : ApiPropertyOptional)({
      type: Number,
      nullable: !required,
      minimum: 0,
      maximum: MAX_TONNES,
      description: 'tonnes per year (to the kg); null = not reported',
    })(target, key);
    if (required) IsDefined()(target, key);
    else ValidateIf((_o, v) => v !== null && v !== undefined)(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
    Min(0)(target, key);
    Max(MAX_TONNES)(target, key);
    MaxDecimals(3)(target, key);
  };
}

export class WasteTonnesDto {
  @tonnes(true) residual: number;
  @tonnes() packaging?: number | null;
  @tonnes() glass?: number | null;
  @tonnes() biowaste?: number | null;
  @tonnes() recyclingCentre?: number | null;
  @tonnes() reuse?: number | null;
}

export class PutWasteDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 10_000_000,
    description:
      "Inhabitants of the calendar year; omit or null to follow the pilot's figure in force on 31 December (amendments included)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  population?: number | null;

  @ApiProperty({ type: WasteTonnesDto })
  @IsDefined()
  @IsObject()
  @IsObject()
  @ValidateNested()
  @Type(() => WasteTonnesDto)
  tonnes: WasteTonnesDto;
}

export class WasteStreamsNullableDto {
  @ApiProperty({ type: Number, nullable: true }) residual: number | null;
  @ApiProperty({ type: Number, nullable: true }) packaging: number | null;
  @ApiProperty({ type: Number, nullable: true }) glass: number | null;
  @ApiProperty({ type: Number, nullable: true }) biowaste: number | null;
  @ApiProperty({ type: Number, nullable: true }) recyclingCentre: number | null;
  @ApiProperty({ type: Number, nullable: true }) reuse: number | null;
}

@ApiSchema({ description: 'kg ÷ population per stream, exact (unrounded): round once, at display' })
export class KgPerInhabitantDto extends WasteStreamsNullableDto {
  @ApiProperty({ type: Number, nullable: true, description: 'sum of the reported streams' }) total: number | null;
}

export class WasteYearDto {
  @ApiProperty({ description: 'calendar year' }) year: number;
  @ApiProperty() population: number;
  @ApiProperty({ enum: ['entered', 'pilot'] }) populationSource: 'entered' | 'pilot';
  @ApiProperty({ type: WasteStreamsNullableDto }) tonnes: WasteStreamsNullableDto;
  @ApiProperty({ type: KgPerInhabitantDto }) kgPerInhabitant: KgPerInhabitantDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'exact (unrounded) fraction: -0.1 = 10 % less residual waste per inhabitant than the baseline year; round once, at display',
  })
  residualChangeVsBaseline: number | null;
  @ApiProperty() updatedAt: string;
}

export class WasteFiguresDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'calendar year before the start date’s year; null before a start date is set',
  })
  baselineYear: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'first calendar year accepted (= baselineYear)' })
  firstYear: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'last calendar year accepted (the one the last project year ends in)',
  })
  lastYear: number | null;
  @ApiProperty({ type: [WasteYearDto] }) years: WasteYearDto[];
}
