/**
 * What the start-up log tells the operator about signing in (pure: the facts come from the
 * database and the configuration). Never names a password; the email is the operator's own
 * TANDEM_ADMIN_EMAIL, which they typed.
 */
export interface SignInFacts {
  /** Active platform administrators (password sign-in). */
  platformAdmins: number;
  /** Active administrators of a local authority. */
  laAdmins: number;
  /** Whether TANDEM_ADMIN_EMAIL/PASSWORD were set for this start. */
  bootstrapAdminConfigured: boolean;
}

export interface SignInAdvice {
  level: 'info' | 'warn';
  message: string;
}

export function signInAdvice(baseUrl: string, facts: SignInFacts): SignInAdvice {
  const login = `POST ${baseUrl}/api/v1/auth/login with {"email","password"} → a bearer token (try it at ${baseUrl}/docs)`;
  if (facts.platformAdmins + facts.laAdmins === 0)
    return {
      level: 'warn',
      message:
        'nobody can administer Tandem: no active administrator exists (a fresh install?). ' +
        'Restart with TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD (≥ 12 characters) set to create ' +
        `the platform administrator, then sign in: ${login}`,
    };
  const who = facts.bootstrapAdminConfigured
    ? 'as TANDEM_ADMIN_EMAIL with TANDEM_ADMIN_PASSWORD (remove them from the environment once signed in)'
    : `as an administrator (${facts.platformAdmins} platform, ${facts.laAdmins} local-authority)`;
  return { level: 'info', message: `sign in ${who}: ${login}` };
}
