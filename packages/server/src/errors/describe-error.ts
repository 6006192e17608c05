/** Builds error facts for logs and job_runs: type, code, message and stack, without driver details that may quote row values. */
export function describeError(error: unknown) {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-error value thrown' };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, ...(typeof code === 'string' ? { code } : {}), message: error.message, stack: error.stack };
}
