import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedDto {
  @ApiProperty({ description: 'The secret token, shown once' }) token: string;
  @ApiProperty({ example: '/api/calendar/…ics' }) path: string;
  @ApiProperty({ nullable: true, type: String, description: 'Full address when the public URL is configured' })
  url: string | null;
}
