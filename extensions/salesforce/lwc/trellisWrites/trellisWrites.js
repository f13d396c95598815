import { messageOf } from 'c/trellisFormat';

/** No answer from Trellis, a server error, or the same write still in progress: Trellis may have acted. */
const MAY_HAVE_ACTED = new Set(['error', 'internal_error', 'idempotency_key_in_use']);

/** A random (version 4) UUID from `crypto.getRandomValues`, which Lightning Locker and every browser provide. */
function newKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Per Apex method, the key of each write the user is making, by its arguments; freed once the write has its answer. */
const pendingByMethod = new WeakMap();

/**
 * Calls an Apex write once per user action: it passes an idempotency key, which the Apex class
 * sends as the Idempotency-Key header and repeats on its own retry, and which the user's "try
 * again" after a failure that may have reached Trellis repeats too, so Trellis acts once.
 */
export async function writeOnce(apexMethod, args) {
    const pending = pendingByMethod.get(apexMethod) || new Map();
    pendingByMethod.set(apexMethod, pending);
    const request = JSON.stringify(args);
    const key = pending.get(request) || newKey();
    pending.set(request, key);
    try {
        const reply = await apexMethod({ ...args, idempotencyKey: key });
        pending.delete(request);
        return reply;
    } catch (e) {
        if (!MAY_HAVE_ACTED.has(messageOf(e).code)) pending.delete(request);
        throw e;
    }
}
