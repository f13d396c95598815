import { previewHost } from './host.js';

/**
 * An `@salesforce/apex` method as Lightning calls it: the arguments go to the server, which runs
 * the class as the page's user; the method's return value comes back, or a rejection shaped as
 * Lightning shapes it (`{ body: { message }, status }`), which is what the components read.
 */
export async function callApex(className, method, params) {
    const { orgId, userEmail } = previewHost();
    const res = await fetch(`/preview/salesforce/apex/${className}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orgId, userEmail, params: params || {} })
    });
    const answer = await res.json().catch(() => ({ message: `The server answered ${res.status}` }));
    if (!res.ok) throw { body: { message: answer.message }, status: res.status, statusText: res.statusText };
    return answer.returnValue;
}
