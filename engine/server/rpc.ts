/**
 * The JSON-RPC-ish wire protocol of the API over a message channel (WebSocket, or any string
 * channel): requests `{ id, method, params }`, replies `{ id, result }` or
 * `{ id, error: { code, message, details } }`, pushed events `{ event, payload }`. Every request
 * is checked before it reaches the service, its params against the method's schema
 * (api/api-params.ts); nothing a client sends can throw out of `handle`.
 */
import { API_PARAMS } from '../api/api-params';
import { checkParams } from '../api/param-schema';
import { API_METHODS, type ApiError, type ApiMethod, type InspectorApi } from '../api/types';
import { apiError } from '../api/views';

export interface RpcRequest {
  id: number | string;
  method: ApiMethod;
  params: unknown;
}

export type RpcReply =
  { id: number | string | null; result: unknown } | { id: number | string | null; error: ApiError };

const METHODS = new Set<string>(API_METHODS);

function invalid(id: RpcReply['id'], message: string, details: ApiError['details'] = {}): RpcReply {
  return { id, error: { code: 'InvalidInput', message, details } };
}

/** Check and run one request; always resolves to the reply (used by every transport). */
export async function dispatch(
  api: InspectorApi,
  id: RpcReply['id'],
  method: unknown,
  params: unknown,
): Promise<RpcReply> {
  if (typeof method !== 'string' || !METHODS.has(method)) {
    return invalid(id, `unknown method ${JSON.stringify(method)}`, { method: String(method) });
  }
  if (
    params !== undefined &&
    (typeof params !== 'object' || params === null || Array.isArray(params))
  ) {
    return invalid(id, `params of ${method} must be an object`);
  }
  try {
    const checked = checkParams(method, API_PARAMS[method as ApiMethod], params ?? {});
    const fn = api[method as ApiMethod] as (req: unknown) => Promise<unknown>;
    const result = await fn.call(api, checked);
    return { id, result: result ?? null };
  } catch (e) {
    return { id, error: apiError(e) };
  }
}

/** Parse and dispatch one message; always resolves to the reply to send. */
export async function handleMessage(api: InspectorApi, text: string): Promise<RpcReply> {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (e) {
    return invalid(null, `malformed message: not JSON (${(e as Error).message})`, {
      length: text.length,
    });
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return invalid(null, 'malformed message: expected an object { id, method, params }');
  }
  const { id, method, params } = message as Partial<RpcRequest>;
  if (typeof id !== 'number' && typeof id !== 'string')
    return invalid(null, 'malformed message: `id` must be a number or string');
  return dispatch(api, id, method, params);
}
