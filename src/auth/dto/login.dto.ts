import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'sam.patel@example.gov.uk' })
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class ClientTokenDto {
  @ApiProperty({ example: 'client_credentials', enum: ['client_credentials'] })
  @IsIn(['client_credentials'])
  grant_type: 'client_credentials';

  @ApiPropertyOptional({
    example: 'tdm_4f9c2a0e7b1d',
    description: 'Required unless the client authenticates with HTTP Basic',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  client_id?: string;

  @ApiPropertyOptional({
    example: 's3cr3t-shown-once',
    format: 'password',
    description: 'Required unless the client authenticates with HTTP Basic (never both)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;

  @ApiProperty({
    required: false,
    example: 'cases:read',
    description: "Space-separated subset of the client's scopes (default: all of them)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  scope?: string;
}

export class RefreshDto {
  @ApiProperty({
    example: 'q3Jv0bX2mC8y1k5Zp7Tn4Wd6Hf9Ls0Ge2Ru3Yi5Ao8',
    description: 'The refresh token from sign-in or the previous refresh',
    format: 'password',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}
