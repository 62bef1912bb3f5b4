import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { IsOptional } from '../common/validators';
import { RUBRIC_LEVELS } from './rubric';

const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

/** Six texts: what marks 0, 1, 2, 3, 4 and 5 mean. */
const Levels = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], minItems: RUBRIC_LEVELS, maxItems: RUBRIC_LEVELS }),
    IsOptional(),
    Transform(trimAll),
    IsArray(),
    ArrayMinSize(RUBRIC_LEVELS),
    ArrayMaxSize(RUBRIC_LEVELS),
    IsString({ each: true }),
    Length(1, 300, { each: true }),
  );

/** A call's rubric as set by the lead: the criteria named replace the defaults, the others keep them. */
export class RubricInputDto {
  @Levels() size?: string[];
  @Levels() grouping?: string[];
  @Levels() cooperation?: string[];
  @Levels() actors?: string[];
  @Levels() values?: string[];
  @Levels() capacity?: string[];
  @Levels() leadership?: string[];
}

export class RubricDto {
  @ApiProperty({ type: [String] }) size: string[];
  @ApiProperty({ type: [String] }) grouping: string[];
  @ApiProperty({ type: [String] }) cooperation: string[];
  @ApiProperty({ type: [String] }) actors: string[];
  @ApiProperty({ type: [String] }) values: string[];
  @ApiProperty({ type: [String] }) capacity: string[];
  @ApiProperty({ type: [String] }) leadership: string[];
}
