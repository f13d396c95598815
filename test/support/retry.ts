/** Runs `check` until it stops throwing, polling every `everyMs`; past `timeoutMs` its last error is thrown. */
export async function retryUntilPasses<T>(check: () => T | Promise<T>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
