import { signInAdvice } from './sign-in-advice';

const URL = 'http://localhost:3000';

describe('start-up sign-in advice', () => {
  it('warns on a fresh install with no admin variables that nobody can sign in, and says how', () => {
    const a = signInAdvice(URL, {
      platformAdmins: 0,
      laAdmins: 0,
      bootstrapAdminConfigured: false,
    });
    expect(a.level).toBe('warn');
    expect(a.message).toContain('nobody can administer Tandem');
    expect(a.message).toContain('TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD');
    expect(a.message).toContain(`POST ${URL}/api/v1/auth/login`);
  });

  it('with the bootstrap admin configured: says to sign in as TANDEM_ADMIN_EMAIL, at info', () => {
    const a = signInAdvice(URL, { platformAdmins: 1, laAdmins: 0, bootstrapAdminConfigured: true });
    expect(a.level).toBe('info');
    expect(a.message).toContain('as TANDEM_ADMIN_EMAIL with TANDEM_ADMIN_PASSWORD');
    expect(a.message).toContain(`POST ${URL}/api/v1/auth/login`);
    expect(a.message).toContain(`${URL}/docs`);
  });

  it('an install whose only administrators are an LA’s still says how to sign in, without warning', () => {
    const a = signInAdvice(URL, {
      platformAdmins: 0,
      laAdmins: 2,
      bootstrapAdminConfigured: false,
    });
    expect(a).toMatchObject({ level: 'info' });
    expect(a.message).toContain('0 platform, 2 local-authority');
  });
});
