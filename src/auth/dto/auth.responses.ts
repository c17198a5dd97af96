import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCIES, ROLES, SCOPES } from 'src/access/roles';

export class LoginUser {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'sam.patel@example.gov.uk' }) email: string;
  @ApiProperty({ example: 'Sam Patel' }) name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ format: 'uuid', nullable: true }) localAuthorityId: string | null;
}

export class LoginResponse {
  @ApiProperty({
    description: 'JWT (HS256) for the Authorization: Bearer header',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl',
  })
  accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ example: 900, description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({
    example: 'q3Jv0bX2mC8y1k5Zp7Tn4Wd6Hf9Ls0Ge2Ru3Yi5Ao8',
    description:
      'Opaque refresh token for POST /auth/refresh: single use (each refresh returns the next one), valid until the session ends (REFRESH_TOKEN_TTL_SECONDS after sign-in); keep it secret',
  })
  refreshToken: string;
  @ApiProperty({ type: LoginUser }) user: LoginUser;
}

export class RefreshResponse {
  @ApiProperty({
    description: 'A new JWT (HS256) for the Authorization: Bearer header',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl',
  })
  accessToken: string;
  @ApiProperty({
    example: 'Zx8Qm2Lk4Jh6Gf8Ds0Ap1Oi3Uy5Tr7Ew9Qn2Bv4Cx6',
    description: 'The next refresh token; the one presented is now spent',
  })
  refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn: number;
}

export class TokenResponse {
  @ApiProperty() access_token: string;
  @ApiProperty({ example: 'Bearer' }) token_type: string;
  @ApiProperty({ example: 900 }) expires_in: number;
  @ApiProperty({ example: 'cases:read families:read' }) scope: string;
}

export class MeResponse {
  @ApiProperty({ enum: ['user', 'client'] }) kind: 'user' | 'client';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes: string[];
  @ApiProperty({ format: 'uuid', nullable: true }) localAuthorityId: string | null;
  @ApiProperty({ enum: AGENCIES, nullable: true }) agency: string | null;
}

export class FieldErrorResponse {
  @ApiProperty({ example: 'grant_type' }) field: string;
  @ApiProperty({ example: 'grant_type is required' }) message: string;
}

/** RFC 6749 §5.2 error body of POST /auth/token (RFC 9457 fields alongside). */
export class OAuthErrorResponse {
  @ApiProperty({
    enum: [
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'unauthorized_client',
      'unsupported_grant_type',
      'invalid_scope',
    ],
    example: 'invalid_client',
  })
  error: string;
  @ApiProperty({ example: 'Client authentication failed' }) error_description: string;
  @ApiProperty({ example: 401 }) status: number;
  @ApiProperty({ example: 'invalid_client' }) code: string;
  @ApiPropertyOptional({ example: 'https://tandem.example/problems/invalid-client' }) type?: string;
  @ApiPropertyOptional({ example: 'Unauthorized' }) title?: string;
  @ApiPropertyOptional({ example: 'Client authentication failed' }) detail?: string;
  @ApiPropertyOptional({ example: '/api/v1/auth/token' }) instance?: string;
  @ApiPropertyOptional({ example: '0f7d3c1e-5a4b-4f6e-9d2c-8b1a0e3f4c5d' }) requestId?: string;
  @ApiPropertyOptional({ type: FieldErrorResponse, isArray: true }) errors?: FieldErrorResponse[];
}
