/**
 * Training and demo sandboxes live in a reserved namespace of local-authority codes: a sandbox's
 * code starts with `SBX-`, and a real LA's code never does (database CHECK
 * `ck_local_authority_sandbox_code`, migration `SandboxCodeNamespace`). So a trainer cannot
 * take, or pass a sandbox off as, a real LA's code, and a real LA never lands among sandboxes.
 */
export const SANDBOX_CODE_PREFIX = 'SBX-';

/** A sandbox code: `SBX-` then 1–28 of A–Z, 0–9, _ and - (32 in all, as every LA code). */
export const SANDBOX_CODE = /^SBX-[A-Z0-9_-]{1,28}$/;

/** A real LA's code: 2–32 of A–Z, 0–9, _ and -, outside the sandbox namespace. */
export const REAL_LA_CODE = /^(?!SBX-)[A-Z0-9_-]{2,32}$/;

export const SANDBOX_CODE_RULE =
  'must be SBX- then 1-28 of A-Z, 0-9, _ and - (the sandbox namespace)';
export const REAL_LA_CODE_RULE =
  'must be 2-32 characters of A-Z, 0-9, _ or -, not starting with SBX- (reserved for training sandboxes)';
